using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>
    /// A minimal server following the resume rule of the live API: it acknowledges each audio frame with
    /// its byte range, keeps only acknowledged audio, and on stop answers with the stop ack, the
    /// lifecycle messages and a 1000 close. Faults are scripted per test.
    /// </summary>
    internal sealed class ScriptedGladiaServer
    {
        private readonly object _gate = new object();
        private readonly MemoryStream _kept = new MemoryStream();
        private readonly Queue<Drop> _drops = new Queue<Drop>();
        private readonly TaskCompletionSource<int?> _clientClosed = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> _stopReceived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> _dropped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private static readonly TimeSpan AbruptDropFlushGrace = TimeSpan.FromMilliseconds(150);

        public const string SessionId = "5e551011-0000-4000-8000-000000000001";

        /// <summary>Acknowledge nothing (a stalled server).</summary>
        public bool Stall { get; set; }

        /// <summary>Each audio frame waits for this before it is kept and acknowledged (acknowledgments held back, then released).</summary>
        public Task AcknowledgeAfter { get; set; } = Task.CompletedTask;

        /// <summary>Keep audio but send no acknowledgments (a session created without <c>receive_acknowledgments</c>).</summary>
        public bool SendAcknowledgments { get; set; } = true;

        /// <summary>Completes with the close status of the first close frame the client sends.</summary>
        public Task<int?> ClientClosed => _clientClosed.Task;

        /// <summary>Extra raw frames to send right after each connection opens.</summary>
        public List<string> GreetingFrames { get; } = new List<string>();

        /// <summary>Called for each ack before it is sent; may rewrite the JSON text.</summary>
        public Func<long, long, string, string>? RewriteAck { get; set; }

        /// <summary>Close with 1009 (message too big) on any audio frame longer than this; 0: no limit.</summary>
        public int RefuseFramesOver { get; set; }

        public int StopsReceived { get; private set; }

        public int TextAudioFrames { get; private set; }

        public int BinaryFrames { get; private set; }

        public int LargestFrame { get; private set; }

        public long DiscardedBytes { get; private set; }

        public Task StopReceived => _stopReceived.Task;

        /// <summary>Completes once the first scripted drop is done: every ack before it and its close frame sent, or the connection reset.</summary>
        public Task Dropped => _dropped.Task;

        public byte[] KeptAudio
        {
            get { lock (_gate) { return _kept.ToArray(); } }
        }

        /// <summary>After <paramref name="afterBytes"/> bytes have arrived in total (kept or not), drop the connection.</summary>
        public void AddDrop(long afterBytes, int? closeCode)
        {
            lock (_gate)
            {
                _drops.Enqueue(new Drop(afterBytes, closeCode));
            }
        }

        public async Task HandleAsync(WebSocket socket, int connection, CancellationToken token)
        {
            foreach (var frame in GreetingFrames)
            {
                await SendTextAsync(socket, frame, token);
            }

            var buffer = new byte[2 * 1024 * 1024];
            long received = KeptLength();
            while (true)
            {
                var (type, length) = await ReceiveMessageAsync(socket, buffer, token);
                if (type == WebSocketMessageType.Close)
                {
                    _clientClosed.TrySetResult((int?)socket.CloseStatus);
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, token);
                    return;
                }

                byte[] audio;
                if (type == WebSocketMessageType.Text)
                {
                    var text = Encoding.UTF8.GetString(buffer, 0, length);
                    if (text.Contains("\"stop_recording\""))
                    {
                        StopsReceived++;
                        _stopReceived.TrySetResult(true);
                        var duration = KeptLength() / 32000.0;
                        await SendTextAsync(socket, "{\"type\":\"stop_recording\",\"session_id\":\"" + SessionId + "\",\"acknowledged\":true,\"error\":null,\"data\":{\"recording_duration\":" +
                            duration.ToString(CultureInfo.InvariantCulture) + ",\"recording_left_to_process\":0}}", token);
                        await SendTextAsync(socket, "{\"type\":\"end_recording\",\"session_id\":\"" + SessionId + "\",\"data\":{\"recording_duration\":" + duration.ToString(CultureInfo.InvariantCulture) + "}}", token);
                        await SendTextAsync(socket, "{\"type\":\"end_session\",\"session_id\":\"" + SessionId + "\"}", token);
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "session ended", token);
                        return;
                    }

                    var marker = "\"chunk\":\"";
                    var start = text.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
                    audio = Convert.FromBase64String(text.Substring(start, text.IndexOf('"', start) - start));
                    TextAudioFrames++;
                }
                else
                {
                    audio = buffer.AsSpan(0, length).ToArray();
                    BinaryFrames++;
                }

                if (RefuseFramesOver > 0 && audio.Length > RefuseFramesOver)
                {
                    DiscardedBytes += audio.Length;
                    await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "frame too big", token);

                    // Keep reading until the client answers the close, so that it always sees the 1009 (a
                    // connection torn down at once could fail the client's next send before the close is read).
                    while ((await ReceiveMessageAsync(socket, buffer, token)).Type != WebSocketMessageType.Close)
                    {
                    }

                    return;
                }

                LargestFrame = Math.Max(LargestFrame, length);
                received += audio.Length;
                Drop? drop = null;
                lock (_gate)
                {
                    if (_drops.Count > 0 && received >= _drops.Peek().AfterBytes)
                    {
                        drop = _drops.Dequeue();
                    }
                }

                if (drop is not null)
                {
                    // This frame is never acknowledged, so by the resume rule it is discarded.
                    DiscardedBytes += audio.Length;
                    if (drop.CloseCode is { } code)
                    {
                        await socket.CloseOutputAsync((WebSocketCloseStatus)code, "scripted drop", token);
                        _dropped.TrySetResult(true);
                    }
                    else
                    {
                        // As the emulator does: let acks already sent reach the client before resetting, since an
                        // ack lost in flight makes the server keep bytes the client will re-send.
                        await Task.Delay(AbruptDropFlushGrace, token);
                        socket.Abort();
                        _dropped.TrySetResult(true);
                    }

                    return;
                }

                if (Stall)
                {
                    DiscardedBytes += audio.Length;
                    continue;
                }

                await AcknowledgeAfter.WaitAsync(token);
                long ackStart;
                lock (_gate)
                {
                    ackStart = _kept.Length;
                    _kept.Write(audio, 0, audio.Length);
                }

                var ackEnd = ackStart + audio.Length;
                if (!SendAcknowledgments)
                {
                    continue;
                }

                var ack = AcknowledgmentJson(ackStart, ackEnd);
                if (RewriteAck is { } rewrite)
                {
                    ack = rewrite(ackStart, ackEnd, ack);
                }

                await SendTextAsync(socket, ack, token);
            }
        }

        /// <summary>An accepted <c>audio_chunk</c> acknowledgment of bytes [start, end) of a 16 kHz 16-bit mono stream.</summary>
        public static string AcknowledgmentJson(long start, long end) =>
            "{\"type\":\"audio_chunk\",\"session_id\":\"" + SessionId + "\",\"created_at\":\"2026-02-14T10:15:33.402Z\",\"acknowledged\":true,\"error\":null," +
            "\"data\":{\"byte_range\":[" + start + "," + end + "],\"time_range\":[" +
            (start / 32000.0).ToString(CultureInfo.InvariantCulture) + "," + (end / 32000.0).ToString(CultureInfo.InvariantCulture) + "]}}";

        public static Task SendTextAsync(WebSocket socket, string text, CancellationToken token) =>
            socket.SendAsync(new ArraySegment<byte>(Encoding.UTF8.GetBytes(text)), WebSocketMessageType.Text, true, token);

        private static async Task<(WebSocketMessageType Type, int Length)> ReceiveMessageAsync(WebSocket socket, byte[] buffer, CancellationToken token)
        {
            var length = 0;
            while (true)
            {
                var result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (result.MessageType, 0);
                }

                length += result.Count;
                if (result.EndOfMessage)
                {
                    return (result.MessageType, length);
                }
            }
        }

        private long KeptLength()
        {
            lock (_gate)
            {
                return _kept.Length;
            }
        }

        private sealed record Drop(long AfterBytes, int? CloseCode);
    }
}
