using System.Text.Json;

namespace GladiaPS.Core.Messages
{
    /// <summary>The session is finished, post-processing included. The server then closes with 1000.</summary>
    public sealed class EndSessionMessage : LifecycleMessage
    {
        internal static EndSessionMessage FromJson(JsonElement root, string type)
        {
            var message = new EndSessionMessage();
            message.ReadEnvelope(root, type);
            return message;
        }
    }
}
