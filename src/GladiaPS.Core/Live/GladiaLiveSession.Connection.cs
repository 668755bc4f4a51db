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
        private int _reconnects;
        private int _connectionAttempts;
        private bool _stopSent;
        private bool _closeSent;

        private void Run() => _runTask = Task.Run(RunAsync);

        private async Task RunAsync()
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
                        return;
                    }
                }
                else
                {
                    _started.TrySetResult(true);
                }

                var isReconnect = false;
                while (true)
                {
                    var socket = await ConnectWithRetriesAsync(isReconnect, token).ConfigureAwait(false);
                    if (socket.Socket is null)
                    {
                        reason = LiveSessionEndReason.ConnectionFailed;
                        error = socket.Failure;
                        return;
                    }

                    if (isReconnect)
                    {
                        Interlocked.Increment(ref _reconnects);
                    }

                    OnConnected(isReconnect);
                    var end = await RunConnectionAsync(socket.Socket, token).ConfigureAwait(false);
                    closeStatus = end.CloseStatus;
                    closeDescription = end.Description;

                    switch (end.Kind)
                    {
                        case ConnectionEndKind.Cancelled:
                            reason = LiveSessionEndReason.Disposed;
                            return;
                        case ConnectionEndKind.ClientClosed:
                            reason = LiveSessionEndReason.ClosedByClient;
                            return;
                        case ConnectionEndKind.ServerClosed when end.CloseStatus == (int)WebSocketCloseStatus.NormalClosure:
                            lock (_control)
                            {
                                reason = _closeSent ? LiveSessionEndReason.ClosedByClient
                                    : _stopSent ? LiveSessionEndReason.Completed
                                    : LiveSessionEndReason.ClosedByServer;
                            }

                            if (reason == LiveSessionEndReason.ClosedByServer)
                            {
                                error = "The server ended the session (1000" + DescriptionSuffix(end.Description) + ") before the client asked to stop.";
                            }

                            return;
                        case ConnectionEndKind.ServerClosed when end.CloseStatus is { } code && !ConnectionEnd.IsRetryable(code):
                            reason = LiveSessionEndReason.Rejected;
                            error = "The server closed the connection with " + code + DescriptionSuffix(end.Description) + ", which does not allow resuming.";
                            return;
                    }

                    // A retryable close or a drop: the session is still alive on the server; resume it,
                    // unless it is being disposed, which abandons it.
                    if (Volatile.Read(ref _disposeClosing))
                    {
                        reason = LiveSessionEndReason.Disposed;
                        return;
                    }

                    var maxReconnects = _options.MaxReconnects;
                    if (maxReconnects > 0 && Volatile.Read(ref _reconnects) >= maxReconnects)
                    {
                        reason = LiveSessionEndReason.ConnectionFailed;
                        error = "The connection was lost (" + Describe(end) + ") and the limit of " + maxReconnects + " reconnections was reached.";
                        return;
                    }

                    SetStatus(LiveSessionStatus.Reconnecting, 0, "connection lost: " + Describe(end));
                    isReconnect = true;
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
                if (reason == LiveSessionEndReason.ClosedByClient && Volatile.Read(ref _disposeClosing))
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

        private async Task<(WebSocket? Socket, string? Failure)> ConnectWithRetriesAsync(bool isReconnect, CancellationToken token)
        {
            var status = isReconnect ? LiveSessionStatus.Reconnecting : LiveSessionStatus.Connecting;
            string? lastFailure = null;
            for (var attempt = 1; ; attempt++)
            {
                token.ThrowIfCancellationRequested();
                SetStatus(status, attempt, lastFailure);
                Interlocked.Increment(ref _connectionAttempts);
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(token))
                {
                    timeout.CancelAfter(_options.ConnectTimeout);
                    try
                    {
                        var socket = await _options.Connector(_url!, timeout.Token).ConfigureAwait(false);
                        if (socket.State == WebSocketState.Open)
                        {
                            return (socket, null);
                        }

                        socket.Dispose();
                        lastFailure = "attempt " + attempt + " returned a socket in state " + socket.State;
                    }
                    catch (Exception exception) when (!token.IsCancellationRequested)
                    {
                        // A connect time-out is one more failed attempt, retried like any other.
                        lastFailure = timeout.IsCancellationRequested
                            ? string.Format(CultureInfo.InvariantCulture, "attempt {0} timed out after {1:0.###} s", attempt, _options.ConnectTimeout.TotalSeconds)
                            : "attempt " + attempt + " failed: " + Scrub(FlattenMessage(exception));
                    }
                }

                var maxAttempts = _options.MaxConnectAttempts;
                if (maxAttempts > 0 && attempt >= maxAttempts)
                {
                    return (null, "Could not " + (isReconnect ? "reconnect" : "connect") + " to the live session after " + attempt +
                        " attempt(s); the last " + lastFailure + ".");
                }

                await Task.Delay(_options.DelayAfter(attempt), token).ConfigureAwait(false);
            }
        }

        private void OnConnected(bool isReconnect)
        {
            bool ending;
            lock (_control)
            {
                ending = _stopRequested || _closeRequested;
                _stopSentOnConnection = false;
            }

            Volatile.Write(ref _inFlightEnd, _backlog.Acknowledged);
            if (isReconnect && !_options.AcknowledgmentsEnabled)
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
            try
            {
                var first = await Task.WhenAny(writer, receiver).ConfigureAwait(false);
                if (first == writer)
                {
                    if (writer.Status == TaskStatus.RanToCompletion)
                    {
                        // The writer sent the client's close; the server answers with its own close frame.
                        var answered = await Task.WhenAny(receiver, Task.Delay(_options.CloseTimeout, sessionToken)).ConfigureAwait(false);
                        if (answered != receiver)
                        {
                            socket.Abort();
                        }

                        var end = await receiver.ConfigureAwait(false);
                        return end.Kind == ConnectionEndKind.Cancelled && sessionToken.IsCancellationRequested
                            ? end
                            : ConnectionEnd.ClientClosed(end.CloseStatus, end.Description);
                    }

                    // A failed send means the connection is gone; stop the receiver and resume.
                    var failure = writer.Exception?.GetBaseException().Message ?? "the send was cancelled";
                    socket.Abort();
                    connection.Cancel();
                    var receiverEnd = await receiver.ConfigureAwait(false);
                    return sessionToken.IsCancellationRequested ? ConnectionEnd.Cancelled()
                        : receiverEnd.Kind == ConnectionEndKind.ServerClosed ? receiverEnd
                        : ConnectionEnd.Dropped("send failed: " + Scrub(failure));
                }

                var result = await receiver.ConfigureAwait(false);
                connection.Cancel();
                try
                {
                    await writer.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The writer ends by cancellation or by the socket closing under it; the receiver's result says why.
                }

                if (result.Kind == ConnectionEndKind.ServerClosed && socket.State == WebSocketState.CloseReceived)
                {
                    await CompleteCloseHandshakeAsync(socket).ConfigureAwait(false);
                }

                return result;
            }
            finally
            {
                socket.Dispose();
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
            SetStatus(LiveSessionStatus.Ended, 0, error ?? reason.ToString());
            _backlog.Close();
            if (error is not null)
            {
                Publish(LiveErrorMessage.Client(errorKind, error, sessionId: Id));
            }

            _messages.Writer.TryComplete();
            _stopwatch.Stop();
            _completion.TrySetResult(new LiveSessionOutcome(reason, closeStatus, closeDescription, error, GetStatistics()));
        }

        /// <summary>Reports, once, that the send window is full and the server has acknowledged nothing at all.</summary>
        private void ReportMissingAcknowledgments()
        {
            if (Volatile.Read(ref _acknowledgmentsReceived) > 0 || Interlocked.Exchange(ref _warnedNoAcknowledgments, 1) == 1)
            {
                return;
            }

            Publish(LiveErrorMessage.Client(
                LiveErrorKind.Resume,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "The server has acknowledged none of the {0} bytes sent in {1:0.###} s, so sending is paused (at most {2} bytes in flight " +
                    "and {3} queued; further sends wait). Was the session created without messages_config.receive_acknowledgments? " +
                    "If so, attach with AcknowledgmentsEnabled = false.",
                    Interlocked.Read(ref _bytesSent),
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

        private static string Describe(ConnectionEnd end) =>
            end.Kind == ConnectionEndKind.ServerClosed ? "close " + end.CloseStatus + DescriptionSuffix(end.Description) : end.Description ?? "dropped";

        private static string DescriptionSuffix(string? description) => string.IsNullOrEmpty(description) ? string.Empty : ": " + description;
    }
}
