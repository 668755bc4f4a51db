using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>post_processing.summarization_config</c>.</summary>
    public sealed class SummarizationConfig
    {
        /// <summary><c>general</c>, <c>bullet_points</c> or <c>concise</c>.</summary>
        [JsonPropertyName("type")]
        public string? Type { get; set; }
    }
}
