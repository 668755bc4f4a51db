using System.Text.Json;

namespace GladiaPS.Core.Messages
{
    /// <summary>Audio streaming began.</summary>
    public sealed class StartRecordingMessage : LifecycleMessage
    {
        internal static StartRecordingMessage FromJson(JsonElement root, string type)
        {
            var message = new StartRecordingMessage();
            message.ReadEnvelope(root, type);
            return message;
        }
    }
}
