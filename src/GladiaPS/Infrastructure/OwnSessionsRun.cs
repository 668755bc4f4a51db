using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using GladiaPS.Core.Audio.Inputs;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;
using GladiaPS.Core.Transcribing;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// One input of Send-GladiaAudio without -Session, in sessions of its own (more than one when it outlasts the session
    /// limit): the transcriber runs it, this turns what it yields into pipeline output. Runs off the pipeline thread and
    /// only posts to <c>output</c>.
    /// </summary>
    internal sealed class OwnSessionsRun
    {
        private readonly SendAudioSettings _settings;
        private readonly GladiaRestClient _client;
        private readonly GladiaCmdletBase _output;
        private readonly AudioInput _input;
        private readonly int _activityId;
        private readonly BatchFailure _batch;
        private readonly List<GladiaSession> _sessions = new List<GladiaSession>();
        private readonly Dictionary<GladiaLiveSession, GladiaSession> _byLive = new Dictionary<GladiaLiveSession, GladiaSession>();
        private ProgressReporter _progress;

        public OwnSessionsRun(SendAudioSettings settings, GladiaRestClient client, GladiaCmdletBase output, AudioInput input, int activityId, BatchFailure batch)
        {
            _batch = batch;
            _settings = settings;
            _client = client;
            _output = output;
            _input = input;
            _activityId = activityId;
            _progress = new ProgressReporter(output, activityId, input.Name, null);
        }

        private string Name => _input.Name;

        public async Task RunAsync(CancellationToken token)
        {
            var options = _settings.TranscriberOptionsFor(_input);
            var connection = options.Connection;
            options.StartSession = (init, t) => StartSessionAsync(init, connection!, t);
            options.InputOpened = (source, format) =>
            {
                ProgressReporter.WriteFormatVerbose(_output, Name, source, format);
                _progress = new ProgressReporter(_output, _activityId, Name, options.MaxAudio?.TotalSeconds ?? AudioFile.DurationSeconds(source), format.ByteRate);
            };
            options.Progress = seconds => _progress.Report(seconds);
            options.SpareSessionDeleted = (spare, failure) => _output.PostVerbose("'" + Name + "': session " + spare.Id +
                (failure is null
                    ? " was opened ahead for the next part but the input ended first; it was deleted on the server."
                    : " was opened ahead for the next part but the input ended first; deleting it failed (" + failure.Message + "), so it stays on the server with no audio."));
            var finished = new List<GladiaSession>();
            try
            {
                await foreach (var e in new LiveTranscriber(_client, options).TranscribeAsync(_input, token).ConfigureAwait(false))
                {
                    switch (e)
                    {
                        case LiveTranscriberMessage { Message: var message } received:
                            Write(received, message);
                            break;
                        case LiveTranscriberSessionEnded ended:
                            Ended(ended, finished);
                            break;
                    }
                }

                _progress.Complete();
                if (_settings.PassThru)
                {
                    foreach (var session in finished)
                    {
                        _output.PostObject(session);
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Ctrl+C: the transcriber has stopped the sessions so the server finishes them.
            }
            catch (Exception exception) when (!_batch.TryFail(exception, _input.Path ?? Name))
            {
                GladiaErrors.Post(_output, exception, _input.Path ?? Name, "'" + Name + "'");
            }
            finally
            {
                _progress.Complete();
                foreach (var session in Sessions())
                {
                    session.Events.Release(_output);
                }
            }
        }

        private void Ended(LiveTranscriberSessionEnded ended, List<GladiaSession> finished)
        {
            if (!ended.Outcome.Succeeded)
            {
                _output.PostError(GladiaErrors.Create(
                    "'" + Name + "': the session " + ended.Session.Id + " ended without its results: " + ended.Outcome.ToString().TrimEnd('.') + ".",
                    "SessionFailed", ErrorCategory.ConnectionError, _input.Path ?? (object?)ended.Session.Id));
            }
            else if (ended.Outcome.ErrorMessage is { } said)
            {
                _output.PostWarning("'" + Name + "' (session " + ended.Session.Id + "): " + said);
            }

            lock (_sessions)
            {
                finished.Add(_byLive[ended.Session]);
            }
        }

        private void Write(LiveTranscriberEvent e, LiveMessage message)
        {
            switch (message)
            {
                case TranscriptMessage { IsFinal: true } final when !_settings.PassThru:
                    _output.PostObject(new GladiaTranscript(final, e.Session.Id, PathOf(final.Channel), e.Offset));
                    break;
                case TranscriptMessage { IsFinal: false } inProgress when _settings.WantsPartials:
                    // The utterance in progress is a status line, not output: it is replaced by its final.
                    _output.PostProgress(new ProgressRecord(_activityId + 100000, "Hearing " + Name, "[" + inProgress.Channel + "] " + inProgress.Text)
                    {
                        ParentActivityId = -1,
                    });
                    break;
                case LiveErrorMessage { EndsSession: true }:
                    // The session's end is reported once, by Ended, as an error (or a warning if it still succeeded).
                    break;
                case LiveErrorMessage error:
                    _output.PostWarning("'" + Name + "' (session " + e.Session.Id + "): " + error.Message);
                    break;
            }
        }

        private async Task<GladiaLiveSession> StartSessionAsync(LiveSessionOptions init, LiveConnectionOptions connection, CancellationToken token)
        {
            var format = new SessionAudioFormat(init.EffectiveEncoding, init.EffectiveBitDepth, init.EffectiveSampleRate, init.EffectiveChannels);
            var session = await SessionFactory.StartAsync(_client, init, connection, format, _input.Paths, _settings.RunspaceId, _output, token).ConfigureAwait(false);
            session.MessagesReadByCreator = true;
            lock (_sessions)
            {
                _sessions.Add(session);
                _byLive[session.Live] = session;
            }

            _output.PostVerbose("'" + Name + "': session " + session.Id + " started.");
            return session.Live;
        }

        private GladiaSession[] Sessions()
        {
            lock (_sessions)
            {
                return _sessions.ToArray();
            }
        }

        private string? PathOf(int channel) =>
            _input.Kind == AudioInputKind.Tracks ? (channel >= 0 && channel < _input.Paths.Count ? _input.Paths[channel] : null) : _input.Path;
    }
}
