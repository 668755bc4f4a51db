using System;
using System.IO;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Security;

namespace GladiaPS.Core.Live
{
    public sealed partial class GladiaLiveSession
    {
        private async Task<ConnectionEnd> ReceiveAsync(WebSocket socket, CancellationToken token)
        {
            var buffer = new byte[64 * 1024];
            byte[]? assembled = null;
            var assembledLength = 0;
            var oversized = false;
            try
            {
                while (true)
                {
                    var result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), token).ConfigureAwait(false);
                    Volatile.Write(ref _receiver.LastFrameTicks, _stopwatch.Elapsed.Ticks);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return ConnectionEnd.ServerClosed(
                            (int?)(socket.CloseStatus ?? result.CloseStatus), ServerText(socket.CloseStatusDescription ?? result.CloseStatusDescription));
                    }

                    if (result.EndOfMessage && assembledLength == 0 && !oversized)
                    {
                        // The common case: a whole message in one read, parsed straight from the buffer.
                        Handle(new ReadOnlyMemory<byte>(buffer, 0, result.Count), result.MessageType);
                        continue;
                    }

                    if (!oversized)
                    {
                        if (assembledLength + result.Count > _options.MaxMessageBytes)
                        {
                            oversized = true;
                            assembled = null;
                            assembledLength = 0;
                        }
                        else
                        {
                            if (assembled is null || assembled.Length < assembledLength + result.Count)
                            {
                                Array.Resize(ref assembled, Math.Max(assembledLength + result.Count, Math.Max(buffer.Length * 2, (assembled?.Length ?? 0) * 2)));
                            }

                            Buffer.BlockCopy(buffer, 0, assembled!, assembledLength, result.Count);
                            assembledLength += result.Count;
                        }
                    }

                    if (result.EndOfMessage)
                    {
                        if (oversized)
                        {
                            Publish(LiveErrorMessage.Client(LiveErrorKind.InvalidFrame, "The server sent a message over " + _options.MaxMessageBytes + " bytes (MaxMessageBytes); it was skipped. " +
                                "The session's whole result stays available from Gladia (Get-GladiaLiveResult).", sessionId: Id));
                        }
                        else
                        {
                            Handle(new ReadOnlyMemory<byte>(assembled!, 0, assembledLength), result.MessageType);
                        }

                        assembled = null;
                        assembledLength = 0;
                        oversized = false;
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return ConnectionEnd.Cancelled();
            }
            catch (OperationCanceledException)
            {
                // A pending receive on an aborted ClientWebSocket ends this way without the token being cancelled.
                return ConnectionEnd.Dropped("the connection was aborted");
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                if (token.IsCancellationRequested)
                {
                    return ConnectionEnd.Cancelled();
                }

                if (exception is WebSocketException { WebSocketErrorCode: WebSocketError.Faulted, InnerException: null } && socket.State == WebSocketState.Aborted)
                {
                    // The client's WebSocket refused a frame itself (invalid UTF-8 in a text frame: 1007; a malformed frame: 1002).
                    // A reconnection would be sent the same frame again, so the session ends here, once.
                    return ConnectionEnd.ProtocolViolation();
                }

                return ConnectionEnd.Dropped(Scrub(FlattenMessage(exception)));
            }
        }

        private void Handle(ReadOnlyMemory<byte> payload, WebSocketMessageType type)
        {
            Interlocked.Increment(ref _receiver.MessagesReceived);
            if (type == WebSocketMessageType.Binary)
            {
                Publish(LiveErrorMessage.Client(
                    LiveErrorKind.UnexpectedBinaryFrame, "The server sent a binary frame of " + payload.Length + " bytes; the protocol defines none.", sessionId: Id));
                return;
            }

            if (!_options.ForwardAcknowledgments && AcknowledgmentReader.TryRead(payload.Span, out var start, out var end))
            {
                Interlocked.Increment(ref _shared.AcknowledgmentsReceived);
                if (_options.LosslessResume)
                {
                    ApplyAcknowledgment(start, end, payload);
                }

                return;
            }

            var message = LiveMessageParser.Parse(payload);
            // A message belongs to the session it arrived on, whatever its session_id says (that stays in Raw).
            message.SessionId = Id;
            switch (message)
            {
                case AudioChunkAcknowledgment acknowledgment:
                    OnAudioAcknowledged(acknowledgment);
                    if (_options.ForwardAcknowledgments)
                    {
                        Publish(acknowledgment);
                    }

                    break;
                case StopRecordingAcknowledgment stopAcknowledgment:
                    if (stopAcknowledgment.Acknowledged)
                    {
                        lock (_control)
                        {
                            _ending.StopAcknowledged = true;
                        }

                        MarkProgress();
                    }
                    else
                    {
                        Publish(LiveErrorMessage.Client(
                            LiveErrorKind.AcknowledgmentRejected,
                            "The server refused stop_recording: " + (stopAcknowledgment.Error?.Message ?? "no reason given") + ".",
                            stopAcknowledgment.Raw,
                            Id));
                    }

                    if (_options.ForwardAcknowledgments)
                    {
                        Publish(stopAcknowledgment);
                    }

                    break;
                case StartSessionMessage:
                    // It may arrive again after a reconnect (§11 #8); the caller sees it once.
                    if (Interlocked.Exchange(ref _receiver.StartSessionSeen, 1) == 0)
                    {
                        Publish(message);
                    }

                    break;
                default:
                    Publish(message);
                    break;
            }
        }

