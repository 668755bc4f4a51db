using System;
using System.IO;
using System.Text.Json;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;

namespace GladiaPS.Driver
{
    /// <summary>Writes the driver's output: one JSON object per line on stdout.</summary>
    internal sealed class JsonLineWriter
    {
        private readonly Stream _output;
        private readonly object _gate = new object();

        public JsonLineWriter(Stream output) => _output = output;

        /// <summary>A final transcript in full; every other message as its type only.</summary>
        public void WriteMessage(LiveMessage message)
        {
            Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("type", message.Type);
                if (message is TranscriptMessage { IsFinal: true } transcript)
                {
                    writer.WriteNumber("channel", transcript.Channel);
                    writer.WriteNumber("start", transcript.Start);
                    writer.WriteNumber("end", transcript.End);
                    writer.WriteString("text", transcript.Text);
                }

                writer.WriteEndObject();
            });
        }

        public void WriteSummary(string? sessionId, LiveSessionStatistics statistics)
        {
            Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartObject("summary");
                writer.WriteString("session_id", sessionId);
                writer.WriteNumber("bytes_sent", statistics.BytesSent);
                writer.WriteNumber("bytes_acked", statistics.BytesAcknowledged);
                writer.WriteNumber("reconnects", statistics.Reconnects);
                writer.WriteNumber("elapsed_ms", (long)Math.Round(statistics.ElapsedSeconds * 1000));
                writer.WriteEndObject();
                writer.WriteEndObject();
            });
        }

        private void Write(Action<Utf8JsonWriter> write)
        {
            lock (_gate)
            {
                using (var writer = new Utf8JsonWriter(_output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    write(writer);
                }

                _output.WriteByte((byte)'\n');
                _output.Flush();
            }
        }
    }
}
