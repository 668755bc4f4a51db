using System;
using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GladiaPS.Emulator.Live
{
    /// <summary>
    /// One WebSocket connection to a session. A receive loop reads frames and queues them; a pump acknowledges
    /// them in order (after the ack delay, not while stalled) through the session, which keeps the audio only
    /// at that moment. A drop marks the connection discarding, so frames still queued are thrown away.
    /// </summary>
    internal sealed class LiveConnection
    {
        /// <summary>The frame limit the SDK states for the server (1 MiB); a larger message is refused with close 1009.</summary>
        public const int MaxFrameBytes = 1024 * 1024;

        private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(10);

        /// <summary>
        /// Time given to the transport to write out acks already sent before an abrupt drop resets the connection,
        /// so a client's last ack is the server's last ack.
        /// </summary>
        private static readonly TimeSpan AbruptDropFlushGrace = TimeSpan.FromMilliseconds(150);

        private readonly HttpContext _context;
        private readonly WebSocket _socket;
        private readonly EmulatedSession _session;
        private readonly EmulatorFaults _faults;
        /// <summary>Unacknowledged audio the server buffers before it stops reading (back-pressure on the client).</summary>
        private const long MaxQueuedBytes = 16 * 1024 * 1024;

        private readonly Channel<PendingFrame> _pending = Channel.CreateUnbounded<PendingFrame>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        private readonly SemaphoreSlim _dequeued = new(0);
        private readonly CancellationTokenSource _hurry = new();
        private readonly CancellationTokenSource _receiveCancel;
        private long _queuedBytes;
        private readonly object _stateGate = new();
        private volatile bool _discarding;
        private volatile bool _silent;
        private volatile bool _stopReceived;
        private bool _outputClosed;
        private long _bytes;

        public LiveConnection(HttpContext context, WebSocket socket, EmulatedSession session, EmulatorFaults faults)
        {
            _context = context;
            _socket = socket;
            _session = session;
            _faults = faults;
            _receiveCancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        }

        public bool IsDiscarding => _discarding;

        public bool StopReceived => _stopReceived;

        /// <summary>The faults in force now.</summary>
        public FaultSettings Faults => _faults.Snapshot();

        public bool CanSend => !_silent && !_discarding && !_outputClosed && _socket.State == WebSocketState.Open;

        /// <summary>Whether the injected bad frames were already sent on this connection.</summary>
        public bool FaultFramesSent { get; set; }

        public void MarkDiscarding()
        {
            _discarding = true;
            Hurry();
            if (_dequeued.CurrentCount == 0) _dequeued.Release();
        }

        public void MarkSilent() => _silent = true;

        public void Abort()
        {
            Hurry();
            _context.Abort();
        }

        /// <summary>Sends a text frame. Callers hold the session's lock, which serialises sends.</summary>
        public async Task SendTextAsync(byte[] utf8)
        {
            if (!CanSend) return;
            try
            {
                await _socket.SendAsync(utf8, WebSocketMessageType.Text, true, _context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or System.IO.IOException)
            {
                _silent = true;
            }
        }

        /// <summary>Sends a close frame. Callers hold the session's lock.</summary>
        public async Task CloseOutputAsync(int code, string reason)
        {
            lock (_stateGate)
            {
                if (_outputClosed) return;
                _outputClosed = true;
            }

            Hurry();
            if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
            try
            {
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, _context.RequestAborted).ConfigureAwait(false);
                CancelReceiveAfter(CloseHandshakeTimeout);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or System.IO.IOException)
            {
                _silent = true;
            }
        }

        public async Task RunAsync()
        {
            if (!await _session.AttachAsync(this).ConfigureAwait(false))
            {
                await CloseOutputAsync(1000, "session already ended").ConfigureAwait(false);
                await DrainUntilClosedAsync().ConfigureAwait(false);
                return;
            }

            var pump = Task.Run(PumpAsync);
            try
            {
                await ReceiveLoopAsync().ConfigureAwait(false);
            }
            finally
            {
                _pending.Writer.TryComplete();
                await pump.ConfigureAwait(false);
            }

            if (_socket.State == WebSocketState.CloseReceived) await CloseOutputAsync(1000, string.Empty).ConfigureAwait(false);
            _hurry.Dispose();
            _receiveCancel.Dispose();
        }

        private void CancelReceiveAfter(TimeSpan delay)
        {
            try
            {
                _receiveCancel.CancelAfter(delay);
            }
            catch (ObjectDisposedException)
            {
                // Already finished.
            }
        }

        private void Hurry()
        {
            try
            {
                _hurry.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already finished.
            }
        }

        private async Task ReceiveLoopAsync()
        {
            var buffer = ArrayPool<byte>.Shared.Rent(MaxFrameBytes + 1);
            var clock = Stopwatch.StartNew();
            try
            {
                while (true)
                {
                    var count = 0;
                    ValueWebSocketReceiveResult result;
                    try
                    {
                        do
                        {
                            result = await _socket.ReceiveAsync(buffer.AsMemory(count, MaxFrameBytes + 1 - count), _receiveCancel.Token).ConfigureAwait(false);
                            count += result.Count;
                        }
                        while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close && count <= MaxFrameBytes);

                        if (result.MessageType == WebSocketMessageType.Close)
                        {
                            await EndAsync(clientClosedNormally: _socket.CloseStatus == WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
                            return;
                        }

                        if (_discarding || _outputClosed)
                        {
                            // Dropped with a close frame, or ending: read on until the client answers, keeping nothing.
                            if (!_stopReceived && result.MessageType == WebSocketMessageType.Binary)
                            {
                                _session.AddReceived(count);
                                _session.AddDiscarded(count);
                            }

                            continue;
                        }

                        if (count > MaxFrameBytes)
                        {
                            _session.AddReceived(count);
                            _session.AddDiscarded(count);
                            await _session.DropWithCloseAsync(this, 1009, "frame larger than 1 MiB").ConfigureAwait(false);
                            continue;
                        }

                        if (result.MessageType == WebSocketMessageType.Binary) await OnAudioAsync(buffer.AsMemory(0, count), clock).ConfigureAwait(false);
                        else await OnTextAsync(buffer.AsMemory(0, count), clock).ConfigureAwait(false);

                        // An abrupt drop has reset the connection: nothing more will arrive.
                        if (_discarding && !_outputClosed) return;
                    }
                    catch (Exception)
                    {
                        // Any transport failure (reset, abort, timeout) is a dropped connection.
                        await EndAsync(clientClosedNormally: false).ConfigureAwait(false);
                        return;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private async Task OnTextAsync(ReadOnlyMemory<byte> text, Stopwatch clock)
        {
            string? type;
            byte[]? audio = null;
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (type == "audio_chunk")
                {
                    if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                        || !data.TryGetProperty("chunk", out var chunk) || chunk.ValueKind != JsonValueKind.String
                        || !chunk.TryGetBytesFromBase64(out audio))
                    {
                        if (!_stopReceived) await _session.RejectAudioChunkAsync(this, "data.chunk must be a base64 string of audio bytes").ConfigureAwait(false);
                        return;
                    }
                }
            }
            catch (JsonException)
            {
                // Nothing to acknowledge without a type: the frame is reported here and otherwise ignored.
                Warn("a text frame that is not JSON");
                return;
            }

            if (type is not ("audio_chunk" or "stop_recording"))
            {
                Warn(type == null ? "a JSON text frame without a string \"type\"" : $"a message of unknown type \"{Truncate(type)}\"");
                if (!_stopReceived)
                {
                    await _session.RejectMessageAsync(this, type,
                        $"unknown message type \"{Truncate(type ?? string.Empty)}\": send audio (binary or audio_chunk) or stop_recording").ConfigureAwait(false);
                }

                return;
            }

            if (type == "stop_recording")
            {
                if (_stopReceived) return;
                _stopReceived = true;
                Hurry();
                await _pending.Writer.WriteAsync(PendingFrame.ForStop(fromMessage: true), _context.RequestAborted).ConfigureAwait(false);
            }
            else if (audio != null)
            {
                await OnAudioAsync(audio, clock).ConfigureAwait(false);
            }
        }

        private void Warn(string what)
        {
            var logger = _context.RequestServices.GetService(typeof(ILoggerFactory)) is ILoggerFactory factory
                ? factory.CreateLogger("GladiaPS.Emulator.Live")
                : null;
            logger?.LogWarning("Session {SessionId}: ignored {What} from the client", _session.Id, what);
        }

        private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";

        private async Task OnAudioAsync(ReadOnlyMemory<byte> audio, Stopwatch clock)
        {
            if (_stopReceived || !_session.IsOpen) return;
            _session.AddReceived(audio.Length);
            _bytes += audio.Length;

            if (_faults.TryConsumeDrop(_bytes, out var closeCode))
            {
                _session.AddDiscarded(audio.Length);
                if (closeCode is { } code)
                {
                    await _session.DropWithCloseAsync(this, code, "emulated drop").ConfigureAwait(false);
                }
                else
                {
                    await _session.DetachAsync(this, discard: true).ConfigureAwait(false);
                    await Task.Delay(AbruptDropFlushGrace).ConfigureAwait(false);
                    _context.Abort();
                }

                return;
            }

            var settings = _faults.Snapshot();
            var due = Stopwatch.GetTimestamp() + (long)(settings.AckDelayMs / 1000.0 * Stopwatch.Frequency);
            Interlocked.Add(ref _queuedBytes, audio.Length);
            await _pending.Writer.WriteAsync(PendingFrame.ForAudio(audio.Span, due), _context.RequestAborted).ConfigureAwait(false);
            while (Volatile.Read(ref _queuedBytes) > MaxQueuedBytes && !_stopReceived && !_discarding)
            {
                await _dequeued.WaitAsync(_context.RequestAborted).ConfigureAwait(false);
            }

            if (settings.ReadBytesPerSecond is { } rate)
            {
                var target = TimeSpan.FromSeconds(_bytes / (double)rate);
                var wait = target - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait).ConfigureAwait(false);
            }
        }

        private async Task EndAsync(bool clientClosedNormally)
        {
            if (clientClosedNormally && !_discarding)
            {
                // A client close 1000 is a stop: what it sent is processed, nothing more goes on the socket.
                _silent = true;
                if (!_stopReceived)
                {
                    _stopReceived = true;
                    Hurry();
                    await _pending.Writer.WriteAsync(PendingFrame.ForStop(fromMessage: false)).ConfigureAwait(false);
                }

                return;
            }

            await _session.DetachAsync(this, discard: !_stopReceived).ConfigureAwait(false);
        }

        private async Task PumpAsync()
        {
            await foreach (var frame in _pending.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    if (frame.IsStop)
                    {
                        if (!_discarding) await _session.StopAsync(this, frame.StopFromMessage).ConfigureAwait(false);
                        continue;
                    }

                    await WaitUntilDueAsync(frame).ConfigureAwait(false);
                    await _session.CommitAsync(this, frame, _faults.Snapshot()).ConfigureAwait(false);
                }
                finally
                {
                    frame.Release();
                    Interlocked.Add(ref _queuedBytes, -frame.Length);
                    if (_dequeued.CurrentCount == 0) _dequeued.Release();
                }
            }
        }

        private async Task WaitUntilDueAsync(PendingFrame frame)
        {
            try
            {
                // Timers may fire a little early by the stopwatch's clock: wait again until the ack is really due.
                TimeSpan wait;
                while ((wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), frame.DueTimestamp)) > TimeSpan.Zero)
                {
                    await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, _hurry.Token).ConfigureAwait(false);
                }

                while (!_hurry.IsCancellationRequested)
                {
                    var change = _faults.NextChange;
                    if (!_faults.Snapshot().Stall) break;
                    await change.WaitAsync(_hurry.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // Stop, drop or the end of the session: the frame is handled now (kept after a stop, thrown away after a drop).
            }
        }

        private async Task DrainUntilClosedAsync()
        {
            var buffer = new byte[8192];
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_context.RequestAborted);
            timeout.CancelAfter(CloseHandshakeTimeout);
            try
            {
                while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
                {
                    var result = await _socket.ReceiveAsync(buffer.AsMemory(), timeout.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close) break;
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or System.IO.IOException)
            {
                // The client went away; nothing left to do.
            }
        }
    }
}
