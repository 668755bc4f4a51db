using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using GladiaPS.Core.Audio.Inputs;
using GladiaPS.Core.Rest;
using GladiaPS.Core.Transcribing;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// Where Send-GladiaAudio's inputs go, decided once for all of them: into the session given with -Session, one input
    /// after the other, or each into sessions of its own, up to the throttle limit at once. Every input runs in the
    /// background and posts what it has to say; the pipeline thread waits here for a free slot and for the end, writing
    /// meanwhile. A bad input is a non-terminating error and the next goes on.
    /// </summary>
    internal sealed class AudioInputSink
    {
        private readonly GladiaCmdletBase _cmdlet;
        private readonly SendAudioSettings _settings;
        private readonly GladiaRestClient? _client;
        private readonly GladiaSession? _session;
        private readonly int _throttleLimit;
        private readonly List<Task> _running = new List<Task>();
        private readonly BatchFailure _batch;
        private int _activityId = 1;

        /// <param name="client">Creates the sessions of their own; null with <paramref name="session"/>.</param>
        /// <param name="session">The session every input goes into, or null for sessions of their own.</param>
        /// <param name="apiUrl">The API's URL as shown (redacted), for the error when it cannot be reached.</param>
        public AudioInputSink(GladiaCmdletBase cmdlet, SendAudioSettings settings, GladiaRestClient? client, GladiaSession? session, int throttleLimit,
            string? apiUrl = null)
        {
            _cmdlet = cmdlet;
            _batch = new BatchFailure(cmdlet.Cancellation, cmdlet.Messages.Wake, apiUrl);
            _settings = settings;
            _client = client;
            _session = session;

            // Inputs into one session must not interleave.
            _throttleLimit = session is null ? throttleLimit : 1;
        }

        /// <summary>Starts <paramref name="input"/> once a slot is free, writing what the running inputs say meanwhile. Pipeline thread only.</summary>
        public void Add(AudioInput input)
        {
            _cmdlet.WaitUntil(() => _batch.Error is not null || _running.Count(t => !t.IsCompleted) < _throttleLimit, AnyCompleted());
            ThrowIfFailed();
            var activityId = _activityId++;
            // The batch's token is cancelled with the command's (Ctrl+C, or the command ending however it ends) and when the batch fails.
            var token = _batch.Token;
            _running.Add(_session is null
                ? _cmdlet.Start(_ => new OwnSessionsRun(_settings, _client!, _cmdlet, input, activityId, _batch).RunAsync(token))
                : _cmdlet.Start(_ => SendIntoSessionAsync(_session, input, activityId, token)));
        }

        /// <summary>Waits for every input to finish, writing what they say. Pipeline thread only.</summary>
        public void WaitForAll()
        {
            _cmdlet.WaitUntil(() => _batch.Error is not null || _running.All(t => t.IsCompleted), Task.WhenAll(_running));
            ThrowIfFailed();
        }

        private void ThrowIfFailed() => _batch.ThrowIfFailed(_cmdlet, _running);

        private async Task SendIntoSessionAsync(GladiaSession session, AudioInput input, int activityId, CancellationToken token)
        {
            var progress = new ProgressReporter(_cmdlet, activityId, input.Name, null);
            var options = _settings.SendOptionsFor(input);
            options.InputOpened = (source, format) =>
            {
                ProgressReporter.WriteFormatVerbose(_cmdlet, input.Name, source, format);
                progress = new ProgressReporter(_cmdlet, activityId, input.Name, options.MaxAudio?.TotalSeconds ?? AudioFile.DurationSeconds(source), format.ByteRate);
            };
            options.Progress = seconds => progress.Report(seconds);

            // Inputs into one session go one after another: this one's audio starts where the audio queued so far ends.
            session.Files.Add(session.AudioSeconds, input.Paths);
            using (session.Events.Listen(_cmdlet))
            {
                try
                {
                    await new LiveTranscriber(null, options).SendAsync(input, session.Live, session.Format, token).ConfigureAwait(false);
                    progress.Complete();
                }
                catch (Exception exception) when ((exception is not OperationCanceledException || !token.IsCancellationRequested) &&
                                                  !_batch.TryFail(exception, session.Id))
                {
                    GladiaErrors.Post(_cmdlet, exception, input.Kind == AudioInputKind.Bytes ? session.Id : input.Path ?? input.Name);
                }
            }
        }

        private Task AnyCompleted()
        {
            var pending = _running.Where(t => !t.IsCompleted).ToList();
            return pending.Count == 0 ? Task.CompletedTask : Task.WhenAny(pending);
        }
    }
}
