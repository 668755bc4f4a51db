using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>The server's acknowledgment of <c>stop_recording</c> (§6.3).</summary>
    public sealed class StopRecordingAcknowledgment : LiveMessage
    {
        public bool Acknowledged { get; internal set; }

        /// <summary>Seconds of audio received in total.</summary>
        public double? RecordingDuration { get; internal set; }

        /// <summary>Seconds of audio still waiting to be transcribed.</summary>
        public double? RecordingLeftToProcess { get; internal set; }

        internal static StopRecordingAcknowledgment FromJson(JsonElement root, string type)
        {
            var message = new StopRecordingAcknowledgment();
            message.ReadEnvelope(root, type);
            var data = TolerantJson.GetObject(root, "data");
            message.Acknowledged = TolerantJson.GetBoolean(root, "acknowledged") ?? message.Error is null;
            if (data is { } payload)
            {
                message.RecordingDuration = TolerantJson.GetSeconds(payload, "recording_duration");
                message.RecordingLeftToProcess = TolerantJson.GetSeconds(payload, "recording_left_to_process");
            }

            return message;
        }
    }
}
