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
    /// (New-GladiaLiveSession, Send-GladiaAudio). Values are checked before any request, and an error names
    /// the parameter. Switches left out leave the server's default; -Switch:$false sends false.
    /// </summary>
    public abstract class LiveSessionOptionsCmdletBase : GladiaApiCmdletBase
    {
        private bool? _codeSwitching;
        private bool? _audioEnhancer;
        private bool? _namedEntities;
        private bool? _sentiment;
        private bool? _summarize;
        private bool? _chapterize;
        private bool? _partials;
        private bool? _speechEvents;
        private bool? _lifecycle;
        private bool? _acknowledgments;
        private bool? _matchUtterances;
        private bool? _lipsync;
        private bool? _contextAdaptation;
        private bool? _informal;

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

        [Parameter]
        [ArgumentCompleter(typeof(ModelCompleter))]
        public string? Model { get; set; }

        /// <summary>Languages to expect (codes such as en, fr); the server detects the language when omitted.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(LanguageCompleter))]
        public string[]? Language { get; set; }

        [Parameter]
        public SwitchParameter CodeSwitching { get => _codeSwitching == true; set => _codeSwitching = value.IsPresent; }

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

        /// <summary>Words to favour: strings, or hashtables with Value, Intensity, Pronunciations and Language.</summary>
        [Parameter]
        [PlainValues]
        public object[]? CustomVocabulary { get; set; }

        [Parameter]
        public double? CustomVocabularyIntensity { get; set; }

        /// <summary>How to spell words: a hashtable from the spelling wanted to the spellings heard, e.g. @{ Gladia = 'gladya','gladiah' }.</summary>
        [Parameter]
        [PlainValues]
        public IDictionary? CustomSpelling { get; set; }

        /// <summary>Languages to translate every utterance into.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(TranslationLanguageCompleter))]
        public string[]? TranslateTo { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(TranslationModelCompleter))]
        public string? TranslationModel { get; set; }

        /// <summary>Align translated utterances with the utterances they translate.</summary>
        [Parameter]
        public SwitchParameter MatchOriginalUtterances { get => _matchUtterances == true; set => _matchUtterances = value.IsPresent; }

        /// <summary>Translations suited to lip-sync (dubbing).</summary>
        [Parameter]
        public SwitchParameter Lipsync { get => _lipsync == true; set => _lipsync = value.IsPresent; }

        /// <summary>Let the translation use -TranslationContext.</summary>
        [Parameter]
        public SwitchParameter ContextAdaptation { get => _contextAdaptation == true; set => _contextAdaptation = value.IsPresent; }

        /// <summary>Text that says what the audio is about, to help the translation; implies -ContextAdaptation.</summary>
        [Parameter]
        public string? TranslationContext { get; set; }

        /// <summary>The informal register where the target language has one.</summary>
        [Parameter]
        public SwitchParameter Informal { get => _informal == true; set => _informal = value.IsPresent; }

        [Parameter]
        public SwitchParameter NamedEntityRecognition { get => _namedEntities == true; set => _namedEntities = value.IsPresent; }

        [Parameter]
        public SwitchParameter SentimentAnalysis { get => _sentiment == true; set => _sentiment = value.IsPresent; }

        [Parameter]
        public SwitchParameter Summarize { get => _summarize == true; set => _summarize = value.IsPresent; }

        /// <summary>general, bullet_points or concise; implies -Summarize.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SummaryTypeCompleter))]
        public string? SummaryType { get; set; }

        [Parameter]
        public SwitchParameter Chapterize { get => _chapterize == true; set => _chapterize = value.IsPresent; }

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

        /// <summary>A URL the server posts the session's messages to.</summary>
        [Parameter]
        public Uri? CallbackUrl { get; set; }

        /// <summary>Which messages go to the callback: a hashtable of callback_config fields, e.g. @{ receive_partial_transcripts = $true }.</summary>
        [Parameter]
        [PlainValues]
        public IDictionary? CallbackConfig { get; set; }

        /// <summary>Your own fields stored with the session and searchable with Get-GladiaLiveResult -CustomMetadata.</summary>
        [Parameter]
        [PlainValues]
        public IDictionary? CustomMetadata { get; set; }

        /// <summary>Init fields the module has no parameter for yet, merged into the request at any depth.</summary>
        [Parameter]
        [PlainValues]
        public IDictionary? Option { get; set; }

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

            if (Language is { Length: > 0 } || _codeSwitching is not null)
            {
                options.LanguageConfig = new LanguageConfig
                {
                    Languages = Language?.Select(l => l.Trim()).ToList(),
                    CodeSwitching = _codeSwitching,
                };
            }

            if (_audioEnhancer is not null || SpeechThreshold is not null)
            {
                options.PreProcessing = new PreProcessingConfig { AudioEnhancer = _audioEnhancer, SpeechThreshold = SpeechThreshold };
            }

            options.RealtimeProcessing = BuildRealtime();
            if (_summarize is not null || SummaryType is not null || _chapterize is not null)
            {
                options.PostProcessing = new PostProcessingConfig
                {
                    Summarization = SummaryType is not null ? true : _summarize,
                    SummarizationConfig = SummaryType is null ? null : new SummarizationConfig { Type = SummaryType },
                    Chapterization = _chapterize,
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

            if (CallbackUrl is not null || CallbackConfig is not null)
            {
                options.Callback = true;
                var callback = new CallbackConfig { Url = CallbackUrl };
                if (CallbackConfig is not null)
                {
                    DictionaryBinder.Apply(CallbackConfig, callback, nameof(CallbackConfig));
                    callback.Url ??= CallbackUrl;
                }

                options.CallbackConfig = callback;
            }

            if (CustomMetadata is not null)
            {
                try
                {
                    options.SetCustomMetadata(PlainValues.Unwrap(CustomMetadata), "-" + nameof(CustomMetadata));
                }
                catch (GladiaValidationException exception)
                {
                    // The message keeps the path into the hashtable; the field is the parameter, as for every other error.
                    throw new GladiaValidationException(nameof(CustomMetadata), exception.Message);
                }
            }

            if (Option is not null)
            {
                try
                {
                    options = options.WithFields(PlainValues.Unwrap(Option)!, "-" + nameof(Option));
                }
                catch (GladiaValidationException exception) when (exception.Field.StartsWith("-", StringComparison.Ordinal))
                {
                    throw new GladiaValidationException(nameof(Option), exception.Message);
                }
            }

            try
            {
                options.Validate();
            }
            catch (GladiaValidationException exception)
            {
                throw new GladiaValidationException(ParameterFor(exception.Field), "-" + ParameterFor(exception.Field) + ": " + exception.Message);
            }

            return options;
        }

        /// <summary>Warns of values the known-value lists do not hold; they are sent as given. Pipeline thread only.</summary>
        internal void WarnUnknownValues(LiveSessionOptions options) => UnknownValueWarnings.Write(this, options.FindUnknownValues(), field =>
        {
            // A value that came in -Option is named as such, not by the parameter the user did not type.
            var parameter = ParameterFor(field);
            return Option is not null && !MyInvocation.BoundParameters.ContainsKey(parameter) ? nameof(Option) : parameter;
        });

        /// <summary>How the session uses its socket: acknowledgments passed on only when asked for.</summary>
        internal LiveConnectionOptions BuildConnectionOptions() => new LiveConnectionOptions { ForwardAcknowledgments = _acknowledgments == true };

        /// <summary>Messages the caller asked to see that a batch run would otherwise leave out.</summary>
        internal bool WantsPartials => _partials == true;

        // Unset (the server's default) unless -ReceiveEvents was given; then listed is on and left out is off.
        private bool? Receives(string group) =>
            ReceiveEvents is null ? null : ReceiveEvents.Any(e => string.Equals(e, group, StringComparison.OrdinalIgnoreCase));

        private RealtimeProcessingConfig? BuildRealtime()
        {
            var realtime = new RealtimeProcessingConfig();
            var any = false;
            if (CustomVocabulary is { Length: > 0 })
            {
                realtime.CustomVocabulary = true;
                realtime.CustomVocabularyConfig = new CustomVocabularyConfig
                {
                    Vocabulary = CustomVocabulary.Select((item, i) => VocabularyEntry(item, i)).ToList(),
                    DefaultIntensity = CustomVocabularyIntensity,
                };
                any = true;
            }
            else if (CustomVocabularyIntensity is not null)
            {
                throw new GladiaValidationException(nameof(CustomVocabularyIntensity), "-CustomVocabularyIntensity needs -CustomVocabulary: give the words it applies to.");
            }

            if (CustomSpelling is not null)
            {
                var dictionary = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in CustomSpelling)
                {
                    var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                    dictionary[key] = Strings(entry.Value).ToList();
                }

                realtime.CustomSpelling = true;
                realtime.CustomSpellingConfig = new CustomSpellingConfig { SpellingDictionary = dictionary };
                any = true;
            }

            if (TranslateTo is { Length: > 0 })
            {
                realtime.Translation = true;
                realtime.TranslationConfig = new TranslationConfig
                {
                    TargetLanguages = TranslateTo.Select(l => l.Trim()).ToList(),
                    Model = TranslationModel,
                    MatchOriginalUtterances = _matchUtterances,
                    Lipsync = _lipsync,
                    ContextAdaptation = TranslationContext is not null ? true : _contextAdaptation,
                    Context = TranslationContext,
                    Informal = _informal,
                };
                any = true;
            }
            else
            {
                var translationOnly = new[]
                {
                    (nameof(TranslationModel), TranslationModel is not null), (nameof(MatchOriginalUtterances), _matchUtterances is not null),
                    (nameof(Lipsync), _lipsync is not null), (nameof(ContextAdaptation), _contextAdaptation is not null),
                    (nameof(TranslationContext), TranslationContext is not null), (nameof(Informal), _informal is not null),
                }.FirstOrDefault(p => p.Item2).Item1;
                if (translationOnly is not null)
                {
                    throw new GladiaValidationException(translationOnly, "-" + translationOnly + " needs -TranslateTo: give the languages to translate into.");
                }
            }

            if (_namedEntities is not null)
            {
                realtime.NamedEntityRecognition = _namedEntities;
                any = true;
            }

            if (_sentiment is not null)
            {
                realtime.SentimentAnalysis = _sentiment;
                any = true;
            }

            return any ? realtime : null;
        }

        internal static CustomVocabularyEntry VocabularyEntry(object? item, int index)
        {
            var value = item is PSObject wrapped ? wrapped.BaseObject : item;
            switch (value)
            {
                case string text:
                    return new CustomVocabularyEntry(text);
                case IDictionary dictionary:
                    var entry = new CustomVocabularyEntry();
                    DictionaryBinder.Apply(dictionary, entry, "CustomVocabulary[" + index + "]");
                    return entry;
                default:
                    throw new GladiaValidationException(nameof(CustomVocabulary),
                        "-CustomVocabulary item " + index + " is a " + (value?.GetType().Name ?? "null") + "; give a string or a hashtable with Value, Intensity, Pronunciations, Language.");
            }
        }

        internal static IEnumerable<string> Strings(object? value)
        {
            value = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (value is string single)
            {
                return new[] { single };
            }

            return value is IEnumerable many
                ? many.Cast<object?>().Select(v => Convert.ToString(v is PSObject p ? p.BaseObject : v, CultureInfo.InvariantCulture) ?? string.Empty)
                : new[] { Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty };
        }

        /// <summary>The parameter a wire field comes from, so an error names what the user typed.</summary>
        internal static string ParameterFor(string field) => field switch
        {
            "encoding" => nameof(Encoding),
            "bit_depth" => nameof(BitDepth),
            "sample_rate" => nameof(SampleRate),
            "channels" => nameof(Channels),
            "model" => nameof(Model),
            "endpointing" => nameof(Endpointing),
            "maximum_duration_without_endpointing" => nameof(MaximumDurationWithoutEndpointing),
            "custom_metadata" => nameof(CustomMetadata),
            _ when field.StartsWith("language_config", StringComparison.Ordinal) => nameof(Language),
            _ when field.StartsWith("pre_processing.speech_threshold", StringComparison.Ordinal) => nameof(SpeechThreshold),
            _ when field.StartsWith("pre_processing", StringComparison.Ordinal) => nameof(AudioEnhancer),
            _ when field.StartsWith("realtime_processing.custom_vocabulary", StringComparison.Ordinal) => nameof(CustomVocabulary),
            _ when field.StartsWith("realtime_processing.custom_spelling", StringComparison.Ordinal) => nameof(CustomSpelling),
            _ when field.StartsWith("realtime_processing.translation_config.model", StringComparison.Ordinal) => nameof(TranslationModel),
            _ when field.StartsWith("realtime_processing.translation_config.context", StringComparison.Ordinal) => nameof(TranslationContext),
            _ when field.StartsWith("realtime_processing.translation", StringComparison.Ordinal) => nameof(TranslateTo),
            _ when field.StartsWith("post_processing.summarization", StringComparison.Ordinal) => nameof(SummaryType),
            _ when field.StartsWith("callback_config.url", StringComparison.Ordinal) => nameof(CallbackUrl),
            _ when field.StartsWith("callback", StringComparison.Ordinal) => nameof(CallbackConfig),
            _ => field.StartsWith("-", StringComparison.Ordinal) ? field.TrimStart('-') : nameof(Option),
        };
    }
}
