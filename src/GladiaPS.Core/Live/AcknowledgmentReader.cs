using System;
using System.Text.Json;

namespace GladiaPS.Core.Live
{
    /// <summary>
    /// Reads the common case of the most frequent message, an accepted <c>audio_chunk</c> ack, straight
    /// from the frame's bytes without building a message object or strings. Anything else (another type,
    /// a rejection, an error, an odd shape) returns false and goes through the full parser.
    /// </summary>
    internal static class AcknowledgmentReader
    {
        private static readonly byte[] TypeName = System.Text.Encoding.UTF8.GetBytes("type");
        private static readonly byte[] AudioChunk = System.Text.Encoding.UTF8.GetBytes("audio_chunk");
        private static readonly byte[] AcknowledgedName = System.Text.Encoding.UTF8.GetBytes("acknowledged");
        private static readonly byte[] ErrorName = System.Text.Encoding.UTF8.GetBytes("error");
        private static readonly byte[] DataName = System.Text.Encoding.UTF8.GetBytes("data");
        private static readonly byte[] ByteRangeName = System.Text.Encoding.UTF8.GetBytes("byte_range");

        public static bool TryRead(ReadOnlySpan<byte> utf8, out long start, out long end)
        {
            start = 0;
            end = 0;
            try
            {
                var reader = new Utf8JsonReader(utf8);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                bool isAudioChunk = false, accepted = false, hasRange = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals(TypeName))
                    {
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(AudioChunk))
                        {
                            return false;
                        }

                        isAudioChunk = true;
                    }
                    else if (reader.ValueTextEquals(AcknowledgedName))
                    {
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.True)
                        {
                            return false;
                        }

                        accepted = true;
                    }
                    else if (reader.ValueTextEquals(ErrorName))
                    {
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.Null)
                        {
                            return false;
                        }
                    }
                    else if (reader.ValueTextEquals(DataName))
                    {
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.StartObject || !TryReadRange(ref reader, out start, out end))
                        {
                            return false;
                        }

                        hasRange = true;
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }

                return isAudioChunk && accepted && hasRange && reader.TokenType == JsonTokenType.EndObject;
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                return false;
            }
        }

        private static bool TryReadRange(ref Utf8JsonReader reader, out long start, out long end)
        {
            start = 0;
            end = 0;
            var found = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(ByteRangeName))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray ||
                        !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out start) ||
                        !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out end) ||
                        !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                    {
                        return false;
                    }

                    found = true;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return found && reader.TokenType == JsonTokenType.EndObject;
        }
    }
}
