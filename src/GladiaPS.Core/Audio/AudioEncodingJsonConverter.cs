using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Audio
{
    /// <summary>Reads and writes <see cref="AudioEncoding"/> as its wire name.</summary>
    internal sealed class AudioEncodingJsonConverter : JsonConverter<AudioEncoding>
    {
        public override AudioEncoding Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("encoding: expected a string such as \"wav/pcm\".");
            }

            var text = reader.GetString();
            if (!AudioEncodings.TryParse(text, out var encoding))
            {
                throw new JsonException($"encoding: '{text}' is not supported; use one of {string.Join(", ", AudioEncodings.All)}.");
            }

            return encoding;
        }

        public override void Write(Utf8JsonWriter writer, AudioEncoding value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToWireName());
    }
}