        /// <summary>
        /// Trims the backlog up to an acknowledgment's end after checking it against what was sent. An
        /// acknowledgment that goes backwards or covers bytes never sent is reported and ignored (the
        /// backlog is left as it was); one that starts elsewhere than the client's count is reported and,
        /// as its end is plausible, still applied.
        /// </summary>
        private void OnAudioAcknowledged(AudioChunkAcknowledgment acknowledgment)
        {
            Interlocked.Increment(ref _shared.AcknowledgmentsReceived);
            if (!_options.LosslessResume)
            {
                return;
            }

            if (!acknowledgment.Acknowledged)
            {
                Publish(LiveErrorMessage.Client(
                    LiveErrorKind.AcknowledgmentRejected,
                    "The server refused audio bytes [" + acknowledgment.ByteStart + ", " + acknowledgment.ByteEnd + "): " +
                    (acknowledgment.Error?.Message ?? "no reason given") + ". They stay queued and are re-sent after a reconnect.",
                    acknowledgment.Raw,
                    Id));
                return;
            }

            if (acknowledgment.ByteEnd is not { } end)
            {
                Publish(LiveErrorMessage.Client(
                    LiveErrorKind.AcknowledgmentMismatch, "An audio acknowledgment had no byte_range; it was ignored.", acknowledgment.Raw, Id));
                return;
            }

            ApplyAcknowledgment(acknowledgment.ByteStart, end, ReadOnlyMemory<byte>.Empty, acknowledgment.Raw);
        }

        /// <summary>
        /// Checks an accepted acknowledgment's range against the client's counts and trims the backlog.
        /// The frame's text (<paramref name="raw"/>, or decoded from <paramref name="frame"/>) is only built for a report.
        /// </summary>
        private void ApplyAcknowledgment(long? start, long end, ReadOnlyMemory<byte> frame, string? raw = null)
        {
            var previous = Interlocked.Read(ref _receiver.LastAcknowledgedEnd);
            var sent = Volatile.Read(ref _shared.InFlightEnd);
            if (end < previous)
            {
                Publish(LiveErrorMessage.Client(
                    LiveErrorKind.AcknowledgmentMismatch,
                    "An audio acknowledgment went backwards: it ends at byte " + end + " but " + previous +
                    " bytes were already acknowledged. It was ignored; the backlog is unchanged.",
                    raw ?? System.Text.Encoding.UTF8.GetString(frame.ToArray()),
                    Id));
                return;
            }

            if (end > sent)
            {
                Publish(LiveErrorMessage.Client(
                    LiveErrorKind.AcknowledgmentMismatch,
                    "An audio acknowledgment covers bytes up to " + end + " but only " + sent +
                    " were sent. It was ignored; the backlog is unchanged.",
                    raw ?? System.Text.Encoding.UTF8.GetString(frame.ToArray()),
                    Id));
                return;
            }

            if (start is { } first && first != previous)
            {
                Publish(LiveErrorMessage.Client(
                    LiveErrorKind.AcknowledgmentMismatch,
                    "An audio acknowledgment starts at byte " + first + " but the client's acknowledged count is " + previous +
                    "; the server's stream and the client's may differ.",
                    raw ?? System.Text.Encoding.UTF8.GetString(frame.ToArray()),
                    Id));
            }

            Interlocked.Exchange(ref _receiver.LastAcknowledgedEnd, end);
            _backlog.AcknowledgeUpTo(end);
            if (end > previous)
            {
                // Audio acknowledged: this connection has proved itself.
                Volatile.Write(ref _shared.ProgressOnConnection, 1);
                MarkProgress();
            }
        }

        private void MarkProgress() => Volatile.Write(ref _shared.LastProgressTicks, _stopwatch.Elapsed.Ticks);

        /// <summary>A close reason the server chose, fit to show: one bounded line, the session's token removed.</summary>
        private string? ServerText(string? text) => text is null ? null : Scrub(SecretRedactor.Printable(text, 200));
    }
}
