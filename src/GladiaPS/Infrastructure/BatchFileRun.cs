using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Commands;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Rest;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// One input of Send-GladiaAudio without -Session (a file, several files as channels, a stream, bytes, a device):
    /// sessions of its own at the input's closest format (more than one when it outlasts the session limit), the audio
    /// streamed and stopped, the final transcripts posted as they arrive. Runs off the pipeline thread; it only posts.
    /// </summary>
    internal sealed class BatchFileRun
    {
        private static readonly TimeSpan EndGrace = TimeSpan.FromSeconds(5);
        private const long FileBacklogBytes = 2L * 1024 * 1024;
        private readonly SendGladiaAudioCommand _cmdlet;
        private readonly GladiaRestClient _client;
        private readonly string? _path;
        private readonly IReadOnlyList<string>? _tracks;
        private readonly Guid _runspaceId;
        private readonly int _activityId;
        private readonly TaskCompletionSource<SessionSequence> _started = new TaskCompletionSource<SessionSequence>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> _inputComplete = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<Task> _readers = new List<Task>();

        public BatchFileRun(SendGladiaAudioCommand cmdlet, GladiaRestClient client, string? path, Guid runspaceId, int activityId, IReadOnlyList<string>? tracks = null)
        {
            _cmdlet = cmdlet;
            _client = client;
            _path = path;
            _tracks = tracks;
            _runspaceId = runspaceId;
            _activityId = activityId;
        }

        public Task Completion { get; private set; } = Task.CompletedTask;

        /// <summary>For a live source: stop after this many seconds of audio.</summary>
        public double? MaxSeconds { get; set; }

        /// <summary>For a live source: the session's format is chosen by the caller, not from the source.</summary>
        public SessionAudioFormat? FixedFormat { get; set; }

        /// <summary>How errors and progress name the input, when it is not a file.</summary>
        public string? DisplayName { get; set; }

        private string Name => DisplayName ?? (_tracks is { Count: > 1 } ? string.Join(" + ", _tracks) : _path ?? "InputObject");

        public Task StartFromFile(CancellationToken token) =>
            StartFromSource(t => _cmdlet.OpenFileAsync(_path!, null, t), token);

        public Task StartFromTracks(CancellationToken token) =>
            StartFromSource(
                async t => await AudioFile.OpenTracksAsync(_tracks!, _cmdlet.ReadOptions(), cancellationToken: t).ConfigureAwait(false),
                token,
                source => new SessionFormatChooser().ChooseForTracks(((MultiTrackSource)source).TrackFormats));

        /// <param name="choose">The session format closest to the source; by default the one for its own format.</param>
        public Task StartFromSource(Func<CancellationToken, Task<IAudioSource>> open, CancellationToken token, Func<IAudioSource, SessionAudioFormat>? choose = null) =>
            Completion = Task.Run(() => RunAsync(
                async t =>
                {
                    var source = await open(t).ConfigureAwait(false);
                    try
                    {
                        var closest = choose?.Invoke(source) ?? new SessionFormatChooser().Choose(source.Format, source.Name);
                        return (source, FixedFormat ?? _cmdlet.ResolveFormat(closest));
                    }
                    catch
                    {
                        // Tracks and ffmpeg inputs hold processes: release them when no session will read them.
                        source.Dispose();
                        throw;
                    }
                },
                token));

        /// <summary>Opens a session in <paramref name="format"/> for bytes that <see cref="SendBytesAsync"/> will bring.</summary>
        public BatchFileRun StartForBytes(SessionAudioFormat format, CancellationToken token)
        {
            Completion = Task.Run(() => RunAsync(_ => Task.FromResult<(IAudioSource?, SessionAudioFormat)>((null, format)), token));
            return this;
        }

        public async Task SendBytesAsync(byte[] bytes, CancellationToken token)
        {
            var started = await Task.WhenAny(_started.Task, Completion).ConfigureAwait(false);
            if (started != _started.Task)
            {
                // The session could not start; its error is already posted.
                return;
            }

            await _started.Task.Result.Current.Live.SendAudioAsync(bytes, token).ConfigureAwait(false);
        }

        public void InputComplete() => _inputComplete.TrySetResult(true);

        private async Task RunAsync(Func<CancellationToken, Task<(IAudioSource? Source, SessionAudioFormat Format)>> prepare, CancellationToken token)
        {
            SessionSequence? sequence = null;
            IAudioSource? source = null;
            var progress = new ProgressReporter(_cmdlet, _activityId, Name, null);
            try
            {
                // A live source (a device) starts only once its session exists: until then nothing would read it, and a
                // device that is not read drops what it hears. A file is opened first, since its format picks the session's.
                var format = FixedFormat;
                if (format is null)
                {
                    (source, format) = await prepare(token).ConfigureAwait(false);
                    BeginProgress(source, format, ref progress);
                }

                var options = _cmdlet.BuildOptions(format);
                var connection = _cmdlet.BuildConnectionOptions();
                if (FixedFormat is null)
                {
                    // A file can wait for acknowledgments, so it needs little held in memory: 2 MiB (twice the send window)
                    // keeps many files at once small. A live device keeps the default, to ride out an outage without loss.
                    connection.MaxBacklogBytes = FileBacklogBytes;
                }
                var sessionPath = _tracks is null ? _path : Name;
                sequence = new SessionSequence(
                    async t =>
                    {
                        var session = await SessionFactory.StartAsync(_client, options, connection, format, sessionPath, _runspaceId, _cmdlet, t).ConfigureAwait(false);
                        _cmdlet.PostVerbose("'" + Name + "': session " + session.Id + " started.");
                        return session;
                    },
                    (session, offset) => _readers.Add(ReadMessagesAsync(session, offset, token)),
                    _cmdlet.SessionLimitOrDefault);
                await sequence.StartAsync(token).ConfigureAwait(false);
                if (FixedFormat is not null)
                {
                    (source, _) = await prepare(token).ConfigureAwait(false);
                    BeginProgress(source, format, ref progress);
                }

                _started.TrySetResult(sequence);
                if (source is not null)
                {
                    // Ends early when the session is stopped from elsewhere (Stop-GladiaRecording in another runspace).
                    var limits = new AudioSender.Limits(MaxSeconds, () => sequence.Current.Live.IsStopRequested);
                    await AudioSender.SendAsync(
                        source, format, _cmdlet.Pace, (chunk, seconds, quiet) => sequence.SendAsync(chunk, seconds, quiet, token), limits, progress.Report, token).ConfigureAwait(false);
                    source.Dispose();
                }
                else
                {
                    await _inputComplete.Task.ConfigureAwait(false);
                }

                progress.Complete();
                await FinishAsync(sequence, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Ctrl+C: the capture or read stops now; the sessions are stopped below so the server finishes them.
                source?.Dispose();
                if (sequence is not null)
                {
                    await StopQuietlyAsync(sequence).ConfigureAwait(false);
                }
            }
            catch (Exception exception)
            {
                _cmdlet.PostError(GladiaErrors.From(exception, _path ?? Name, "'" + Name + "'"));
                source?.Dispose();
                if (sequence is not null)
                {
                    await StopQuietlyAsync(sequence).ConfigureAwait(false);
                }
            }
            finally
            {
                _started.TrySetCanceled();
                progress.Complete();
                source?.Dispose();
                await CloseAllAsync(sequence).ConfigureAwait(false);
            }
        }

        private void BeginProgress(IAudioSource? source, SessionAudioFormat format, ref ProgressReporter progress)
        {
            if (source is not null)
            {
                _cmdlet.WriteFormatVerbose(Name, source, format);
                progress = new ProgressReporter(_cmdlet, _activityId, Name, MaxSeconds ?? AudioSender.Duration(source), format.ByteRate);
            }
        }

        private async Task FinishAsync(SessionSequence sequence, CancellationToken token)
        {
            await sequence.Current.Live.StopRecordingAsync(token).ConfigureAwait(false);
            foreach (var session in sequence.Sessions)
            {
                var outcome = await session.Live.WaitForEndAsync(token).ConfigureAwait(false);
                if (!outcome.Succeeded)
                {
                    _cmdlet.PostError(GladiaErrors.Create(
                        "'" + Name + "': the session " + session.Id + " ended without its results: " + outcome + ".",
                        "SessionFailed", ErrorCategory.ConnectionError, _path ?? (object?)session.Id));
                }
            }

            await Task.WhenAll(_readers).ConfigureAwait(false);
            if (_cmdlet.PassThru)
            {
                foreach (var session in sequence.Sessions)
                {
                    _cmdlet.PostObject(session);
                }
            }
        }

        /// <summary>Stops what is still recording, behind its audio, and gives the server a moment to finish; never throws.</summary>
        private static async Task StopQuietlyAsync(SessionSequence sequence)
        {
            using var grace = new CancellationTokenSource(EndGrace);
            try
            {
                foreach (var session in sequence.Sessions.Where(s => !s.Live.IsStopRequested))
                {
                    await session.Live.StopRecordingAsync(grace.Token).ConfigureAwait(false);
                }

                await Task.WhenAll(sequence.Sessions.Select(s => s.Live.WaitForEndAsync(grace.Token))).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException or ObjectDisposedException)
            {
                // Past the grace, disposing closes the socket with 1000, which ends the session on the server too.
            }
        }

        private async Task CloseAllAsync(SessionSequence? sequence)
        {
            if (sequence is null)
            {
                return;
            }

            foreach (var session in sequence.Sessions)
            {
                session.Events.Release(_cmdlet);
                await session.Live.DisposeAsync().ConfigureAwait(false);
            }

            if (sequence.Unused is { } unused)
            {
                try
                {
                    var spare = await unused.ConfigureAwait(false);
                    spare.Events.Release(_cmdlet);
                    await spare.Live.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    // The spare session never took audio; failing to open it changes nothing for the input.
                }
            }
        }

        private async Task ReadMessagesAsync(GladiaSession session, double offset, CancellationToken token)
        {
            try
            {
                await foreach (var message in session.Live.ReadMessagesAsync(token).ConfigureAwait(false))
                {
                    switch (message)
                    {
                        case TranscriptMessage { IsFinal: true } final when !_cmdlet.PassThru:
                            _cmdlet.PostObject(new GladiaTranscript(final, session.Id, PathOf(final.Channel), offset));
                            break;
                        case TranscriptMessage { IsFinal: false } inProgress when _cmdlet.WantsPartials:
                            // The utterance in progress is a status line, not output: it is replaced by its final.
                            _cmdlet.PostProgress(new ProgressRecord(_activityId + 100000, "Hearing " + Name, "[" + inProgress.Channel + "] " + inProgress.Text)
                            {
                                ParentActivityId = -1,
                            });
                            break;
                        case LiveErrorMessage error:
                            _cmdlet.PostWarning("'" + Name + "' (session " + session.Id + "): " + error.Message);
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
        }

        private string? PathOf(int channel) =>
            _tracks is { Count: > 0 } ? (channel >= 0 && channel < _tracks.Count ? _tracks[channel] : null) : _path;
    }
}
