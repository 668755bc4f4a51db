using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>realtime_processing.custom_spelling_config</c>.</summary>
    public sealed class CustomSpellingConfig
    {
        /// <summary>Desired spelling → the variants to replace with it.</summary>
        [JsonPropertyName("spelling_dictionary")]
        public IDictionary<string, IList<string>>? SpellingDictionary { get; set; }
    }
}
