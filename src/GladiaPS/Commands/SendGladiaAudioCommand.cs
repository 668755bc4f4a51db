using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Completion;
using GladiaPS.Core.Capture;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;
using GladiaPS.Infrastructure;

namespace GladiaPS.Commands
{
    /// <summary>
    /// Streams audio into live sessions. Without -Session every file gets its own session at the format closest
    /// to the file, and the final transcripts are written as they arrive; with -Session the audio goes into that
    /// session and transcripts are read with Receive-GladiaMessage.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "GladiaAudio", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(GladiaTranscript), typeof(GladiaSession))]
    public sealed class SendGladiaAudioCommand : LiveSessionOptionsCmdletBase
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string BytesSet = "InputObject";
        private const string StreamSet = "Stream";
        private const string DeviceSet = "Device";
        private const string LoopbackSet = "Loopback";

        /// <summary>Just under Gladia's 3-hour limit: time to open the next session and switch at a pause.</summary>
        private static readonly TimeSpan DefaultSessionLimit = TimeSpan.FromHours(3) - TimeSpan.FromMinutes(5);

        private readonly List<string> _tracks = new List<string>();
        private readonly List<Task> _running = new List<Task>();
        private GladiaRestClient? _client;
        private BatchFileRun? _bytesRun;
        private int _activityId = 1;
        private Guid _runspaceId;

        /// <summary>Audio files; wildcards are expanded.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Audio files, taken as written; Get-ChildItem output binds here by its PSPath.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Audio bytes already in the session's format (raw samples, no header).</summary>
        [Parameter(Mandatory = true, ParameterSetName = BytesSet, ValueFromPipeline = true)]
        public byte[] InputObject { get; set; } = Array.Empty<byte>();

        /// <summary>A stream of audio: a WAV file's bytes, or raw samples in the session's format.</summary>
        [Parameter(Mandatory = true, ParameterSetName = StreamSet)]
        public Stream? Stream { get; set; }

        /// <summary>
        /// A microphone (or, with -Loopback, an output) to capture, by name, part of its name, or id (Get-GladiaAudioDevice);
        /// 'Default' or '' for the default one. Captures at real time until -Duration, Ctrl+C, or a stop from elsewhere.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = DeviceSet)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(AudioDeviceCompleter))]
        public string? Device { get; set; }

        /// <summary>Capture what the computer plays: the default output, or the output -Device names.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LoopbackSet)]
        [Parameter(ParameterSetName = DeviceSet)]
        public SwitchParameter Loopback { get; set; }

        /// <summary>How long to capture (a TimeSpan, or seconds); until Ctrl+C or a stop when omitted.</summary>
        [Parameter(ParameterSetName = DeviceSet)]
        [Parameter(ParameterSetName = LoopbackSet)]
        [SecondsTransformation]
        public TimeSpan? Duration { get; set; }

        /// <summary>
        /// The longest one session may run (default 2:55:00, under Gladia's 3-hour limit); longer audio continues in a new
        /// session, switched at a pause, with transcript times running on across the seam.
        /// </summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan? SessionLimit { get; set; }

        /// <summary>The session to stream into; without it each file gets a session of its own.</summary>
        [Parameter]
        public GladiaSession? Session { get; set; }

        /// <summary>Max (as fast as acknowledgments allow, the default) or RealTime.</summary>
        [Parameter]
        public AudioPace Pace { get; set; } = AudioPace.Max;

        /// <summary>The files of this call become the channels of one stream, in the order given.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public SwitchParameter AsChannels { get; set; }

        /// <summary>How many files to stream at once, each in its own session.</summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = 1;

        /// <summary>Write each file's session once it has ended (or, with -Session, that session) instead of transcripts.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            _runspaceId = System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;
            if (Session is not null)
            {
                var given = MyInvocation.BoundParameters.Keys.Where(IsSessionOption).ToList();
                if (given.Count > 0)
                {
                    ThrowTerminatingError(GladiaErrors.Create(
                        "-" + string.Join(", -", given) + " set(s) up a new session and cannot change the existing session " + Session.Id +
                        "; leave them out, or leave out -Session to create a session per file.",
                        "OptionWithSession", ErrorCategory.InvalidArgument, Session.Id));
                }

                return;
            }

            // Every option but the format is the same for all files: check it once, before any request.
            try
            {
                WarnUnknownValues(BuildOptions(ResolveFormat(null)));
            }
            catch (GladiaValidationException exception)
            {
                ThrowTerminatingError(new ErrorRecord(exception, "InvalidOption", ErrorCategory.InvalidArgument, exception.Field));
            }

