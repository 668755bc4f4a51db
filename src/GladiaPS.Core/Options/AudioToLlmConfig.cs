using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>audio_to_llm_config</c> of a pre-recorded job: prompts answered about the transcript.</summary>
    public sealed class AudioToLlmConfig
    {
        /// <summary>Fields of this object without a typed property, sent as they are (options the API adds later).</summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary>The prompts, one answer each.</summary>
        [JsonPropertyName("prompts")]
        public IList<string>? Prompts { get; set; }

        /// <summary>The language model that answers; unset for the server's default.</summary>
        [JsonPropertyName("model")]
        public string? Model { get; set; }
    }
}
