using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>pre_processing</c> (§3.3).</summary>
    public sealed class PreProcessingConfig
    {
        /// <summary>
        /// Fields of this object without a typed property, sent as they are (options the API adds later).
        /// Read from JSON by <see cref="LiveSessionOptions.FromJson"/> and kept by <see cref="LiveSessionOptions.Clone"/>;
        /// a name that is also a typed field here is refused by <see cref="LiveSessionOptions.Validate"/>.
        /// </summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary>Enhance the incoming audio before transcription.</summary>
        [JsonPropertyName("audio_enhancer")]
        public bool? AudioEnhancer { get; set; }

        /// <summary>Speech-detection sensitivity between 0 and 1; nearer 1 treats less background noise as speech.</summary>
        [JsonPropertyName("speech_threshold")]
        public double? SpeechThreshold { get; set; }
    }
}
