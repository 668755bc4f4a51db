using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>realtime_processing.custom_spelling_config</c>.</summary>
    public sealed class CustomSpellingConfig
    {
        /// <summary>
        /// Fields of this object without a typed property, sent as they are (options the API adds later).
        /// Read from JSON by <see cref="LiveSessionOptions.FromJson"/> and kept by <see cref="LiveSessionOptions.Clone"/>;
        /// a name that is also a typed field here is refused by <see cref="LiveSessionOptions.Validate"/>.
        /// </summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary>Desired spelling → the variants to replace with it.</summary>
        [JsonPropertyName("spelling_dictionary")]
        public IDictionary<string, IList<string>>? SpellingDictionary { get; set; }
    }
}
