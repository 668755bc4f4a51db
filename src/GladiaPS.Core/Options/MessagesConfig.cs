using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary>
    /// <c>messages_config</c> (§3.6): which messages arrive on the WebSocket. Unset flags are not sent.
    /// </summary>
    public class MessagesConfig
    {
        [JsonPropertyName("receive_partial_transcripts")]
        public bool? ReceivePartialTranscripts { get; set; }

        [JsonPropertyName("receive_final_transcripts")]
        public bool? ReceiveFinalTranscripts { get; set; }

        [JsonPropertyName("receive_speech_events")]
        public bool? ReceiveSpeechEvents { get; set; }

        [JsonPropertyName("receive_pre_processing_events")]
        public bool? ReceivePreProcessingEvents { get; set; }

        [JsonPropertyName("receive_realtime_processing_events")]
        public bool? ReceiveRealtimeProcessingEvents { get; set; }

        [JsonPropertyName("receive_post_processing_events")]
        public bool? ReceivePostProcessingEvents { get; set; }

        [JsonPropertyName("receive_acknowledgments")]
        public bool? ReceiveAcknowledgments { get; set; }

        [JsonPropertyName("receive_errors")]
        public bool? ReceiveErrors { get; set; }

        [JsonPropertyName("receive_lifecycle_events")]
        public bool? ReceiveLifecycleEvents { get; set; }
    }
}
