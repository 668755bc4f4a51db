using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>realtime_processing.custom_vocabulary_config</c>.</summary>
    public sealed class CustomVocabularyConfig
    {
        /// <summary>
        /// Fields of this object without a typed property, sent as they are (options the API adds later).
        /// Read from JSON by <see cref="LiveSessionOptions.FromJson"/> and kept by <see cref="LiveSessionOptions.Clone"/>;
        /// a name that is also a typed field here is refused by <see cref="LiveSessionOptions.Validate"/>.
        /// </summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary>Terms to bias the model toward: plain strings or entries with intensity, pronunciations and language.</summary>
        [JsonPropertyName("vocabulary")]
        public IList<CustomVocabularyEntry>? Vocabulary { get; set; }

        /// <summary>Intensity for entries that set none.</summary>
        [JsonPropertyName("default_intensity")]
        public double? DefaultIntensity { get; set; }
    }
}
