using System.Text.Json;

namespace GladiaPS.Core.Messages
{
    /// <summary>The session exists and is ready. It may arrive more than once, or not at all (§11 #8).</summary>
    public sealed class StartSessionMessage : LifecycleMessage
    {
        internal static StartSessionMessage FromJson(JsonElement root, string type)
        {
            var message = new StartSessionMessage();
            message.ReadEnvelope(root, type);
            return message;
        }
    }
}
