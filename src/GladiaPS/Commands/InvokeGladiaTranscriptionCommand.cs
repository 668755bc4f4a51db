using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
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
    [Cmdlet(VerbsLifecycle.Invoke, "GladiaTranscription", DefaultParameterSetName = PathSet, HelpUri = HelpLinks.Help + "Invoke-GladiaTranscription.md")]
    [OutputType(typeof(GladiaTranscript), typeof(GladiaTranscription))]
    public sealed class InvokeGladiaTranscriptionCommand : TranscriptionOptionsCmdletBase
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string UrlSet = "Url";

        private readonly List<Task> _running = new List<Task>();
        private readonly JobsLeftRunning _jobs = new JobsLeftRunning();
        private bool _verbose;
        private int _saidJobsLeftRunning;
        private BatchFailure? _batch;
        private bool? _diarization;
        private bool? _subtitles;
        private bool? _pii;
        private bool? _sentences;
        private bool? _punctuation;
        private GladiaRestClient? _client;
        private TranscriptionSettings? _settings;
        private int _activityId = 1;

        /// <summary>Audio or video files; wildcards are expanded. An absolute http or https URL among them is taken as -Url.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Files taken as written; Get-ChildItem output binds here by its PSPath.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Public audio or video URLs (or signed storage URLs): nothing is uploaded. Objects with a Url property bind here (Import-Csv).</summary>
        [Parameter(Mandatory = true, ParameterSetName = UrlSet, ValueFromPipelineByPropertyName = true)]
        public string[] Url { get; set; } = Array.Empty<string>();

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

        /// <summary>Shortest subtitle cue, in seconds (0 to 30); implies -Subtitles.</summary>
        [Parameter]
        public double? SubtitleMinimumDuration { get; set; }

        /// <summary>Longest subtitle cue, in seconds (0 to 30); implies -Subtitles.</summary>
        [Parameter]
        public double? SubtitleMaximumDuration { get; set; }

        /// <summary>Characters per subtitle row at most; implies -Subtitles.</summary>
        [Parameter]
        public int? SubtitleMaximumCharactersPerRow { get; set; }

        /// <summary>Rows per subtitle cue at most; implies -Subtitles.</summary>
        [Parameter]
        public int? SubtitleMaximumRowsPerCaption { get; set; }

        /// <summary>default or compliance; implies -Subtitles.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SubtitleStyleCompleter))]
        public string? SubtitleStyle { get; set; }

        /// <summary>Replace personal data in the transcript.</summary>
        [Parameter]
        public SwitchParameter PiiRedaction { get => _pii == true; set => _pii = value.IsPresent; }

        /// <summary>What to redact: presets such as GDPR or entity types such as PHONE_NUMBER; implies -PiiRedaction.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(PiiEntityTypeCompleter))]
        public string[]? PiiEntityType { get; set; }

        /// <summary>How redacted text reads: MARKER ([PHONE_NUMBER]) or MASK (#####); implies -PiiRedaction.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(PiiProcessedTextTypeCompleter))]
        public string? PiiProcessedTextType { get; set; }

        /// <summary>Also cut the transcript into sentences (in the result's Sentences).</summary>
        [Parameter]
        public SwitchParameter Sentences { get => _sentences == true; set => _sentences = value.IsPresent; }

        /// <summary>Enhanced punctuation.</summary>
        [Parameter]
        public SwitchParameter PunctuationEnhanced { get => _punctuation == true; set => _punctuation = value.IsPresent; }

        /// <summary>Prompts answered about each transcript (in the result's AudioToLlm).</summary>
        [Parameter]
        public string[]? AudioToLlm { get; set; }

        /// <summary>The language model that answers the -AudioToLlm prompts; the server's default when omitted.</summary>
        [Parameter]
        public string? AudioToLlmModel { get; set; }

        /// <summary>How many files to upload and wait for at once (default 4).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Seconds to wait at most for each job (default 7200); the job goes on on the server after that.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public double Timeout { get; set; } = WaitBounds.JobSeconds;

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

            WarnUnknownValues(options.FindUnknownValues(), ParameterFor);
            var wait = new PreRecordedWaitOptions { Timeout = TimeSpan.FromSeconds(Math.Min(Timeout, int.MaxValue / 1000.0)) };
            _settings = new TranscriptionSettings(options, wait, NoWait, PassThru);
            _client = CreateClient();
            _batch = new BatchFailure(Cancellation, Messages.Wake, ApiUrl);
            _verbose = IsVerboseOn();
        }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case UrlSet:
                    foreach (var text in Url)
                    {
                        if (!TryWebUrl(text, out var url))
                        {
                            WriteError(GladiaErrors.Create("-Url: '" + ShownUrl(text) + "' is not an http or https URL.", "InvalidUrl",
                                ErrorCategory.InvalidArgument, text));
                            continue;
                        }

                        Start(null, url);
                    }

                    break;
                default:
                    var literal = ParameterSetName == LiteralPathSet;
                    foreach (var path in literal ? LiteralPath : Path)
                    {
                        // A URL given where a path goes (piped, or positional) is what -Url takes: PowerShell would look for a drive 'https'.
                        if (!literal && TryWebUrl(path, out var url))
                        {
                            Start(null, url);
                            continue;
                        }

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

        protected override void EndProcessing()
        {
            WaitUntil(() => _batch!.Error is not null || _running.All(t => t.IsCompleted), Task.WhenAll(_running));
            _batch!.ThrowIfFailed(this, _running);
        }

        internal override void OnDispose()
        {
            _client?.Dispose();
            SayJobsLeftRunning();
        }

        /// <summary>Ctrl+C: stops the runs, and names the jobs that go on on the server.</summary>
        protected override void StopProcessing()
        {
            base.StopProcessing();
            SayJobsLeftRunning();
        }

        /// <summary>
        /// With -Verbose, once the command is stopped (Ctrl+C, a failed batch, a pipeline ended downstream): names each job
        /// that goes on on the server. Once a pipeline stops, PowerShell refuses WriteVerbose and nothing drains what the runs
        /// post, so this goes to the host's verbose line, as the console shows verbose records; StopProcessing calls it off
        /// the pipeline thread, which the host's UI allows.
        /// </summary>
        private void SayJobsLeftRunning()
        {
            if (!_verbose || Interlocked.Exchange(ref _saidJobsLeftRunning, 1) == 1)
            {
                return;
            }

            var lines = _jobs.Describe();
            try
            {
                var ui = Host?.UI;
                foreach (var line in ui is null ? Array.Empty<string>() : lines)
                {
                    ui!.WriteVerboseLine(line);
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A host that cannot show it (stopped, closed output, no UI): there is nobody to tell, and this runs in Dispose
                // and StopProcessing, where an exception would hide the command's own error.
            }
        }

        /// <summary>Starts one input once fewer than -ThrottleLimit run, writing what the running ones say meanwhile.</summary>
        private void Start(AudioInput? input, Uri? url)
        {
            WaitUntil(() => _batch!.Error is not null || _running.Count(t => !t.IsCompleted) < ThrottleLimit,
                Task.WhenAny(_running.Where(t => !t.IsCompleted).DefaultIfEmpty(Task.CompletedTask)));
            _batch!.ThrowIfFailed(this, _running);
            var run = new TranscriptionRun(this, _client!, _settings!, input, url, _activityId++, _batch, _jobs);
            var token = _batch.Token;
            _running.Add(Start(_ => run.RunAsync(token)));
        }

        /// <summary>A URL as an error shows it: signed-storage query values masked.</summary>
        private static string ShownUrl(string? text) => Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var url)
            ? Core.Security.SecretRedactor.RedactUrl(url)
            : Core.Security.SecretRedactor.Printable(text, 200);

        /// <summary>An absolute http or https URL: what Gladia can fetch.</summary>
        private static bool TryWebUrl(string? text, out Uri url)
        {
            url = null!;
            if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text!.Trim(), UriKind.Absolute, out var parsed)
                || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            {
                return false;
            }

            url = parsed;
            return true;
        }

        /// <summary>The job body every input shares, checked before any upload; an error names the parameter.</summary>
        internal PreRecordedOptions BuildOptions()
        {
            var options = new PreRecordedOptions
            {
                Model = Model,
                LanguageConfig = BuildLanguageConfig(),
                CustomVocabularyConfig = BuildVocabulary(),
                CustomSpellingConfig = BuildSpelling(),
                TranslationConfig = BuildTranslation(),
                Summarization = Summarization,
                SummarizationConfig = BuildSummarization(),
                Chapterization = Chapterization,
                NamedEntityRecognition = NamedEntities,
                SentimentAnalysis = Sentiment,
                Sentences = _sentences,
                PunctuationEnhanced = _punctuation,
                CallbackConfig = BuildCallback(url => new JobCallbackConfig { Url = url }, c => c.Url, (c, url) => c.Url = url),
            };
            options.CustomVocabulary = options.CustomVocabularyConfig is null ? null : true;
            options.CustomSpelling = options.CustomSpellingConfig is null ? null : true;
            options.Translation = options.TranslationConfig is null ? null : true;
            options.Callback = options.CallbackConfig is null ? null : true;

            if (Speakers is not null || MinSpeakers is not null || MaxSpeakers is not null)
            {
                options.DiarizationConfig = new DiarizationConfig { NumberOfSpeakers = Speakers, MinSpeakers = MinSpeakers, MaxSpeakers = MaxSpeakers };
            }

            options.Diarization = options.DiarizationConfig is null ? _diarization : _diarization ?? true;
            if (SubtitleFormat is { Length: > 0 } || SubtitleMinimumDuration is not null || SubtitleMaximumDuration is not null
                || SubtitleMaximumCharactersPerRow is not null || SubtitleMaximumRowsPerCaption is not null || SubtitleStyle is not null)
            {
                options.SubtitlesConfig = new SubtitlesConfig
                {
                    Formats = SubtitleFormat?.Select(f => f.Trim().ToLowerInvariant()).ToList(),
                    MinimumDuration = SubtitleMinimumDuration,
                    MaximumDuration = SubtitleMaximumDuration,
                    MaximumCharactersPerRow = SubtitleMaximumCharactersPerRow,
                    MaximumRowsPerCaption = SubtitleMaximumRowsPerCaption,
                    Style = SubtitleStyle,
                };
            }

            options.Subtitles = options.SubtitlesConfig is null ? _subtitles : _subtitles ?? true;
            if (PiiEntityType is { Length: > 0 } || PiiProcessedTextType is not null)
            {
                options.PiiRedactionConfig = new PiiRedactionConfig { EntityTypes = PiiEntityType?.Select(t => t.Trim()).ToList(), ProcessedTextType = PiiProcessedTextType };
            }

            options.PiiRedaction = options.PiiRedactionConfig is null ? _pii : _pii ?? true;
            if (AudioToLlm is { Length: > 0 })
            {
                options.AudioToLlm = true;
                options.AudioToLlmConfig = new AudioToLlmConfig { Prompts = AudioToLlm.ToList(), Model = AudioToLlmModel };
            }
            else if (AudioToLlmModel is not null)
            {
                throw new GladiaValidationException(nameof(AudioToLlmModel), "-AudioToLlmModel needs -AudioToLlm: give the prompts it answers.");
            }

            return RequestOptionsCompletion.Complete(options, CustomMetadata, Option, ParameterFor);
        }

        /// <summary>The parameter a wire field comes from, so an error names what the user typed.</summary>
        internal static string ParameterFor(string field) => field switch
        {
            _ when field.StartsWith("diarization_config.number_of_speakers", StringComparison.Ordinal) => nameof(Speakers),
            _ when field.StartsWith("diarization_config.min_speakers", StringComparison.Ordinal) => nameof(MinSpeakers),
            _ when field.StartsWith("diarization_config.max_speakers", StringComparison.Ordinal) => nameof(MaxSpeakers),
            _ when field.StartsWith("subtitles_config.formats", StringComparison.Ordinal) => nameof(SubtitleFormat),
            _ when field.StartsWith("subtitles_config.minimum_duration", StringComparison.Ordinal) => nameof(SubtitleMinimumDuration),
            _ when field.StartsWith("subtitles_config.maximum_duration", StringComparison.Ordinal) => nameof(SubtitleMaximumDuration),
            _ when field.StartsWith("subtitles_config.maximum_characters_per_row", StringComparison.Ordinal) => nameof(SubtitleMaximumCharactersPerRow),
            _ when field.StartsWith("subtitles_config.maximum_rows_per_caption", StringComparison.Ordinal) => nameof(SubtitleMaximumRowsPerCaption),
            _ when field.StartsWith("subtitles_config.style", StringComparison.Ordinal) => nameof(SubtitleStyle),
            _ when field.StartsWith("pii_redaction_config.processed_text_type", StringComparison.Ordinal) => nameof(PiiProcessedTextType),
            _ when field.StartsWith("pii_redaction_config", StringComparison.Ordinal) => nameof(PiiEntityType),
            _ when field.StartsWith("audio_to_llm_config.model", StringComparison.Ordinal) => nameof(AudioToLlmModel),
            _ when field.StartsWith("audio_to_llm", StringComparison.Ordinal) => nameof(AudioToLlm),
            _ => SharedParameterFor(field) ?? OtherParameterFor(field),
        };
    }
}
