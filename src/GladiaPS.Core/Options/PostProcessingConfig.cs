using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>post_processing</c> (§3.5).</summary>
    public sealed class PostProcessingConfig
    {
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
