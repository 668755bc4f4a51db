using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>
    /// A lifecycle event (§6.4): <c>start_session</c>, <c>start_recording</c>, <c>end_recording</c> or
    /// <c>end_session</c>. Only <c>end_recording</c> carries data.
    /// </summary>
    public abstract class LifecycleMessage : LiveMessage
    {
    }

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

    /// <summary>Recording ended; post-processing follows.</summary>
    public sealed class EndRecordingMessage : LifecycleMessage
    {
        /// <summary>Seconds of audio recorded.</summary>
        public double? RecordingDuration { get; set; }

        internal static EndRecordingMessage FromJson(JsonElement root, string type)
        {
            var message = new EndRecordingMessage();
            message.ReadEnvelope(root, type);
            if (TolerantJson.GetObject(root, "data") is { } data)
            {
                message.RecordingDuration = TolerantJson.GetDouble(data, "recording_duration");
            }

            return message;
        }
    }

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
