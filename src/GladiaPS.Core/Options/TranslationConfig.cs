using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>realtime_processing.translation_config</c>.</summary>
    public sealed class TranslationConfig
    {
        /// <summary>
        /// Fields of this object without a typed property, sent as they are (options the API adds later).
        /// Read from JSON by <see cref="LiveSessionOptions.FromJson"/> and kept by <see cref="LiveSessionOptions.Clone"/>;
        /// a name that is also a typed field here is refused by <see cref="LiveSessionOptions.Validate"/>.
        /// </summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary>Output languages: translation codes (transcription codes plus <c>wo</c>).</summary>
        [JsonPropertyName("target_languages")]
        public IList<string>? TargetLanguages { get; set; }

        /// <summary><c>base</c>, <c>batch</c> or <c>enhanced</c>.</summary>
        [JsonPropertyName("model")]
        public string? Model { get; set; }

        [JsonPropertyName("match_original_utterances")]
        public bool? MatchOriginalUtterances { get; set; }

        [JsonPropertyName("lipsync")]
        public bool? Lipsync { get; set; }

        [JsonPropertyName("context_adaptation")]
        public bool? ContextAdaptation { get; set; }

        [JsonPropertyName("context")]
        public string? Context { get; set; }

        [JsonPropertyName("informal")]
        public bool? Informal { get; set; }
    }
}
