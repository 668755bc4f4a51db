using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>pre_processing</c> (§3.3).</summary>
    public sealed class PreProcessingConfig
    {
        /// <summary>Enhance the incoming audio before transcription.</summary>
        [JsonPropertyName("audio_enhancer")]
        public bool? AudioEnhancer { get; set; }

        /// <summary>Speech-detection sensitivity between 0 and 1; nearer 1 treats less background noise as speech.</summary>
        [JsonPropertyName("speech_threshold")]
        public double? SpeechThreshold { get; set; }
    }
}
