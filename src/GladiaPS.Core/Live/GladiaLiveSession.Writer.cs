using System;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Live
{
    public sealed partial class GladiaLiveSession
    {
        /// <summary>
        /// The only code that sends on a socket. It starts at the acknowledged offset, so a new connection
        /// first re-sends exactly the bytes the server has not acknowledged, then new audio, then the stop
        /// (once every byte queued before it is written) or the client's close. At most
        /// <see cref="LiveConnectionOptions.MaxBytesInFlight"/> bytes are written ahead of the acknowledgments.
        /// </summary>
        private async Task WriteAsync(WebSocket socket, CancellationToken token)
        {
            var offset = _backlog.Acknowledged;
            Task? wake = null;
            using var wakeOnEnd = token.Register(state => ((AudioBacklog)state!).WakeWriter(), _backlog);
            while (true)
            {
                token.ThrowIfCancellationRequested();
                if (IsDisposeClosing())
                {
                    // Disposal abandons unsent audio: close with 1000 now rather than after the backlog.
                    lock (_control)
                    {
                        _ending.CloseSent = true;
                    }

                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, token).ConfigureAwait(false);
                    return;
                }

                var acknowledged = _backlog.Acknowledged;
                if (offset < acknowledged)
                {
                    offset = acknowledged;
                }

                var frame = _backlog.BeginRead(offset);
                var limit = Volatile.Read(ref _shared.FrameLimit);
                if (frame.Length > limit)
                {
                    // Smaller frames after a 1009 close; the rest of the segment is read on the next turn.
                    frame = frame.Slice(0, limit);
                }

                if (!frame.IsEmpty)
                {
                    try
                    {
                        if (_options.LosslessResume && offset + frame.Length - acknowledged > _options.MaxBytesInFlight)
                        {
                            // The send window is full: wait for acknowledgments (armed first, then checked once more).
                            if (wake is null)
                            {
                                wake = _backlog.WhenWriterShouldLook();
                                continue;
                            }

                            await WaitForAcknowledgmentsAsync(wake, token).ConfigureAwait(false);
                            wake = null;
                            continue;
                        }

                        wake = null;

                        var end = offset + frame.Length;

                        // Published before the send: the server may acknowledge the frame before SendAsync returns.
                        Volatile.Write(ref _shared.InFlightEnd, end);
                        if (frame.Length > Volatile.Read(ref _writer.LargestFrameOnConnection))
                        {
                            Volatile.Write(ref _writer.LargestFrameOnConnection, frame.Length);
                        }

                        await SendAudioFrameAsync(socket, frame, token).ConfigureAwait(false);
                        var highest = Interlocked.Read(ref _writer.HighestSent);
                        if (highest > offset)
                        {
                            Interlocked.Add(ref _writer.BytesResent, Math.Min(highest, end) - offset);
                        }

                        if (end > highest)
                        {
                            Interlocked.Exchange(ref _writer.HighestSent, end);
                        }

                        Interlocked.Add(ref _writer.BytesSent, frame.Length);
                        Interlocked.Increment(ref _writer.FramesSent);
                        offset = end;
                    }
                    finally
                    {
                        _backlog.EndRead();
                    }

                    if (!_options.LosslessResume)
                    {
                        _backlog.AcknowledgeUpTo(offset);
                    }

                    continue;
                }

                bool sendStop;
                bool sendClose;
                lock (_control)
                {
                    sendStop = _ending.ShouldSendStop(offset);
                    sendClose = !sendStop && _ending.ShouldSendClose(offset);
                }

                if (sendStop)
                {
                    wake = null;
                    // Marked before the send: the server may answer and close with 1000 before SendAsync returns.
                    lock (_control)
                    {
                        _ending.StopSentOnConnection = true;
                        _ending.StopSent = true;
                    }

                    await socket.SendAsync(new ArraySegment<byte>(StopRecordingFrame), WebSocketMessageType.Text, true, token).ConfigureAwait(false);
                    continue;
                }

                if (sendClose)
                {
                    lock (_control)
                    {
                        _ending.CloseSent = true;
                    }

                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, token).ConfigureAwait(false);
                    return;
                }

                // Nothing to do: arm the wake-up, look once more, then sleep until something changes.
                if (wake is null)
                {
                    wake = _backlog.WhenWriterShouldLook();
                    continue;
                }

                await wake.ConfigureAwait(false);
                wake = null;
            }
        }

        /// <summary>
        /// Waits for the wake-up while the send window is full. Until a first acknowledgment arrives, the
        /// wait is timed: a server that never acknowledges (a session created without acknowledgments) is
        /// reported instead of stalling in silence. The deadline runs from the moment the window first
        /// filled, not from each wake-up, so audio that keeps arriving (each append wakes the writer) does
        /// not put the report off forever.
        /// </summary>
        private async Task WaitForAcknowledgmentsAsync(Task wake, CancellationToken token)
        {
            if (Volatile.Read(ref _shared.AcknowledgmentsReceived) > 0 || Volatile.Read(ref _shared.WarnedNoAcknowledgments) == 1)
            {
                await wake.ConfigureAwait(false);
                return;
            }

            var now = _stopwatch.Elapsed.Ticks;
            if (Interlocked.Read(ref _writer.WindowFirstFullTicks) < 0)
            {
                Interlocked.Exchange(ref _writer.WindowFirstFullTicks, now);
            }

            var left = _options.MissingAcknowledgmentsReportDelay - TimeSpan.FromTicks(now - Interlocked.Read(ref _writer.WindowFirstFullTicks));
            if (left <= TimeSpan.Zero)
            {
                ReportMissingAcknowledgments();
                await wake.ConfigureAwait(false);
                return;
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(token);
            var delay = Task.Delay(left, timer.Token);
            var first = await Task.WhenAny(wake, delay).ConfigureAwait(false);
            timer.Cancel();
            if (first == delay && delay.Status == TaskStatus.RanToCompletion)
            {
                ReportMissingAcknowledgments();
                await wake.ConfigureAwait(false);
            }
        }

        private Task SendAudioFrameAsync(WebSocket socket, ReadOnlyMemory<byte> frame, CancellationToken token)
        {
            if (!MemoryMarshal.TryGetArray(frame, out var segment))
            {
                segment = new ArraySegment<byte>(frame.ToArray());
            }

            if (!_options.SendAudioAsJson)
            {
                return socket.SendAsync(segment, WebSocketMessageType.Binary, true, token);
            }

            var json = "{\"type\":\"audio_chunk\",\"data\":{\"chunk\":\"" +
                Convert.ToBase64String(segment.Array!, segment.Offset, segment.Count) + "\"}}";
            return socket.SendAsync(new ArraySegment<byte>(Encoding.UTF8.GetBytes(json)), WebSocketMessageType.Text, true, token);
        }
    }
}
