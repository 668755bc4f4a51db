using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Inputs;
using GladiaPS.Completion;
using GladiaPS.Core.Audio.Streaming;
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
    [Cmdlet(VerbsCommunications.Send, "GladiaAudio", DefaultParameterSetName = PathSet, HelpUri = HelpLinks.Help + "Send-GladiaAudio.md")]
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
        private GladiaRestClient? _client;
        private AudioInputSink? _sink;
        private AudioBytePipe? _bytes;

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
        [Parameter(Mandatory = true, ParameterSetName = DeviceSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
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
            var runspaceId = System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;
            var sessionOptions = new LiveSessionOptions();
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
            }
            else
            {
                // Every option but the format is the same for all files: check it once, before any request.
                try
                {
                    sessionOptions = BuildOptions(ResolveFormat(null));
                    WarnUnknownValues(sessionOptions);
                }
                catch (GladiaValidationException exception)
                {
                    ThrowTerminatingError(new ErrorRecord(exception, "InvalidOption", ErrorCategory.InvalidArgument, exception.Field));
                }

                _client = CreateClient();
            }

            var settings = new SendAudioSettings(
                sessionOptions, FormatParameters, BuildConnectionOptions().ForwardAcknowledgments,
                Pace == AudioPace.RealTime ? PacingMode.RealTime : PacingMode.AsFastAsPossible,
                SessionLimit ?? DefaultSessionLimit, Duration, PassThru, WantsPartials, runspaceId);
            _sink = new AudioInputSink(this, settings, _client, Session, ThrottleLimit, ApiUrl);
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
                    _sink!.Add(AudioInput.FromStream(Stream!, "Stream", ReadOptions()));
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
                _sink!.Add(AudioInput.FromTracks(_tracks.ToArray(), ReadOptions()));
            }

            _bytes?.Complete();
            _sink!.WaitForAll();
            if (PassThru && Session is not null)
            {
                WriteObject(Session);
            }
        }

        internal override void OnDispose() => _client?.Dispose();

        private static bool IsSessionOption(string name) =>
            typeof(LiveSessionOptionsCmdletBase).GetProperty(name)?.DeclaringType is { } declaring
            && (declaring == typeof(LiveSessionOptionsCmdletBase) || declaring == typeof(TranscriptionOptionsCmdletBase));

        private IEnumerable<string> ResolvePaths(string path, bool literal) => FilePaths.Resolve(this, path, literal);

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

            _sink!.Add(AudioInput.FromFile(file, ReadOptions()));
        }

        private void HandleBytes(byte[] bytes)
        {
            if (bytes.Length == 0)
            {
                return;
            }

            if (_bytes is null)
            {
                // All the bytes of the pipeline are one input, read as they come; a full pipe makes the pipeline wait.
                _bytes = new AudioBytePipe();
                _sink!.Add(AudioInput.FromBytes(_bytes, "InputObject", ReadOptions()));
            }

            var pipe = _bytes;

            // False when the input has ended (its error is already written): the bytes have nowhere to go.
            Run(token => pipe.WriteAsync(bytes, token));
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

            WriteVerbose("Capturing from " + device + (Duration is { } d ? " for " + d : " until Ctrl+C or a stop") + ".");
            _sink!.Add(AudioInput.FromDevice(selector.Backend, device));
        }

        private AudioReadOptions ReadOptions() => new AudioReadOptions { OnWarning = warning => PostWarning(warning.ToString()) };
    }
}
