using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>realtime_processing</c> (§3.4).</summary>
    public sealed class RealtimeProcessingConfig
    {
        /// <summary>
        /// Fields of this object without a typed property, sent as they are (options the API adds later).
        /// Read from JSON by <see cref="LiveSessionOptions.FromJson"/> and kept by <see cref="LiveSessionOptions.Clone"/>;
        /// a name that is also a typed field here is refused by <see cref="LiveSessionOptions.Validate"/>.
        /// </summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        [JsonPropertyName("custom_vocabulary")]
        public bool? CustomVocabulary { get; set; }

        [JsonPropertyName("custom_vocabulary_config")]
        public CustomVocabularyConfig? CustomVocabularyConfig { get; set; }

        [JsonPropertyName("custom_spelling")]
        public bool? CustomSpelling { get; set; }

        [JsonPropertyName("custom_spelling_config")]
        public CustomSpellingConfig? CustomSpellingConfig { get; set; }

        /// <summary>Live translation; produces <c>translation</c> messages.</summary>
        [JsonPropertyName("translation")]
        public bool? Translation { get; set; }

        [JsonPropertyName("translation_config")]
        public TranslationConfig? TranslationConfig { get; set; }

        /// <summary>Produces <c>named_entity_recognition</c> messages.</summary>
        [JsonPropertyName("named_entity_recognition")]
        public bool? NamedEntityRecognition { get; set; }

        /// <summary>Produces <c>sentiment_analysis</c> messages.</summary>
        [JsonPropertyName("sentiment_analysis")]
        public bool? SentimentAnalysis { get; set; }
    }
}
