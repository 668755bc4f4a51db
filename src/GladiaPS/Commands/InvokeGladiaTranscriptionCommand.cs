using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using GladiaPS.Completion;
using GladiaPS.Core.Audio.Inputs;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;
using GladiaPS.Infrastructure;

namespace GladiaPS.Commands
{
    /// <summary>
    /// Pre-recorded transcription: each file is uploaded (or a URL given as it is), a job is created with every option,
    /// and its utterances are written as transcripts once it is done. Up to -ThrottleLimit files at once.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "GladiaTranscription", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(GladiaTranscript), typeof(GladiaTranscription))]
    public sealed class InvokeGladiaTranscriptionCommand : GladiaApiCmdletBase
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string UrlSet = "Url";

        private readonly List<Task> _running = new List<Task>();
        private bool? _codeSwitching;
        private bool? _namedEntities;
        private bool? _sentiment;
        private bool? _summarize;
        private bool? _diarization;
        private bool? _subtitles;
        private bool? _pii;
        private bool? _sentences;
        private GladiaRestClient? _client;
        private TranscriptionSettings? _settings;
        private int _activityId = 1;

        /// <summary>Audio or video files; wildcards are expanded.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Files taken as written; Get-ChildItem output binds here by its PSPath.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Public audio or video URLs (or signed storage URLs): nothing is uploaded.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UrlSet)]
        public Uri[] Url { get; set; } = Array.Empty<Uri>();

        [Parameter]
        [ArgumentCompleter(typeof(PreRecordedModelCompleter))]
        public string? Model { get; set; }

        /// <summary>Languages to expect (codes such as en, fr); the server detects the language when omitted.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(LanguageCompleter))]
        public string[]? Language { get; set; }

        [Parameter]
        public SwitchParameter CodeSwitching { get => _codeSwitching == true; set => _codeSwitching = value.IsPresent; }

        /// <summary>Label each utterance with its speaker.</summary>
        [Parameter]
        public SwitchParameter Diarization { get => _diarization == true; set => _diarization = value.IsPresent; }

        /// <summary>The number of speakers, when known; implies -Diarization.</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int? Speakers { get; set; }

        /// <summary>At least this many speakers; implies -Diarization.</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int? MinSpeakers { get; set; }

        /// <summary>At most this many speakers; implies -Diarization.</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int? MaxSpeakers { get; set; }

        /// <summary>Have the server write subtitle files (in the result's Subtitles).</summary>
        [Parameter]
        public SwitchParameter Subtitles { get => _subtitles == true; set => _subtitles = value.IsPresent; }

        /// <summary>srt and/or vtt; implies -Subtitles.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SubtitleFormatCompleter))]
        public string[]? SubtitleFormat { get; set; }

        /// <summary>Replace personal data in the transcript.</summary>
        [Parameter]
        public SwitchParameter PiiRedaction { get => _pii == true; set => _pii = value.IsPresent; }

        /// <summary>What to redact: presets such as GDPR or entity types such as PHONE_NUMBER; implies -PiiRedaction.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(PiiEntityTypeCompleter))]
        public string[]? PiiEntityType { get; set; }

        /// <summary>Also cut the transcript into sentences (in the result's Sentences).</summary>
        [Parameter]
        public SwitchParameter Sentences { get => _sentences == true; set => _sentences = value.IsPresent; }

        /// <summary>Prompts answered about each transcript (in the result's AudioToLlm).</summary>
        [Parameter]
        public string[]? AudioToLlm { get; set; }

        /// <summary>Words to favour: strings, or hashtables with Value, Intensity, Pronunciations and Language.</summary>
        [Parameter]
        [PlainValues]
        public object[]? CustomVocabulary { get; set; }

        [Parameter]
        public double? CustomVocabularyIntensity { get; set; }

        /// <summary>How to spell words: a hashtable from the spelling wanted to the spellings heard.</summary>
        [Parameter]
        [PlainValues]
        public IDictionary? CustomSpelling { get; set; }

