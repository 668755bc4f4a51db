using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary>
    /// <c>messages_config</c> (§3.6): which messages arrive on the WebSocket. Unset flags are not sent.
    /// </summary>
    public class MessagesConfig
    {
        /// <summary>
        /// Fields of this object without a typed property, sent as they are (options the API adds later).
        /// Read from JSON by <see cref="LiveSessionOptions.FromJson"/> and kept by <see cref="LiveSessionOptions.Clone"/>;
        /// a name that is also a typed field here is refused by <see cref="LiveSessionOptions.Validate"/>.
        /// </summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

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
