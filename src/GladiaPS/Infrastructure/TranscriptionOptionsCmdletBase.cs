using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using GladiaPS.Completion;
using GladiaPS.Core.Options;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// The options a live session and a pre-recorded job share, where Gladia's field is the same (languages, vocabulary,
    /// spelling, translation, summary, chapters, entities, sentiment, callback, metadata, -Option): declared once, mapped
    /// once into the sections both bodies use. Each kind places the sections where its body has them and adds its own.
    /// Switches left out leave the server's default; -Switch:$false sends false.
    /// </summary>
    public abstract class TranscriptionOptionsCmdletBase : GladiaApiCmdletBase
    {
        private bool? _codeSwitching;
        private bool? _namedEntities;
        private bool? _sentiment;
        private bool? _summarize;
        private bool? _chapterize;
        private bool? _matchUtterances;
        private bool? _lipsync;
        private bool? _contextAdaptation;
        private bool? _informal;

        /// <summary>The model: live models for the live commands, batch models for Invoke-GladiaTranscription; any name is sent.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ModelCompleter))]
        public string? Model { get; set; }

        /// <summary>Languages to expect (codes such as en, fr); the server detects the language when omitted.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(LanguageCompleter))]
        public string[]? Language { get; set; }

        [Parameter]
        public SwitchParameter CodeSwitching { get => _codeSwitching == true; set => _codeSwitching = value.IsPresent; }

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

        /// <summary>Languages to translate into.</summary>
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

        /// <summary>
        /// Text that says what the audio is about, to help the translation; implies -ContextAdaptation. Also -Context, the
        /// API's name for it, which without the alias would bind to -ContextAdaptation as a prefix.
        /// </summary>
        [Parameter]
        [Alias("Context")]
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

        /// <summary>Cut the transcript into chapters, each with a headline and a summary.</summary>
        [Parameter]
        public SwitchParameter Chapterize { get => _chapterize == true; set => _chapterize = value.IsPresent; }

        /// <summary>A URL the server posts to: a live session's messages, or a finished job.</summary>
        [Parameter]
        public Uri? CallbackUrl { get; set; }

        /// <summary>More callback_config fields as a hashtable: which messages go there (live), or the method, POST or PUT (pre-recorded).</summary>
        [Parameter]
        [PlainValues]
        public IDictionary? CallbackConfig { get; set; }

        /// <summary>Your own fields stored with the session or job, searchable with -CustomMetadata when listing.</summary>
        [Parameter]
        [PlainValues]
        public IDictionary? CustomMetadata { get; set; }

        /// <summary>Request fields the module has no parameter for yet, merged into the request at any depth.</summary>
        [Parameter]
        [PlainValues]
        public IDictionary? Option { get; set; }

        /// <summary><c>language_config</c>, or null when no parameter sets it.</summary>
        private protected LanguageConfig? BuildLanguageConfig() =>
            Language is { Length: > 0 } || _codeSwitching is not null
                ? new LanguageConfig { Languages = Language?.Select(l => l.Trim()).ToList(), CodeSwitching = _codeSwitching }
                : null;

        /// <summary><c>custom_vocabulary_config</c>, or null when no parameter sets it.</summary>
        /// <exception cref="GladiaValidationException">-CustomVocabularyIntensity without -CustomVocabulary, or an item of the wrong kind.</exception>
        private protected CustomVocabularyConfig? BuildVocabulary()
        {
            if (CustomVocabulary is { Length: > 0 })
            {
                return new CustomVocabularyConfig
                {
                    Vocabulary = CustomVocabulary.Select((item, i) => VocabularyEntry(item, i)).ToList(),
                    DefaultIntensity = CustomVocabularyIntensity,
                };
            }

            if (CustomVocabularyIntensity is not null)
            {
                throw new GladiaValidationException(nameof(CustomVocabularyIntensity), "-CustomVocabularyIntensity needs -CustomVocabulary: give the words it applies to.");
            }

            return null;
        }

        /// <summary><c>custom_spelling_config</c>, or null when -CustomSpelling is not given.</summary>
        private protected CustomSpellingConfig? BuildSpelling()
        {
            if (CustomSpelling is null)
            {
                return null;
            }

            var dictionary = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in CustomSpelling)
            {
                dictionary[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = Strings(entry.Value).ToList();
            }

            return new CustomSpellingConfig { SpellingDictionary = dictionary };
        }

        /// <summary><c>translation_config</c>, or null when -TranslateTo is not given.</summary>
        /// <exception cref="GladiaValidationException">A translation parameter without -TranslateTo; names it.</exception>
        private protected TranslationConfig? BuildTranslation()
        {
            if (TranslateTo is { Length: > 0 })
            {
                return new TranslationConfig
                {
                    TargetLanguages = TranslateTo.Select(l => l.Trim()).ToList(),
                    Model = TranslationModel,
                    MatchOriginalUtterances = _matchUtterances,
                    Lipsync = _lipsync,
                    ContextAdaptation = TranslationContext is not null ? true : _contextAdaptation,
                    Context = TranslationContext,
                    Informal = _informal,
                };
            }

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

            return null;
        }

        /// <summary><c>summarization</c>: on with -SummaryType, else as -Summarize says (null: the server's default).</summary>
        private protected bool? Summarization => SummaryType is not null ? true : _summarize;

        private protected SummarizationConfig? BuildSummarization() => SummaryType is null ? null : new SummarizationConfig { Type = SummaryType };

        private protected bool? Chapterization => _chapterize;

        private protected bool? NamedEntities => _namedEntities;

        private protected bool? Sentiment => _sentiment;

        /// <summary>The <c>callback_config</c> from -CallbackUrl and -CallbackConfig, or null when neither is given.</summary>
        /// <exception cref="GladiaValidationException">A -CallbackConfig key that is not a field of <typeparamref name="TConfig"/>.</exception>
        private protected TConfig? BuildCallback<TConfig>(Func<Uri?, TConfig> create, Func<TConfig, Uri?> url, Action<TConfig, Uri?> setUrl)
            where TConfig : class
        {
            if (CallbackUrl is null && CallbackConfig is null)
            {
                return null;
            }

            var callback = create(CallbackUrl);
            if (CallbackConfig is not null)
            {
                DictionaryBinder.Apply(CallbackConfig, callback, nameof(CallbackConfig));
                if (url(callback) is null)
                {
                    setUrl(callback, CallbackUrl);
                }
            }

            return callback;
        }

        /// <summary>Warns of values the known-value lists do not hold; they are sent as given. Pipeline thread only.</summary>
        private protected void WarnUnknownValues(IEnumerable<GladiaUnknownValue> values, Func<string, string> parameterFor) =>
            UnknownValueWarnings.Write(this, values, field =>
            {
                // A value that came in -Option is named as such, not by the parameter the user did not type.
                var parameter = parameterFor(field);
                return Option is not null && !MyInvocation.BoundParameters.ContainsKey(parameter) ? nameof(Option) : parameter;
            });

        /// <summary>
        /// The shared parameter a wire field comes from, wherever the body puts the section (live nests some under
        /// <c>realtime_processing</c> or <c>post_processing</c>); null when the field is not one of the shared ones.
        /// </summary>
        internal static string? SharedParameterFor(string field)
        {
            foreach (var section in new[] { "realtime_processing.", "post_processing." })
            {
                if (field.StartsWith(section, StringComparison.Ordinal))
                {
                    field = field.Substring(section.Length);
                }
            }

            return field switch
            {
                "model" => nameof(Model),
                "custom_metadata" => nameof(CustomMetadata),
                _ when field.StartsWith("language_config", StringComparison.Ordinal) => nameof(Language),
                _ when field.StartsWith("custom_vocabulary", StringComparison.Ordinal) => nameof(CustomVocabulary),
                _ when field.StartsWith("custom_spelling", StringComparison.Ordinal) => nameof(CustomSpelling),
                _ when field.StartsWith("translation_config.model", StringComparison.Ordinal) => nameof(TranslationModel),
                _ when field.StartsWith("translation_config.context", StringComparison.Ordinal) => nameof(TranslationContext),
                _ when field.StartsWith("translation", StringComparison.Ordinal) => nameof(TranslateTo),
                _ when field.StartsWith("summarization", StringComparison.Ordinal) => nameof(SummaryType),
                _ when field.StartsWith("chapterization", StringComparison.Ordinal) => nameof(Chapterize),
                _ when field.StartsWith("callback_config.url", StringComparison.Ordinal) => nameof(CallbackUrl),
                _ when field.StartsWith("callback", StringComparison.Ordinal) => nameof(CallbackConfig),
                _ => null,
            };
        }

        /// <summary>What a wire field that no parameter sets is named as: the -Option it came in, or the parameter named in the field.</summary>
        internal static string OtherParameterFor(string field) => field.StartsWith("-", StringComparison.Ordinal) ? field.TrimStart('-') : nameof(Option);

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
    }
}
