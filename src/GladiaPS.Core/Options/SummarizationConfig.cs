using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>post_processing.summarization_config</c>.</summary>
    public sealed class SummarizationConfig
    {
        /// <summary>
        /// Fields of this object without a typed property, sent as they are (options the API adds later).
        /// Read from JSON by <see cref="LiveSessionOptions.FromJson"/> and kept by <see cref="LiveSessionOptions.Clone"/>;
        /// a name that is also a typed field here is refused by <see cref="LiveSessionOptions.Validate"/>.
        /// </summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary><c>general</c>, <c>bullet_points</c> or <c>concise</c>.</summary>
        [JsonPropertyName("type")]
        public string? Type { get; set; }
    }
}
