using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>diarization_config</c> of a pre-recorded job: how many speakers to look for.</summary>
    public sealed class DiarizationConfig
    {
        /// <summary>Fields of this object without a typed property, sent as they are (options the API adds later).</summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary>The exact number of speakers, when known.</summary>
        [JsonPropertyName("number_of_speakers")]
        public int? NumberOfSpeakers { get; set; }

        /// <summary>At least this many speakers.</summary>
        [JsonPropertyName("min_speakers")]
        public int? MinSpeakers { get; set; }

        /// <summary>At most this many speakers.</summary>
        [JsonPropertyName("max_speakers")]
        public int? MaxSpeakers { get; set; }
    }
}
