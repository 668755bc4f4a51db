using System.Globalization;
using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>
    /// The server's acknowledgment of received audio (§6.3). <see cref="ByteEnd"/> is exclusive: the
    /// session's cumulative count of bytes received.
    /// </summary>
    public sealed class AudioChunkAcknowledgment : LiveMessage
    {
        public bool Acknowledged { get; internal set; }

        public long? ByteStart { get; internal set; }

        public long? ByteEnd { get; internal set; }

        public double? TimeStart { get; internal set; }

        public double? TimeEnd { get; internal set; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "audio_chunk {0} [{1}, {2})", Acknowledged ? "ack" : "nack", ByteStart, ByteEnd);

        internal static AudioChunkAcknowledgment FromJson(JsonElement root, string type)
        {
            var message = new AudioChunkAcknowledgment();
            message.ReadEnvelope(root, type);
            var data = TolerantJson.GetObject(root, "data");
            message.Acknowledged = TolerantJson.GetBoolean(root, "acknowledged") ?? (message.Error is null && data is not null);
            if (data is { } payload)
            {
                if (TolerantJson.GetArray(payload, "byte_range") is { } bytes && bytes.GetArrayLength() >= 2)
                {
                    message.ByteStart = TolerantJson.AsInt64(bytes[0]);
                    message.ByteEnd = TolerantJson.AsInt64(bytes[1]);
                }

                if (TolerantJson.GetArray(payload, "time_range") is { } times && times.GetArrayLength() >= 2)
                {
                    message.TimeStart = TolerantJson.AsDouble(times[0]);
                    message.TimeEnd = TolerantJson.AsDouble(times[1]);
                }
            }

            return message;
        }
    }
}
