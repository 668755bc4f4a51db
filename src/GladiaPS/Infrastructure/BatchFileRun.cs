using System;
using System.Collections.Generic;
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
    /// One input of Send-GladiaAudio without -Session: a session of its own at the input's closest format, the audio
    /// streamed and stopped, the final transcripts posted as they arrive. Runs off the pipeline thread; it only posts.
    /// </summary>
    internal sealed class BatchFileRun
    {
        private readonly SendGladiaAudioCommand _cmdlet;
        private readonly GladiaRestClient _client;
        private readonly string? _path;
        private readonly IReadOnlyList<string>? _tracks;
        private readonly Guid _runspaceId;
        private readonly int _activityId;
        private readonly TaskCompletionSource<GladiaSession> _started = new TaskCompletionSource<GladiaSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> _inputComplete = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

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

        private string Name => _tracks is { Count: > 1 } ? string.Join(" + ", _tracks) : _path ?? "InputObject";

        public Task StartFromFile(CancellationToken token) =>
            StartFromSource(t => _cmdlet.OpenFileAsync(_path!, null, t), token);

        public Task StartFromTracks(CancellationToken token) =>
            Completion = Task.Run(() => RunAsync(
                async t =>
                {
                    var source = await AudioFile.OpenTracksAsync(_tracks!, _cmdlet.ReadOptions(), cancellationToken: t).ConfigureAwait(false);
                    return (source, _cmdlet.ResolveFormat(new SessionFormatChooser().ChooseForTracks(source.TrackFormats)));
                },
                token));

        public Task StartFromSource(Func<CancellationToken, Task<IAudioSource>> open, CancellationToken token) =>
            Completion = Task.Run(() => RunAsync(
                async t =>
                {
                    var source = await open(t).ConfigureAwait(false);
                    try
                    {
                        return (source, _cmdlet.ResolveFormat(new SessionFormatChooser().Choose(source.Format, source.Name)));
                    }
                    catch
                    {
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

            await _started.Task.Result.Live.SendAudioAsync(bytes, token).ConfigureAwait(false);
        }

        public void InputComplete() => _inputComplete.TrySetResult(true);

        private async Task RunAsync(Func<CancellationToken, Task<(IAudioSource? Source, SessionAudioFormat Format)>> prepare, CancellationToken token)
        {
            GladiaSession? session = null;
            IAudioSource? source = null;
            var progress = new ProgressReporter(_cmdlet, _activityId, Name, null);
            try
            {
                (source, var format) = await prepare(token).ConfigureAwait(false);
                if (source is not null)
                {
                    _cmdlet.WriteFormatVerbose(Name, source, format);
                    progress = new ProgressReporter(_cmdlet, _activityId, Name, AudioSender.Duration(source));
                }

                var options = _cmdlet.BuildOptions(format);
                session = await SessionFactory.StartAsync(
                    _client, options, _cmdlet.BuildConnectionOptions(), format, _tracks is null ? _path : Name, _runspaceId, _cmdlet, token).ConfigureAwait(false);
                _cmdlet.PostVerbose("'" + Name + "': session " + session.Id + " started.");
                _started.TrySetResult(session);
                var reading = ReadMessagesAsync(session, token);
                if (source is not null)
                {
                    await AudioSender.SendAsync(source, session.Live, format, _cmdlet.Pace, progress.Report, token).ConfigureAwait(false);
                }
                else
                {
                    await _inputComplete.Task.ConfigureAwait(false);
                }

                progress.Complete();
                await session.Live.StopRecordingAsync(token).ConfigureAwait(false);
                var outcome = await session.Live.WaitForEndAsync(token).ConfigureAwait(false);
                await reading.ConfigureAwait(false);
                if (!outcome.Succeeded)
                {
                    _cmdlet.PostError(GladiaErrors.Create(
                        "'" + Name + "': the session " + session.Id + " ended without its results: " + outcome + ".",
                        "SessionFailed", ErrorCategory.ConnectionError, _path ?? (object?)session.Id));
                }
                else if (_cmdlet.PassThru)
                {
                    _cmdlet.PostObject(session);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Ctrl+C: the session is closed below so the server finishes it rather than waiting for a reconnect.
            }
            catch (Exception exception)
            {
                _cmdlet.PostError(GladiaErrors.From(exception, _path ?? Name, "'" + Name + "'"));
            }
            finally
            {
                _started.TrySetCanceled();
                progress.Complete();
                source?.Dispose();
                if (session is not null)
                {
                    session.Events.Release(_cmdlet);
                    await session.Live.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        private async Task ReadMessagesAsync(GladiaSession session, CancellationToken token)
        {
            try
            {
                await foreach (var message in session.Live.ReadMessagesAsync(token).ConfigureAwait(false))
                {
                    switch (message)
                    {
                        case TranscriptMessage { IsFinal: true } final when !_cmdlet.PassThru:
                            _cmdlet.PostObject(new GladiaTranscript(final, session.Id, PathOf(final.Channel)));
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
