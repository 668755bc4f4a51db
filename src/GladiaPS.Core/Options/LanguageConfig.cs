using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>language_config</c> (§3.2).</summary>
    public sealed class LanguageConfig
    {
        /// <summary>
        /// Fields of this object without a typed property, sent as they are (options the API adds later).
        /// Read from JSON by <see cref="LiveSessionOptions.FromJson"/> and kept by <see cref="LiveSessionOptions.Clone"/>;
        /// a name that is also a typed field here is refused by <see cref="LiveSessionOptions.Validate"/>.
        /// </summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary>Transcription codes. Exactly one fixes the language; otherwise the model detects it among these (or all, when empty).</summary>
        [JsonPropertyName("languages")]
        public IList<string>? Languages { get; set; }

        /// <summary>Detect the language again on every utterance.</summary>
        [JsonPropertyName("code_switching")]
        public bool? CodeSwitching { get; set; }
    }
}
