using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>post_processing</c> (§3.5).</summary>
    public sealed class PostProcessingConfig
    {
        /// <summary>
        /// Fields of this object without a typed property, sent as they are (options the API adds later).
        /// Read from JSON by <see cref="LiveSessionOptions.FromJson"/> and kept by <see cref="LiveSessionOptions.Clone"/>;
        /// a name that is also a typed field here is refused by <see cref="LiveSessionOptions.Validate"/>.
        /// </summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary>Summary of the whole transcript after recording ends.</summary>
        [JsonPropertyName("summarization")]
        public bool? Summarization { get; set; }

        [JsonPropertyName("summarization_config")]
        public SummarizationConfig? SummarizationConfig { get; set; }

        /// <summary>Deprecated and ignored by the server; sent only when set.</summary>
        [JsonPropertyName("chapterization")]
        public bool? Chapterization { get; set; }
    }
}
