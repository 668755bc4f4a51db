using System.Text.Json;
using System.Text.Json.Nodes;

namespace GladiaPS.Emulator.Protocol
{
    /// <summary>
    /// The nine <c>messages_config</c>/<c>callback_config</c> flags (reference §3.6) with the emulator's defaults for
    /// flags that are not given: partial transcripts and lifecycle events off, everything else on
    /// (so acks are on when no <c>messages_config</c> is sent).
    /// </summary>
    internal sealed record MessageFlags(
        bool PartialTranscripts,
        bool FinalTranscripts,
        bool SpeechEvents,
        bool PreProcessingEvents,
        bool RealtimeProcessingEvents,
        bool PostProcessingEvents,
        bool Acknowledgments,
        bool Errors,
        bool LifecycleEvents)
    {
        public static readonly MessageFlags Defaults = new(false, true, true, true, true, true, true, true, false);

        public static readonly MessageFlags None = new(false, false, false, false, false, false, false, false, false);

        public static MessageFlags From(JsonElement? config)
        {
            if (config is not { ValueKind: JsonValueKind.Object } c) return Defaults;
            return new MessageFlags(
                Flag(c, "receive_partial_transcripts", Defaults.PartialTranscripts),
                Flag(c, "receive_final_transcripts", Defaults.FinalTranscripts),
                Flag(c, "receive_speech_events", Defaults.SpeechEvents),
                Flag(c, "receive_pre_processing_events", Defaults.PreProcessingEvents),
                Flag(c, "receive_realtime_processing_events", Defaults.RealtimeProcessingEvents),
                Flag(c, "receive_post_processing_events", Defaults.PostProcessingEvents),
                Flag(c, "receive_acknowledgments", Defaults.Acknowledgments),
                Flag(c, "receive_errors", Defaults.Errors),
                Flag(c, "receive_lifecycle_events", Defaults.LifecycleEvents));
        }

        public bool Allows(MessageKind kind) => kind switch
        {
            MessageKind.Acknowledgment => Acknowledgments,
            MessageKind.Lifecycle => LifecycleEvents,
            MessageKind.Speech => SpeechEvents,
            MessageKind.PartialTranscript => PartialTranscripts,
            MessageKind.FinalTranscript => FinalTranscripts,
            MessageKind.Realtime => RealtimeProcessingEvents,
            MessageKind.PostProcessing => PostProcessingEvents,
            MessageKind.Fault => true,
            _ => false,
        };

        public JsonObject ToJson() => new()
        {
            ["receive_partial_transcripts"] = PartialTranscripts,
            ["receive_final_transcripts"] = FinalTranscripts,
            ["receive_speech_events"] = SpeechEvents,
            ["receive_pre_processing_events"] = PreProcessingEvents,
            ["receive_realtime_processing_events"] = RealtimeProcessingEvents,
            ["receive_post_processing_events"] = PostProcessingEvents,
            ["receive_acknowledgments"] = Acknowledgments,
            ["receive_errors"] = Errors,
            ["receive_lifecycle_events"] = LifecycleEvents,
        };

        private static bool Flag(JsonElement config, string name, bool fallback) =>
            config.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? value.GetBoolean()
                : fallback;
    }
}
