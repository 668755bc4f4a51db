using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>realtime_processing.custom_vocabulary_config</c>.</summary>
    public sealed class CustomVocabularyConfig
    {
        /// <summary>Terms to bias the model toward: plain strings or entries with intensity, pronunciations and language.</summary>
        [JsonPropertyName("vocabulary")]
        public IList<CustomVocabularyEntry>? Vocabulary { get; set; }

        /// <summary>Intensity for entries that set none.</summary>
        [JsonPropertyName("default_intensity")]
        public double? DefaultIntensity { get; set; }
    }
}
