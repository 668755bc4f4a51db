using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary>
    /// One vocabulary item. Written as a bare string when only <see cref="Value"/> is set, otherwise
    /// as an object; a string converts to an entry implicitly.
    /// </summary>
    [JsonConverter(typeof(CustomVocabularyEntryJsonConverter))]
    public sealed class CustomVocabularyEntry
    {
        public CustomVocabularyEntry()
        {
        }

        public CustomVocabularyEntry(string value)
        {
            Value = value;
        }

        /// <summary>Text written into the transcript.</summary>
        public string? Value { get; set; }

        /// <summary>Strength of the bias for this entry.</summary>
        public double? Intensity { get; set; }

        /// <summary>Alternative spoken forms.</summary>
        public IList<string>? Pronunciations { get; set; }

        /// <summary>Transcription code used for sound comparison.</summary>
        public string? Language { get; set; }

        /// <summary>Fields of the entry object without a typed property, sent as they are (options the API adds later).</summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary>True when the entry is written as a bare string.</summary>
        [JsonIgnore]
        public bool IsPlainValue => Intensity is null && Pronunciations is null && Language is null && (AdditionalFields is null || AdditionalFields.Count == 0);

        public static implicit operator CustomVocabularyEntry(string value) => new CustomVocabularyEntry(value);

        public override string ToString() => Value ?? string.Empty;
    }
}