        /// <summary>Languages to translate the transcript into.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(TranslationLanguageCompleter))]
        public string[]? TranslateTo { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(TranslationModelCompleter))]
        public string? TranslationModel { get; set; }

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

        /// <summary>A URL the server sends each finished job to.</summary>
        [Parameter]
        public Uri? CallbackUrl { get; set; }

        /// <summary>Your own fields stored with each job and searchable with Get-GladiaTranscription -CustomMetadata.</summary>
        [Parameter]
        [PlainValues]
        public IDictionary? CustomMetadata { get; set; }

        /// <summary>Job fields the module has no parameter for yet, merged into the request at any depth.</summary>
        [Parameter]
        [PlainValues]
        public IDictionary? Option { get; set; }

        /// <summary>How many files to upload and wait for at once (default 4).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Seconds to wait at most for each job (default 7200); the job goes on on the server after that.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public double Timeout { get; set; } = 7200;

        /// <summary>Write each file's finished result instead of its utterances.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Write each created job and return without waiting (collect them with Get-GladiaTranscription -Wait).</summary>
        [Parameter]
        public SwitchParameter NoWait { get; set; }

        protected override void BeginProcessing()
        {
            PreRecordedOptions options;
            try
            {
                options = BuildOptions();
            }
            catch (GladiaValidationException exception)
            {
                ThrowTerminatingError(new ErrorRecord(exception, "InvalidOption", ErrorCategory.InvalidArgument, exception.Field));
                return;
            }

            var wait = new PreRecordedWaitOptions { Timeout = TimeSpan.FromSeconds(Math.Min(Timeout, int.MaxValue / 1000.0)) };
            _settings = new TranscriptionSettings(options, wait, NoWait, PassThru);
            _client = CreateClient();
        }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case UrlSet:
                    foreach (var url in Url)
                    {
                        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                        {
                            WriteError(GladiaErrors.Create("-Url: '" + url + "' is not an http or https URL.", "InvalidUrl", ErrorCategory.InvalidArgument, url));
                            continue;
                        }

                        Start(null, url);
                    }

                    break;
                default:
                    var literal = ParameterSetName == LiteralPathSet;
                    foreach (var path in literal ? LiteralPath : Path)
                    {
                        foreach (var file in FilePaths.Resolve(this, path, literal))
                        {
                            if (Directory.Exists(file))
                            {
                                WriteError(GladiaErrors.Create("'" + file + "' is a folder, not an audio file; pass the files in it (Get-ChildItem -File).",
                                    "PathIsFolder", ErrorCategory.InvalidArgument, file));
                                continue;
                            }

                            Start(AudioInput.FromFile(file), null);
                        }
                    }

                    break;
            }
        }

        protected override void EndProcessing() => WaitUntil(() => _running.All(t => t.IsCompleted), Task.WhenAll(_running));

        internal override void OnDispose() => _client?.Dispose();

        /// <summary>Starts one input once fewer than -ThrottleLimit run, writing what the running ones say meanwhile.</summary>
        private void Start(AudioInput? input, Uri? url)
        {
            WaitUntil(() => _running.Count(t => !t.IsCompleted) < ThrottleLimit, Task.WhenAny(_running.Where(t => !t.IsCompleted).DefaultIfEmpty(Task.CompletedTask)));
            var run = new TranscriptionRun(this, _client!, _settings!, input, url, _activityId++);
            var token = Cancellation;
            _running.Add(Task.Run(() => run.RunAsync(token), System.Threading.CancellationToken.None));
        }

        /// <summary>The job body every input shares, checked before any upload; an error names the parameter.</summary>
        private PreRecordedOptions BuildOptions()
        {
            var options = new PreRecordedOptions { Model = Model, Sentences = _sentences, NamedEntityRecognition = _namedEntities, SentimentAnalysis = _sentiment };
            if (Language is { Length: > 0 } || _codeSwitching is not null)
            {
                options.LanguageConfig = new LanguageConfig { Languages = Language?.Select(l => l.Trim()).ToList(), CodeSwitching = _codeSwitching };
            }

            if (Speakers is not null || MinSpeakers is not null || MaxSpeakers is not null)
            {
                options.Diarization = _diarization ?? true;
                options.DiarizationConfig = new DiarizationConfig { NumberOfSpeakers = Speakers, MinSpeakers = MinSpeakers, MaxSpeakers = MaxSpeakers };
            }
            else
            {
                options.Diarization = _diarization;
            }

            options.Subtitles = SubtitleFormat is { Length: > 0 } ? _subtitles ?? true : _subtitles;
            if (SubtitleFormat is { Length: > 0 })
            {
                options.SubtitlesConfig = new SubtitlesConfig { Formats = SubtitleFormat.Select(f => f.Trim().ToLowerInvariant()).ToList() };
            }

            options.PiiRedaction = PiiEntityType is { Length: > 0 } ? _pii ?? true : _pii;
            if (PiiEntityType is { Length: > 0 })
            {
                options.PiiRedactionConfig = new PiiRedactionConfig { EntityTypes = PiiEntityType.Select(t => t.Trim()).ToList() };
            }

            if (AudioToLlm is { Length: > 0 })
            {
                options.AudioToLlm = true;
                options.AudioToLlmConfig = new AudioToLlmConfig { Prompts = AudioToLlm.ToList() };
            }

            if (CustomVocabulary is { Length: > 0 })
            {
                options.CustomVocabulary = true;
                options.CustomVocabularyConfig = new CustomVocabularyConfig
                {
                    Vocabulary = CustomVocabulary.Select((item, i) => LiveSessionOptionsCmdletBase.VocabularyEntry(item, i)).ToList(),
                    DefaultIntensity = CustomVocabularyIntensity,
                };
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
                    dictionary[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = LiveSessionOptionsCmdletBase.Strings(entry.Value).ToList();
                }

                options.CustomSpelling = true;
                options.CustomSpellingConfig = new CustomSpellingConfig { SpellingDictionary = dictionary };
            }

            if (TranslateTo is { Length: > 0 })
            {
                options.Translation = true;
                options.TranslationConfig = new TranslationConfig { TargetLanguages = TranslateTo.Select(l => l.Trim()).ToList(), Model = TranslationModel };
            }
            else if (TranslationModel is not null)
            {
                throw new GladiaValidationException(nameof(TranslationModel), "-TranslationModel needs -TranslateTo: give the languages to translate into.");
            }

            if (_summarize is not null || SummaryType is not null)
            {
                options.Summarization = SummaryType is not null ? true : _summarize;
                options.SummarizationConfig = SummaryType is null ? null : new SummarizationConfig { Type = SummaryType };
            }

            if (CallbackUrl is not null)
            {
                options.Callback = true;
                options.CallbackConfig = new JobCallbackConfig { Url = CallbackUrl };
            }

            if (CustomMetadata is not null)
            {
                try
                {
                    options.SetCustomMetadata(PlainValues.Unwrap(CustomMetadata), "-" + nameof(CustomMetadata));
                }
                catch (GladiaValidationException exception)
                {
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
                var parameter = ParameterFor(exception.Field);
                throw new GladiaValidationException(parameter, "-" + parameter + ": " + exception.Message);
            }

            return options;
        }

        /// <summary>The parameter a wire field comes from, so an error names what the user typed.</summary>
        private static string ParameterFor(string field) => field switch
        {
            "model" => nameof(Model),
            "custom_metadata" => nameof(CustomMetadata),
            _ when field.StartsWith("language_config", StringComparison.Ordinal) => nameof(Language),
            _ when field.StartsWith("diarization_config.number_of_speakers", StringComparison.Ordinal) => nameof(Speakers),
            _ when field.StartsWith("diarization_config.min_speakers", StringComparison.Ordinal) => nameof(MinSpeakers),
            _ when field.StartsWith("diarization_config.max_speakers", StringComparison.Ordinal) => nameof(MaxSpeakers),
            _ when field.StartsWith("subtitles_config.formats", StringComparison.Ordinal) => nameof(SubtitleFormat),
            _ when field.StartsWith("pii_redaction_config", StringComparison.Ordinal) => nameof(PiiEntityType),
            _ when field.StartsWith("audio_to_llm", StringComparison.Ordinal) => nameof(AudioToLlm),
            _ when field.StartsWith("custom_vocabulary", StringComparison.Ordinal) => nameof(CustomVocabulary),
            _ when field.StartsWith("custom_spelling", StringComparison.Ordinal) => nameof(CustomSpelling),
            _ when field.StartsWith("translation_config.model", StringComparison.Ordinal) => nameof(TranslationModel),
            _ when field.StartsWith("translation", StringComparison.Ordinal) => nameof(TranslateTo),
            _ when field.StartsWith("summarization", StringComparison.Ordinal) => nameof(SummaryType),
            _ when field.StartsWith("callback", StringComparison.Ordinal) => nameof(CallbackUrl),
            _ => field.StartsWith("-", StringComparison.Ordinal) ? field.TrimStart('-') : nameof(Option),
        };
    }
}