            _client = CreateClient();
        }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case PathSet:
                    foreach (var path in Path)
                    {
                        foreach (var file in ResolvePaths(path, literal: false))
                        {
                            HandleFile(file);
                        }
                    }

                    break;
                case LiteralPathSet:
                    foreach (var path in LiteralPath)
                    {
                        foreach (var file in ResolvePaths(path, literal: true))
                        {
                            HandleFile(file);
                        }
                    }

                    break;
                case BytesSet:
                    HandleBytes(InputObject);
                    break;
                case StreamSet:
                    HandleStream(Stream!);
                    break;
                case DeviceSet:
                case LoopbackSet:
                    HandleDevice();
                    break;
            }
        }

        protected override void EndProcessing()
        {
            if (_tracks.Count > 0)
            {
                HandleTracks(_tracks.ToArray());
            }

            if (_bytesRun is not null)
            {
                var run = _bytesRun;
                _bytesRun = null;
                run.InputComplete();
                _running.Add(run.Completion);
            }

            WaitUntil(() => _running.All(t => t.IsCompleted), Task.WhenAll(_running));
            if (PassThru && Session is not null)
            {
                WriteObject(Session);
            }
        }

        internal override void OnDispose() => _client?.Dispose();

        private static bool IsSessionOption(string name) =>
            typeof(LiveSessionOptionsCmdletBase).GetProperty(name)?.DeclaringType == typeof(LiveSessionOptionsCmdletBase);

        private IEnumerable<string> ResolvePaths(string path, bool literal)
        {
            var files = new List<string>();
            try
            {
                if (literal)
                {
                    var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                    if (provider.Name != "FileSystem")
                    {
                        throw new ArgumentException("'" + path + "' is not a file system path.");
                    }

                    if (!File.Exists(resolved) && !Directory.Exists(resolved))
                    {
                        throw new FileNotFoundException("'" + path + "' does not exist.", resolved);
                    }

                    files.Add(resolved);
                }
                else
                {
                    var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                    if (provider.Name != "FileSystem")
                    {
                        throw new ArgumentException("'" + path + "' is not a file system path.");
                    }

                    files.AddRange(resolved);
                }
            }
            catch (ItemNotFoundException exception)
            {
                WriteError(new ErrorRecord(exception, "FileNotFound", ErrorCategory.ObjectNotFound, path));
            }
            catch (Exception exception) when (exception is ArgumentException or IOException or NotSupportedException or PSNotSupportedException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
            {
                WriteError(GladiaErrors.From(exception, path));
            }

            return files;
        }

        private void HandleFile(string file)
        {
            if (Directory.Exists(file))
            {
                WriteError(GladiaErrors.Create("'" + file + "' is a folder, not an audio file; pass the files in it (Get-ChildItem -File).",
                    "PathIsFolder", ErrorCategory.InvalidArgument, file));
                return;
            }

            if (AsChannels)
            {
                _tracks.Add(file);
                return;
            }

            if (Session is not null)
            {
                SendIntoSession(file, token => OpenFileAsync(file, Session.Format, token), Session);
                return;
            }

            // Wait for a free slot, writing what the running files say meanwhile.
            WaitUntil(() => _running.Count(t => !t.IsCompleted) < ThrottleLimit, AnyCompleted());
            var run = new BatchFileRun(this, _client!, file, _runspaceId, _activityId++);
            _running.Add(run.StartFromFile(Cancellation));
        }

        private void HandleTracks(string[] files)
        {
            if (Session is not null)
            {
                SendIntoSession(files[0], async token => await AudioFile.OpenTracksAsync(files, ReadOptions(), cancellationToken: token).ConfigureAwait(false), Session, files);
                return;
            }

            var run = new BatchFileRun(this, _client!, files[0], _runspaceId, _activityId++, files);
            _running.Add(run.StartFromTracks(Cancellation));
        }

        private void HandleBytes(byte[] bytes)
        {
            if (bytes.Length == 0)
            {
                return;
            }

            if (Session is not null)
            {
                RunReportingErrors(Session.Id, token => Session.Live.SendAudioAsync(bytes, token));
                return;
            }

            _bytesRun ??= new BatchFileRun(this, _client!, null, _runspaceId, _activityId++).StartForBytes(ResolveFormat(null), Cancellation);
            var run = _bytesRun;
            RunReportingErrors("InputObject", token => run.SendBytesAsync(bytes, token));
        }

        private void HandleStream(Stream stream)
        {
            if (Session is not null)
            {
                SendIntoSession("Stream", token => OpenStreamAsync(stream, Session.Format, token), Session);
                return;
            }

            var run = new BatchFileRun(this, _client!, null, _runspaceId, _activityId++);
            _running.Add(run.StartFromSource(token => OpenStreamAsync(stream, ResolveFormat(null), token), Cancellation));
        }

        private void HandleDevice()
        {
            var kind = Loopback ? AudioDeviceKind.Loopback : AudioDeviceKind.Capture;
            var wanted = ParameterSetName == DeviceSet ? Device : null;
            AudioDevice device;
            AudioDeviceSelector selector;
            try
            {
                (selector, device) = Run(async token =>
                {
                    var found = await AudioDeviceSelector.ForThisPlatformAsync(cancellationToken: token).ConfigureAwait(false);
                    return (found, await found.FindAsync(wanted, kind, token).ConfigureAwait(false));
                });
            }
            catch (AudioCaptureException exception)
            {
                ThrowTerminatingError(new ErrorRecord(exception, "AudioDeviceNotFound", ErrorCategory.ObjectNotFound, wanted ?? "Default"));
                return;
            }

            var name = "device " + device.Name;
            WriteVerbose("Capturing from " + device + (Duration is { } d ? " for " + d : " until Ctrl+C or a stop") + ".");
            if (Session is not null)
            {
                SendIntoSession(name, token => Task.FromResult(selector.Backend.Open(device, Session.SampleRate, Session.Channels)), Session, null, Duration);
                return;
            }

            // Speech wants one channel at 16 kHz whatever the device's own layout; -SampleRate and -Channels say otherwise.
            var format = ResolveFormat(new SessionAudioFormat(AudioEncoding.Pcm, 16, 16000, 1));
            var run = new BatchFileRun(this, _client!, null, _runspaceId, _activityId++)
            {
                DisplayName = name,
                FixedFormat = format,
                MaxSeconds = Duration?.TotalSeconds,
            };
            _running.Add(run.StartFromSource(_ => Task.FromResult(selector.Backend.Open(device, format.SampleRate, format.Channels)), Cancellation));
        }

        /// <summary>Streams one input into the given session; a bad input is a non-terminating error and the next goes on.</summary>
        private void SendIntoSession(string name, Func<CancellationToken, Task<IAudioSource>> open, GladiaSession session, IReadOnlyList<string>? tracks = null, TimeSpan? duration = null)
        {
            using (session.Events.Listen(this))
            {
                var activity = _activityId++;
                RunReportingErrors(name, async token =>
                {
                    using var source = await open(token).ConfigureAwait(false);
                    WriteFormatVerbose(name, source, session.Format);
                    var progress = new ProgressReporter(this, activity, name, duration?.TotalSeconds ?? AudioSender.Duration(source), session.Format.ByteRate);
                    var limits = new AudioSender.Limits(duration?.TotalSeconds, () => session.Live.IsStopRequested);
                    await AudioSender.SendAsync(
                        source, session.Format, Pace, (chunk, _, _) => session.TrySendAudioAsync(chunk, token), limits, progress.Report, token).ConfigureAwait(false);
                    progress.Complete();
                });
            }
        }

        private void RunReportingErrors(string? target, Func<CancellationToken, Task> work)
        {
            try
            {
                Run(work);
            }
            catch (PipelineStoppedException)
            {
                throw;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !Cancellation.IsCancellationRequested)
            {
                WriteError(GladiaErrors.From(exception, target));
            }
        }

        private Task AnyCompleted()
        {
            var pending = _running.Where(t => !t.IsCompleted).ToList();
            return pending.Count == 0 ? Task.CompletedTask : Task.WhenAny(pending);
        }

        /// <summary>The session limit in force: -SessionLimit, else just under Gladia's 3 hours.</summary>
        internal TimeSpan SessionLimitOrDefault => SessionLimit ?? DefaultSessionLimit;

        internal AudioReadOptions ReadOptions() => new AudioReadOptions { OnWarning = warning => PostWarning(warning.ToString()) };

        internal Task<IAudioSource> OpenFileAsync(string file, SessionAudioFormat? layout, CancellationToken token) =>
            AudioFile.OpenAsync(file, layout, ReadOptions(), cancellationToken: token);

        /// <summary>A WAV stream is read by its header; anything else is taken as raw samples in <paramref name="format"/>.</summary>
        internal Task<IAudioSource> OpenStreamAsync(Stream stream, SessionAudioFormat format, CancellationToken token) =>
            AudioFile.OpenStreamAsync(stream, format, "Stream", ReadOptions(), token);

        internal void WriteFormatVerbose(string name, IAudioSource source, SessionAudioFormat format) =>
            PostVerbose("'" + name + "': read as " + source.Format + "; sent as " + format + ".");
    }
}
