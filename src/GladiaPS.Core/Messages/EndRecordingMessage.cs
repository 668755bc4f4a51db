using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>Recording ended; post-processing follows.</summary>
    public sealed class EndRecordingMessage : LifecycleMessage
    {
        /// <summary>Seconds of audio recorded.</summary>
        public double? RecordingDuration { get; internal set; }

        internal static EndRecordingMessage FromJson(JsonElement root, string type)
        {
            var message = new EndRecordingMessage();
            message.ReadEnvelope(root, type);
            if (TolerantJson.GetObject(root, "data") is { } data)
            {
                message.RecordingDuration = TolerantJson.GetSeconds(data, "recording_duration");
            }

            return message;
        }
    }
}
