using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GladiaPS.Core.Audio;

namespace GladiaPS.Core.Options
{
    /// <summary>
    /// The body of <c>POST /v2/live</c> (§3). Every field is optional; unset fields are not sent and the
    /// server's defaults apply. <see cref="Validate"/> checks them against the server's ranges before
    /// anything is sent. <see cref="AdditionalFields"/> passes extra top-level fields through for options
    /// the API adds later, and each nested object's own <c>AdditionalFields</c> does the same at its depth
    /// (<see cref="FromJson"/> fills them, <see cref="Clone"/> copies them).
    /// </summary>
    public sealed class LiveSessionOptions : TranscriptionRequestOptions<LiveSessionOptions>
    {
        /// <summary><c>encoding</c>: must match the audio sent. Server default <c>wav/pcm</c>.</summary>
        [JsonPropertyName("encoding")]
        public AudioEncoding? Encoding { get; set; }

        /// <summary><c>bit_depth</c>: 8, 16, 24 or 32 (A-law and μ-law: 8). Server default 16.</summary>
        [JsonPropertyName("bit_depth")]
        public int? BitDepth { get; set; }

        /// <summary><c>sample_rate</c> in Hz: 8000, 16000, 32000, 44100 or 48000. Server default 16000.</summary>
        [JsonPropertyName("sample_rate")]
        public int? SampleRate { get; set; }

        /// <summary><c>channels</c>: 1–8 interleaved tracks. Server default 1.</summary>
        [JsonPropertyName("channels")]
        public int? Channels { get; set; }

        /// <summary><c>custom_metadata</c>: any JSON object; returned with the job and filterable in the list.</summary>
        [JsonPropertyName("custom_metadata")]
        public JsonObject? CustomMetadata { get; set; }

        /// <summary><c>model</c>: any string is passed through; see <see cref="GladiaKnownValues.Models"/>.</summary>
        [JsonPropertyName("model")]
        public string? Model { get; set; }

        /// <summary><c>endpointing</c>: seconds of silence that close an utterance, 0.01–10.</summary>
        [JsonPropertyName("endpointing")]
        public double? Endpointing { get; set; }

        /// <summary><c>maximum_duration_without_endpointing</c>: seconds, 5–60.</summary>
        [JsonPropertyName("maximum_duration_without_endpointing")]
        public double? MaximumDurationWithoutEndpointing { get; set; }

        [JsonPropertyName("language_config")]
        public LanguageConfig? LanguageConfig { get; set; }

        [JsonPropertyName("pre_processing")]
        public PreProcessingConfig? PreProcessing { get; set; }

        [JsonPropertyName("realtime_processing")]
        public RealtimeProcessingConfig? RealtimeProcessing { get; set; }

        [JsonPropertyName("post_processing")]
        public PostProcessingConfig? PostProcessing { get; set; }

        [JsonPropertyName("messages_config")]
        public MessagesConfig? MessagesConfig { get; set; }

        /// <summary><c>callback</c>: also POST the selected messages to <c>callback_config.url</c>.</summary>
        [JsonPropertyName("callback")]
        public bool? Callback { get; set; }

        [JsonPropertyName("callback_config")]
        public CallbackConfig? CallbackConfig { get; set; }

        /// <summary><see cref="Encoding"/>, or the server's default.</summary>
        [JsonIgnore]
        public AudioEncoding EffectiveEncoding => Encoding ?? AudioEncoding.Pcm;

        /// <summary><see cref="BitDepth"/>, or the server's default.</summary>
        [JsonIgnore]
        public int EffectiveBitDepth => BitDepth ?? GladiaKnownValues.DefaultBitDepth;

        /// <summary><see cref="SampleRate"/>, or the server's default.</summary>
        [JsonIgnore]
        public int EffectiveSampleRate => SampleRate ?? GladiaKnownValues.DefaultSampleRate;

        /// <summary><see cref="Channels"/>, or the server's default.</summary>
        [JsonIgnore]
        public int EffectiveChannels => Channels ?? GladiaKnownValues.DefaultChannels;

        /// <summary>Bytes per second of the stream these options describe: sample rate × bytes per sample × channels.</summary>
        [JsonIgnore]
        public int BytesPerSecond => EffectiveSampleRate * (EffectiveBitDepth / 8) * EffectiveChannels;

        /// <summary>Checks every set field against the server's ranges.</summary>
        /// <exception cref="GladiaValidationException">The first problem found; <see cref="GladiaValidationException.Field"/> is its wire path.</exception>
        public override void Validate() => LiveSessionOptionsValidator.Validate(this);

        /// <summary>
        /// Values in listed fields (languages, models, summary types, sample rates, bit depths) that this version does not
        /// know. <see cref="Validate"/> lets them through, since Gladia adds values over time; show these as warnings.
        /// </summary>
        public override IReadOnlyList<GladiaUnknownValue> FindUnknownValues() => LiveSessionOptionsValidator.FindUnknownValues(this);

        /// <summary>
        /// Reads an init body; fields without a typed property land in <see cref="AdditionalFields"/> (top level)
        /// or in the nested object's own <c>AdditionalFields</c>, at any depth, so that nothing is dropped.
        /// </summary>
        /// <exception cref="JsonException">The text is not a JSON object of this shape.</exception>
        public static LiveSessionOptions FromJson(string json) =>
            Read(json, OptionsJsonContext.Default.LiveSessionOptions, LiveSessionOptionsValidator.TypedFields, "The init body");

        /// <summary>A copy (as <see cref="Clone"/>) whose encoding, bit depth, sample rate and channels are <paramref name="format"/>'s.</summary>
        public LiveSessionOptions WithFormat(SessionAudioFormat format)
        {
            if (format is null)
            {
                throw new System.ArgumentNullException(nameof(format));
            }

            var copy = Clone();
            copy.Encoding = format.Encoding;
            copy.BitDepth = format.BitDepth;
            copy.SampleRate = format.SampleRate;
            copy.Channels = format.Channels;
            return copy;
        }

        private protected override JsonObject? Metadata { get => CustomMetadata; set => CustomMetadata = value; }

        private protected override JsonTypeInfo<LiveSessionOptions> TypeInfo => OptionsJsonContext.Default.LiveSessionOptions;

        private protected override ICollection<string> TypedFieldNames => LiveSessionOptionsValidator.TypedFields;

        /// <summary>The format and model in brief; never the metadata or callback URL.</summary>
        public override string ToString() =>
            $"{EffectiveEncoding.ToWireName()} {EffectiveBitDepth}-bit {EffectiveSampleRate} Hz x{EffectiveChannels}" +
            (Model is null ? string.Empty : " " + Model);
    }
}
