using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary>Reads a vocabulary item from a string or an entry object; writes the shorter form.</summary>
    internal sealed class CustomVocabularyEntryJsonConverter : JsonConverter<CustomVocabularyEntry>
    {
        public override CustomVocabularyEntry? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.String:
                    return new CustomVocabularyEntry(reader.GetString()!);
                case JsonTokenType.StartObject:
                    return ReadObject(ref reader);
                default:
                    throw new JsonException("vocabulary: each item must be a string or an object with a 'value'.");
            }
        }

        public override void Write(Utf8JsonWriter writer, CustomVocabularyEntry value, JsonSerializerOptions options)
        {
            if (value.IsPlainValue)
            {
                writer.WriteStringValue(value.Value);
                return;
            }

            writer.WriteStartObject();
            writer.WriteString("value", value.Value);
            if (value.Intensity is double intensity)
            {
                writer.WriteNumber("intensity", intensity);
            }

            if (value.Pronunciations != null)
            {
                writer.WriteStartArray("pronunciations");
                foreach (var p in value.Pronunciations)
                {
                    writer.WriteStringValue(p);
                }

                writer.WriteEndArray();
            }

            if (value.Language != null)
            {
                writer.WriteString("language", value.Language);
            }

            if (value.AdditionalFields != null)
            {
                foreach (var field in value.AdditionalFields)
                {
                    if (field.Key is "value" or "intensity" or "pronunciations" or "language")
                    {
                        throw new JsonException("custom vocabulary entry: '" + field.Key + "' is given both as a typed property and in AdditionalFields.");
                    }

                    writer.WritePropertyName(field.Key);
                    if (field.Value is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        field.Value.WriteTo(writer, options);
                    }
                }
            }

            writer.WriteEndObject();
        }

        private static CustomVocabularyEntry ReadObject(ref Utf8JsonReader reader)
        {
            var entry = new CustomVocabularyEntry();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "value":
                        entry.Value = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                        break;
                    case "intensity":
                        entry.Intensity = reader.TokenType == JsonTokenType.Null ? (double?)null : reader.GetDouble();
                        break;
                    case "language":
                        entry.Language = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                        break;
                    case "pronunciations":
                        entry.Pronunciations = ReadStrings(ref reader);
                        break;
                    default:
                        // Kept, so that fields the API adds later survive a round trip.
                        entry.AdditionalFields ??= new JsonObject();
                        entry.AdditionalFields[name!] = JsonNode.Parse(ref reader);
                        break;
                }
            }

            return entry;
        }

        private static IList<string>? ReadStrings(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("pronunciations: expected an array of strings.");
            }

            var list = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                list.Add(reader.GetString() ?? string.Empty);
            }

            return list;
        }
    }
}
