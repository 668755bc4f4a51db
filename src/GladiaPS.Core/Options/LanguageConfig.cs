using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>language_config</c> (§3.2).</summary>
    public sealed class LanguageConfig
    {
        /// <summary>Transcription codes. Exactly one fixes the language; otherwise the model detects it among these (or all, when empty).</summary>
        [JsonPropertyName("languages")]
        public IList<string>? Languages { get; set; }

        /// <summary>Detect the language again on every utterance.</summary>
        [JsonPropertyName("code_switching")]
        public bool? CodeSwitching { get; set; }
    }
}
