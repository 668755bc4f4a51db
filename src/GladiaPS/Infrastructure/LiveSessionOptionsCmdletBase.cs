using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using GladiaPS.Completion;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Live;
using GladiaPS.Core.Options;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// The init options of a live session, declared once for every cmdlet that creates sessions
    /// (New-GladiaLiveSession, Send-GladiaAudio): the options only live has, and where live's body puts the shared
    /// ones (<see cref="TranscriptionOptionsCmdletBase"/>). Values are checked before any request, and an error names
    /// the parameter. Switches left out leave the server's default; -Switch:$false sends false.
    /// </summary>
    public abstract class LiveSessionOptionsCmdletBase : TranscriptionOptionsCmdletBase
    {
        private bool? _audioEnhancer;
        private bool? _partials;
        private bool? _speechEvents;
        private bool? _lifecycle;
        private bool? _acknowledgments;

        /// <summary>wav/pcm, wav/alaw or wav/ulaw.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(EncodingCompleter))]
        public string? Encoding { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(BitDepthCompleter))]
        public int? BitDepth { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(SampleRateCompleter))]
        public int? SampleRate { get; set; }

        [Parameter]
        public int? Channels { get; set; }

        /// <summary>Seconds of silence that end an utterance (0.01 to 10).</summary>
        [Parameter]
        public double? Endpointing { get; set; }

        /// <summary>Seconds after which an utterance ends even without silence (5 to 60).</summary>
        [Parameter]
        public double? MaximumDurationWithoutEndpointing { get; set; }

        [Parameter]
        public SwitchParameter AudioEnhancer { get => _audioEnhancer == true; set => _audioEnhancer = value.IsPresent; }

        /// <summary>How loud sound must be to count as speech (0 to 1).</summary>
        [Parameter]
        public double? SpeechThreshold { get; set; }

        /// <summary>Also receive partial transcripts (the utterance in progress).</summary>
        [Parameter]
        public SwitchParameter PartialTranscripts { get => _partials == true; set => _partials = value.IsPresent; }

        [Parameter]
        public SwitchParameter SpeechEvents { get => _speechEvents == true; set => _speechEvents = value.IsPresent; }

        [Parameter]
        public SwitchParameter LifecycleEvents { get => _lifecycle == true; set => _lifecycle = value.IsPresent; }

        /// <summary>Also pass audio acknowledgments on to Receive-GladiaMessage (they are always used to resume).</summary>
        [Parameter]
        public SwitchParameter ReceiveAcknowledgments { get => _acknowledgments == true; set => _acknowledgments = value.IsPresent; }

        /// <summary>
        /// Which of the messages the server sends by default to receive: final, pre, realtime, post, errors. Those left out
        /// are turned off (-ReceiveEvents final,post: no translation or error messages).
        /// </summary>
        [Parameter]
        [ValidateSet("final", "pre", "realtime", "post", "errors", IgnoreCase = true)]
        public string[]? ReceiveEvents { get; set; }

        /// <summary>True when a parameter that sets the audio format was given.</summary>
        internal bool HasFormatParameters => Encoding is not null || BitDepth is not null || SampleRate is not null || Channels is not null;

        /// <summary>
        /// The session format: the one chosen for <paramref name="input"/> (or the API's default when there is no input),
        /// with whatever -Encoding, -BitDepth, -SampleRate and -Channels say instead.
        /// </summary>
        /// <exception cref="GladiaValidationException">A format parameter is out of range; names it.</exception>
        internal SessionAudioFormat ResolveFormat(SessionAudioFormat? chosen) => FormatParameters.Resolve(chosen);

        /// <summary>What -Encoding, -BitDepth, -SampleRate and -Channels say, to apply to each input's chosen format.</summary>
        internal SessionFormatParameters FormatParameters => new SessionFormatParameters(Encoding, BitDepth, SampleRate, Channels);

        /// <summary>The init request for a session in <paramref name="format"/>, every option checked.</summary>
        /// <exception cref="GladiaValidationException">An option is out of range; the message names the parameter.</exception>
        internal LiveSessionOptions BuildOptions(SessionAudioFormat format)
        {
            var options = new LiveSessionOptions
            {
                Encoding = format.Encoding,
                BitDepth = format.BitDepth,
                SampleRate = format.SampleRate,
                Channels = format.Channels,
                Model = Model,
                Endpointing = Endpointing,
                MaximumDurationWithoutEndpointing = MaximumDurationWithoutEndpointing,
            };

            options.LanguageConfig = BuildLanguageConfig();
            if (_audioEnhancer is not null || SpeechThreshold is not null)
            {
                options.PreProcessing = new PreProcessingConfig { AudioEnhancer = _audioEnhancer, SpeechThreshold = SpeechThreshold };
            }

            options.RealtimeProcessing = BuildRealtime();
            if (Summarization is not null || Chapterization is not null)
            {
                options.PostProcessing = new PostProcessingConfig
                {
                    Summarization = Summarization,
                    SummarizationConfig = BuildSummarization(),
                    Chapterization = Chapterization,
                };
            }

            if (_partials is not null || _speechEvents is not null || _lifecycle is not null || _acknowledgments is not null || ReceiveEvents is not null)
            {
                options.MessagesConfig = new MessagesConfig
                {
                    ReceivePartialTranscripts = _partials,
                    ReceiveSpeechEvents = _speechEvents,
                    ReceiveLifecycleEvents = _lifecycle,
                    ReceiveAcknowledgments = _acknowledgments,
                    ReceiveFinalTranscripts = Receives("final"),
                    ReceivePreProcessingEvents = Receives("pre"),
                    ReceiveRealtimeProcessingEvents = Receives("realtime"),
                    ReceivePostProcessingEvents = Receives("post"),
                    ReceiveErrors = Receives("errors"),
                };
            }

            options.CallbackConfig = BuildCallback(url => new CallbackConfig { Url = url }, c => c.Url, (c, url) => c.Url = url);
            options.Callback = options.CallbackConfig is null ? null : true;
            RefuseFormatInOption(Option);
            return RequestOptionsCompletion.Complete(options, CustomMetadata, Option, ParameterFor);
        }

        /// <summary>
        /// The module writes the audio (Send-GladiaAudio encodes each file, and converts into an existing session's format),
        /// so the init's format is the one it writes: a format field in -Option would be sent while the samples went out in
        /// another format. The parameters set it instead.
        /// </summary>
        /// <exception cref="GladiaValidationException">-Option has encoding, bit_depth, sample_rate or channels; names the parameter to use.</exception>
        internal static void RefuseFormatInOption(IDictionary? option)
        {
            if (option is null)
            {
                return;
            }

            foreach (var key in option.Keys)
            {
                var field = Convert.ToString(key is PSObject wrapped ? wrapped.BaseObject : key, CultureInfo.InvariantCulture) ?? string.Empty;
                var parameter = field.Trim().ToLowerInvariant() switch
                {
                    "encoding" => nameof(Encoding),
                    "bit_depth" => nameof(BitDepth),
                    "sample_rate" => nameof(SampleRate),
                    "channels" => nameof(Channels),
                    _ => null,
                };
                if (parameter is not null)
                {
                    throw new GladiaValidationException(nameof(Option),
                        "-Option " + field + ": the audio format is set with -Encoding, -BitDepth, -SampleRate and -Channels, since GladiaPS " +
                        "writes the audio it sends in that format; use -" + parameter + " instead.");
                }
            }
        }

        /// <summary>Warns of values the known-value lists do not hold; they are sent as given. Pipeline thread only.</summary>
        internal void WarnUnknownValues(LiveSessionOptions options) => WarnUnknownValues(options.FindUnknownValues(), ParameterFor);

        /// <summary>How the session uses its socket: acknowledgments passed on only when asked for.</summary>
        internal LiveConnectionOptions BuildConnectionOptions() => new LiveConnectionOptions { ForwardAcknowledgments = _acknowledgments == true };

        /// <summary>Messages the caller asked to see that a batch run would otherwise leave out.</summary>
        internal bool WantsPartials => _partials == true;

        // Unset (the server's default) unless -ReceiveEvents was given; then listed is on and left out is off.
        private bool? Receives(string group) =>
            ReceiveEvents is null ? null : ReceiveEvents.Any(e => string.Equals(e, group, StringComparison.OrdinalIgnoreCase));

        private RealtimeProcessingConfig? BuildRealtime()
        {
            var realtime = new RealtimeProcessingConfig
            {
                CustomVocabularyConfig = BuildVocabulary(),
                CustomSpellingConfig = BuildSpelling(),
                TranslationConfig = BuildTranslation(),
                NamedEntityRecognition = NamedEntities,
                SentimentAnalysis = Sentiment,
            };
            realtime.CustomVocabulary = realtime.CustomVocabularyConfig is null ? null : true;
            realtime.CustomSpelling = realtime.CustomSpellingConfig is null ? null : true;
            realtime.Translation = realtime.TranslationConfig is null ? null : true;
            var any = realtime.CustomVocabularyConfig is not null || realtime.CustomSpellingConfig is not null || realtime.TranslationConfig is not null
                || NamedEntities is not null || Sentiment is not null;
            return any ? realtime : null;
        }

        /// <summary>The parameter a wire field comes from, so an error names what the user typed.</summary>
        internal static string ParameterFor(string field) => field switch
        {
            "encoding" => nameof(Encoding),
            "bit_depth" => nameof(BitDepth),
            "sample_rate" => nameof(SampleRate),
            "channels" => nameof(Channels),
            "endpointing" => nameof(Endpointing),
            "maximum_duration_without_endpointing" => nameof(MaximumDurationWithoutEndpointing),
            _ when field.StartsWith("pre_processing.speech_threshold", StringComparison.Ordinal) => nameof(SpeechThreshold),
            _ when field.StartsWith("pre_processing", StringComparison.Ordinal) => nameof(AudioEnhancer),
            _ => SharedParameterFor(field) ?? OtherParameterFor(field),
        };
    }
}
