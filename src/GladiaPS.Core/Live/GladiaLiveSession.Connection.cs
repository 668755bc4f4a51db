using System;
using System.Globalization;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Security;

namespace GladiaPS.Core.Live
{
    public sealed partial class GladiaLiveSession
    {
        /// <summary>
        /// After a failed send, how long the receiver may go on reading what the server sent before the
        /// connection broke (its acknowledgments and close frame) before the socket is aborted (at most <see cref="LiveConnectionOptions.CloseTimeout"/>).
        /// </summary>
        private static readonly TimeSpan FailedSendDrainLimit = TimeSpan.FromSeconds(2);

        private readonly Random _jitter = new Random();
        private int _reconnects;
        private int _connectionAttempts;
        private LiveSessionOutcome? _outcome;
        private string? _endError;

        private void Run() => _runTask = Task.Run(RunAsync);

        private async Task RunAsync()
        {
            await RunSessionAsync().ConfigureAwait(false);

            // The outcome is announced once the handlers have seen every event, Ended included.
            await _events.WhenIdle().ConfigureAwait(false);
            _completion.TrySetResult(_outcome!);
        }

        private async Task RunSessionAsync()
        {
            var reason = LiveSessionEndReason.ConnectionFailed;
            int? closeStatus = null;
            string? closeDescription = null;
            string? error = null;
            var errorKind = LiveErrorKind.Connection;
            var token = _disposeCts.Token;
            try
            {
                if (_starter is not null)
                {
                    try
                    {
                        var endpoint = await _starter(token).ConfigureAwait(false);
                        Volatile.Write(ref _url, endpoint.Url);
                        Volatile.Write(ref _id, endpoint.Id);
                        _started.TrySetResult(true);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
                    {
                        reason = LiveSessionEndReason.StartFailed;
                        error = exception.Message;
                        _started.TrySetException(exception);

                        // Start() callers learn of the failure from the outcome and may never await the start:
                        // mark the exception observed so it is not reported as an unobserved task exception.
                        _ = _started.Task.Exception;
                        return;
                    }
                }
                else
                {
                    _started.TrySetResult(true);
                }

                var everConnected = false;
                var attempts = new AttemptTracker();
                while (true)
                {
                    token.ThrowIfCancellationRequested();
                    SetStatus(everConnected ? LiveSessionStatus.Reconnecting : LiveSessionStatus.Connecting, attempts.WithoutProgress + 1, attempts.LastDetail);
                    attempts.ClearDetail();
                    Interlocked.Increment(ref _connectionAttempts);
                    attempts.Touch(_stopwatch.Elapsed);
                    var (socket, failure, refusedWith) = await TryConnectAsync(attempts.WithoutProgress + 1, token).ConfigureAwait(false);
                    if (socket is null)
                    {
                        var retry = ReconnectPolicy.AfterFailedConnect(failure!, refusedWith, everConnected, _stopwatch.Elapsed, attempts, _options);
                        if (!retry.Reconnect)
                        {
                            (reason, error) = (retry.Reason, retry.Error);
                            return;
                        }

                        await DelayBeforeRetryAsync(attempts.WithoutProgress, token).ConfigureAwait(false);
                        continue;
                    }

                    if (everConnected)
                    {
                        Interlocked.Increment(ref _reconnects);
                    }

                    OnConnected(everConnected);
                    everConnected = true;

                    // Handlers see a new connection (Connected or Ending) before anything is sent on it.
                    await _events.WhenIdle().ConfigureAwait(false);
                    var opened = _stopwatch.Elapsed;
                    var end = await RunConnectionAsync(socket, token).ConfigureAwait(false);
                    closeStatus = end.CloseStatus;
                    closeDescription = end.Description;
                    var facts = FactsAbout(opened);
                    var decision = ReconnectPolicy.AfterConnectionEnd(end, facts, attempts, _options);
                    if (decision.FrameLimit is { } frameLimit)
                    {
                        ShrinkFrames(frameLimit, facts.LargestFrameSent);
                    }

                    if (!decision.Reconnect)
                    {
                        (reason, error) = (decision.Reason, decision.Error);
                        return;
                    }

                    SetStatus(LiveSessionStatus.Reconnecting, 0, decision.Detail);
                    await DelayBeforeRetryAsync(attempts.WithoutProgress, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                reason = LiveSessionEndReason.Disposed;
            }
            catch (Exception exception)
            {
                // Nothing above should throw; if it does, end the session with the reason rather than leave it hanging.
                reason = LiveSessionEndReason.ConnectionFailed;
                error = "The session failed unexpectedly: " + Scrub(exception.Message);
                errorKind = LiveErrorKind.Connection;
            }
            finally
            {
                if (reason == LiveSessionEndReason.ClosedByClient && IsDisposeClosing())
                {
                    reason = LiveSessionEndReason.Disposed;
                }

                if (reason == LiveSessionEndReason.Disposed)
                {
                    _started.TrySetCanceled();
                }

                Finish(reason, closeStatus, closeDescription, error, errorKind);
            }
        }

        /// <summary>One connection attempt; a failure (or a time-out) comes back as its description.</summary>
        private async Task<(WebSocket? Socket, string? Failure, int? RefusedWith)> TryConnectAsync(int attempt, CancellationToken token)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(_options.ConnectTimeout);
            try
            {
                var socket = await _options.Connector(_url!, timeout.Token).ConfigureAwait(false);
                if (socket.State == WebSocketState.Open)
                {
                    return (socket, null, null);
                }

                socket.Dispose();
                return (null, "returned a socket in state " + socket.State, null);
            }
            catch (Exception exception) when (!token.IsCancellationRequested)
            {
                // A connect time-out is one more failed attempt, retried like any other.
                return timeout.IsCancellationRequested
                    ? (null, string.Format(CultureInfo.InvariantCulture, "timed out after {0:0.###} s", _options.ConnectTimeout.TotalSeconds), null)
                    : (null, "failed: " + Scrub(FlattenMessage(exception)), ConnectionEnd.UpgradeStatus(exception));
            }
        }

        /// <summary>Waits the jittered, growing delay before the next attempt (never zero unless configured so).</summary>
        private Task DelayBeforeRetryAsync(int attemptsWithoutProgress, CancellationToken token)
        {
            double jitter;
            lock (_jitter)
            {
                jitter = _jitter.NextDouble();
            }

            var delay = _options.DelayAfter(Math.Max(attemptsWithoutProgress, 1), jitter);
            return delay > TimeSpan.Zero ? Task.Delay(delay, token) : Task.CompletedTask;
        }

        /// <summary>What the policy needs to know about the connection that just ended (opened at <paramref name="opened"/>).</summary>
        private ConnectionFacts FactsAbout(TimeSpan opened)
        {
            var facts = new ConnectionFacts
            {
                ProgressOnConnection = Volatile.Read(ref _shared.ProgressOnConnection) == 1,
                OpenFor = _stopwatch.Elapsed - opened,
                Reconnects = Volatile.Read(ref _reconnects),
                LargestFrameSent = Interlocked.Exchange(ref _writer.LargestFrameOnConnection, 0),
                FrameLimit = Volatile.Read(ref _shared.FrameLimit),
                Elapsed = _stopwatch.Elapsed,
            };
            lock (_control)
            {
                facts.StopSent = _ending.StopSent;
                facts.CloseSent = _ending.CloseSent;
                facts.DisposeClosing = _ending.DisposeClosing;
            }

            return facts;
        }

        /// <summary>After a close with 1009: audio goes in frames of at most <paramref name="frameLimit"/> bytes from now on.</summary>
        private void ShrinkFrames(int frameLimit, int largestSent)
        {
            Volatile.Write(ref _shared.FrameLimit, frameLimit);
            Publish(LiveErrorMessage.Client(
                LiveErrorKind.Connection,
                "The server refused a frame of " + largestSent + " bytes as too big (1009); audio is now sent in frames of at most " + frameLimit + " bytes.",
                sessionId: Id));
        }

        private bool IsDisposeClosing()
        {
            lock (_control)
            {
                return _ending.DisposeClosing;
            }
        }

        private void OnConnected(bool isReconnect)
        {
            bool ending;
            lock (_control)
            {
                ending = _ending.AnyRequested;
                _ending.StopSentOnConnection = false;
            }

            Volatile.Write(ref _shared.ProgressOnConnection, 0);
            _writer.OnConnected();
            Volatile.Write(ref _shared.InFlightEnd, _backlog.Acknowledged);
            if (!isReconnect || _backlog.Acknowledged == _backlog.End)
            {
                // Nothing could be owed before the first connection, nor is anything owed when no audio waits to be
                // resent: the clock of progress starts here. Otherwise the time spent reconnecting counts against it.
                MarkProgress();
            }
            if (isReconnect && !_options.LosslessResume)
            {
                Publish(LiveErrorMessage.Client(
                    LiveErrorKind.Resume,
                    "Reconnected without acknowledgments: audio written just before the drop may not have reached the server.",
                    sessionId: Id));
            }

            SetStatus(ending ? LiveSessionStatus.Ending : LiveSessionStatus.Connected, 0, isReconnect ? "reconnected" : null);
        }

        private async Task<ConnectionEnd> RunConnectionAsync(WebSocket socket, CancellationToken sessionToken)
        {
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(sessionToken);
            var writer = Task.Run(() => WriteAsync(socket, connection.Token));
            var receiver = Task.Run(() => ReceiveAsync(socket, connection.Token));
            var watchdog = WatchForSilenceAsync(_stopwatch.Elapsed, connection.Token);
            try
            {
                var first = await Task.WhenAny(writer, receiver, watchdog).ConfigureAwait(false);
                if (first == watchdog)
                {
                    if (await watchdog.ConfigureAwait(false) is { } silent)
                    {
                        // Nothing to drain from a silent server: the finally stops both tasks and aborts the socket.
                        return silent;
                    }

                    first = await Task.WhenAny(writer, receiver).ConfigureAwait(false);
                }

                if (first == writer)
                {
                    if (writer.Status == TaskStatus.RanToCompletion)
                    {
                        // The writer sent the client's close; the server answers with its own close frame.
                        var answered = await Task.WhenAny(receiver, Task.Delay(_options.CloseTimeout, sessionToken)).ConfigureAwait(false);
                        if (answered != receiver)
                        {
                            // No answer in time: stop the receive first, so that the abort reads as the end of a
                            // close the client asked for, not as a broken connection.
                            connection.Cancel();
                            socket.Abort();
                        }

                        var end = await receiver.ConfigureAwait(false);
                        return end.Kind == ConnectionEndKind.Cancelled && sessionToken.IsCancellationRequested
                            ? end
                            : ConnectionEnd.ClientClosed(end.CloseStatus, end.Description);
                    }

                    // A failed send means the connection is gone, but what the server sent before it went may still
                    // be unread in the socket: acknowledgments, then its close frame. The server keeps the audio it
                    // acknowledged, so resuming from an older acknowledgment would send that audio twice. Let the
                    // receiver read up to the end of the connection (for a broken connection, at once) before the
                    // abort; only if it is still waiting after a bounded time, stop it (cancelled before the abort,
                    // so the receive does not see the abort as something else).
                    var failure = writer.Exception?.GetBaseException().Message ?? "the send was cancelled";
                    var drainLimit = _options.CloseTimeout < FailedSendDrainLimit ? _options.CloseTimeout : FailedSendDrainLimit;
                    var drained = await Task.WhenAny(receiver, Task.Delay(drainLimit, sessionToken)).ConfigureAwait(false);
                    if (drained != receiver)
                    {
                        connection.Cancel();
                        socket.Abort();
                    }

                    var receiverEnd = await receiver.ConfigureAwait(false);
                    return sessionToken.IsCancellationRequested ? ConnectionEnd.Cancelled()
                        : receiverEnd.Kind is ConnectionEndKind.ServerClosed or ConnectionEndKind.ProtocolViolation ? receiverEnd
                        : ConnectionEnd.Dropped("send failed: " + Scrub(failure));
                }

                var result = await receiver.ConfigureAwait(false);
                connection.Cancel();
                await IgnoreFailureAsync(writer).ConfigureAwait(false);

                if (result.Kind == ConnectionEndKind.ServerClosed && socket.State == WebSocketState.CloseReceived)
                {
                    await CompleteCloseHandshakeAsync(socket).ConfigureAwait(false);
                }

                return result;
            }
            finally
            {
                // Whatever happened above, neither task outlives the connection: both are stopped and awaited
                // before the socket is disposed.
                connection.Cancel();
                if (!writer.IsCompleted || !receiver.IsCompleted)
                {
                    socket.Abort();
                }

                await IgnoreFailureAsync(writer).ConfigureAwait(false);
                await IgnoreFailureAsync(receiver).ConfigureAwait(false);
                await IgnoreFailureAsync(watchdog).ConfigureAwait(false);
                socket.Dispose();
            }
        }

        /// <summary>
        /// Looks at the open connection every <see cref="SilenceRule.Period"/> until the connection ends (null) or the
        /// server's silence ends it (<see cref="SilenceRule"/>). It is a task of the connection, stopped and awaited
        /// with it, so nothing of it outlives the connection or the session.
        /// </summary>
        private async Task<ConnectionEnd?> WatchForSilenceAsync(TimeSpan opened, CancellationToken token)
        {
            var period = SilenceRule.Period(_options);
            TimeSpan? owedHereSince = null;
            try
            {
                while (true)
                {
                    await Task.Delay(period, token).ConfigureAwait(false);
                    var now = _stopwatch.Elapsed;
                    var owedHere = OwedOnConnection();
                    var owedBySession = owedHere is null ? OwedBySession() : null;

                    // Silence counts from when the server began to owe something: a quiet spell with nothing owed
                    // (an interactive session between two sends) is not silence held against the next answer.
                    owedHereSince = owedHere is null ? null : owedHereSince ?? now;
                    if (owedHere is null && owedBySession is null)
                    {
                        // Nothing owed: the clock of progress starts again when something is.
                        Volatile.Write(ref _shared.LastProgressTicks, now.Ticks);
                        continue;
                    }

                    var lastFrame = TimeSpan.FromTicks(Volatile.Read(ref _receiver.LastFrameTicks));
                    var lastProgress = TimeSpan.FromTicks(Volatile.Read(ref _shared.LastProgressTicks));
                    if (owedBySession is not null && lastFrame > lastProgress)
                    {
                        // Once the stop is answered, any message on the way to the end is progress.
                        lastProgress = lastFrame;
                    }

                    var heardHere = lastFrame > opened ? lastFrame : opened;
                    if (owedHereSince is { } since && since > heardHere)
                    {
                        heardHere = since;
                    }

                    var facts = new SilenceFacts(now, heardHere, lastProgress, owedHere, owedBySession);
                    if (SilenceRule.Judge(facts, _options) is { } verdict)
                    {
                        return verdict;
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return null;
            }
        }

        /// <summary>What the server owes on the open connection: acknowledgments of audio written, the answer to stop_recording.</summary>
        private string? OwedOnConnection()
        {
            var unacknowledged = _options.LosslessResume ? Volatile.Read(ref _shared.InFlightEnd) - _backlog.Acknowledged : 0;
            if (unacknowledged > 0)
            {
                return unacknowledged.ToString(CultureInfo.InvariantCulture) + " bytes of audio to acknowledge";
            }

            lock (_control)
            {
                return _ending.StopSentOnConnection && !_ending.StopAcknowledged ? "the answer to stop_recording" : null;
            }
        }

        /// <summary>What else the server owes the session: its end, once stop_recording was acknowledged.</summary>
        private string? OwedBySession()
        {
            lock (_control)
            {
                return _ending.StopAcknowledged && _status != LiveSessionStatus.Ended ? "the end of the session after stop_recording was acknowledged" : null;
            }
        }

        /// <summary>Awaits a task whose failure is already accounted for (it ends by cancellation or by the socket closing under it).</summary>
        private static async Task IgnoreFailureAsync(Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // See the summary.
            }
        }

        private async Task CompleteCloseHandshakeAsync(WebSocket socket)
        {
            using var timeout = new CancellationTokenSource(_options.CloseTimeout);
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The server has already said goodbye; a failed reply changes nothing.
                socket.Abort();
            }
        }

        private void Finish(LiveSessionEndReason reason, int? closeStatus, string? closeDescription, string? error, LiveErrorKind errorKind)
        {
            Volatile.Write(ref _endError, error);
            SetStatus(LiveSessionStatus.Ended, 0, error ?? reason.ToString());
            _backlog.Close();
            if (error is not null)
            {
                var ending = LiveErrorMessage.Client(errorKind, error, sessionId: Id);
                ending.EndsSession = true;
                Publish(ending, always: true);
            }

            _messages.Writer.TryComplete();
            _stopwatch.Stop();
            _outcome = new LiveSessionOutcome(reason, closeStatus, closeDescription, error, GetStatistics());
        }

        /// <summary>Reports, once, that the send window is full and the server has acknowledged nothing at all.</summary>
        private void ReportMissingAcknowledgments()
        {
            if (Volatile.Read(ref _shared.AcknowledgmentsReceived) > 0 || Interlocked.Exchange(ref _shared.WarnedNoAcknowledgments, 1) == 1)
            {
                return;
            }

            Publish(LiveErrorMessage.Client(
                LiveErrorKind.Resume,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "The server has acknowledged none of the {0} bytes sent in {1:0.###} s, so sending is paused (at most {2} bytes in flight " +
                    "and {3} queued; further sends wait). Was the session created without messages_config.receive_acknowledgments? " +
                    "If so, attach with LosslessResume = false.",
                    Interlocked.Read(ref _writer.BytesSent),
                    _options.MissingAcknowledgmentsReportDelay.TotalSeconds,
                    _options.MaxBytesInFlight,
                    _backlog.Capacity),
                sessionId: Id));
        }

        private string Scrub(string text) => Volatile.Read(ref _url) is { } url ? SecretRedactor.ScrubLiveUrl(text, url) : text;

        private static string FlattenMessage(Exception exception)
        {
            var message = exception.Message;
            for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
            {
                if (!message.Contains(inner.Message))
                {
                    message += " (" + inner.Message + ")";
                }
            }

            return message;
        }
    }
}
