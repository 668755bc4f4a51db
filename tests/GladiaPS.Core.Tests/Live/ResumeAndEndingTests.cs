using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using Xunit;
using static GladiaPS.Core.Tests.Live.LiveTestHelpers;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>Re-send pacing, reconnect attempts, and how a session is ended when the caller walks away.</summary>
    public class ResumeAndEndingTests
    {
        [Fact]
        public async Task ResendAfterReconnect_IsPacedByAcknowledgments_NotOneBurst()
        {
            const int frame = 8 * 1024;
            const int window = 8 * frame;
            var kept = new MemoryStream();
            await using var server = await TestWebSocketServer.StartAsync(async (socket, connection, token) =>
            {
                var buffer = new byte[1024 * 1024];
                if (connection == 1)
                {
                    // Take one frame, acknowledge nothing, and vanish: everything queued must be re-sent.
                    await socket.ReceiveAsync(new ArraySegment<byte>(buffer), token);
                    socket.Abort();
                    return;
                }

                // Acknowledge only in batches, once nearly a whole window is outstanding, so a client that
                // ignored the window would race ahead of the acknowledgments.
                long received = 0, acknowledged = 0;
                while (true)
                {
                    var result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    if (result.MessageType == WebSocketMessageType.Text)
                    {
                        if (received > acknowledged)
                        {
                            await ScriptedGladiaServer.SendTextAsync(socket, ScriptedGladiaServer.AcknowledgmentJson(acknowledged, received), token);
                        }

                        await ScriptedGladiaServer.SendTextAsync(socket, "{\"type\":\"end_session\",\"session_id\":\"s\"}", token);
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", token);
                        return;
                    }

                    kept.Write(buffer, 0, result.Count);
                    received += result.Count;
                    if (received - acknowledged > window - frame)
                    {
                        await ScriptedGladiaServer.SendTextAsync(socket, ScriptedGladiaServer.AcknowledgmentJson(acknowledged, received), token);
                        acknowledged = received;
                    }
                }
            });

            var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            GladiaLiveSession? session = null;
            long sentOnSecond = 0, largestInFlight = 0;
            var connections = 0;
            var options = FastOptions();
            options.MaxFrameBytes = frame;
            options.MaxBytesInFlight = window;
            options.Connector = async (url, token) =>
            {
                var number = Interlocked.Increment(ref connections);
                if (number > 1)
                {
                    await gate.Task.WaitAsync(token);
                }

                var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, token);
                return number == 1 ? socket : new RecordingWebSocket(socket, length =>
                {
                    // The re-send starts at byte 0 (nothing was acknowledged), so this is the frame's end offset.
                    sentOnSecond += length;
                    var inFlight = sentOnSecond - session!.GetStatistics().BytesAcknowledged;
                    largestInFlight = Math.Max(largestInFlight, inFlight);
                });
            };
            var statuses = new StatusRecorder();
            session = GladiaLiveSession.Attach("id", server.Url, options, statuses.OnChanged);
            await using var disposeSession = session;
            var audio = LiveTestHelpers.Audio(48 * frame, 50);

            await SendInChunksAsync(session, audio, frame);

            // The first connection acknowledged nothing, so it counts as the first attempt without progress.
            await Within(statuses.WaitFor(LiveSessionStatus.Reconnecting, e => e.Attempt == 2));
            await session.StopRecordingAsync();
            gate.SetResult(true);
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.Completed, outcome.Reason);
            Assert.Equal(audio, kept.ToArray());
            Assert.Equal(1, outcome.Statistics.Reconnects);
            Assert.InRange(largestInFlight, window - frame, window);
        }

        [Fact]
        public async Task ServerThatKeptUnacknowledgedAudio_IsDetectedAsDuplication_NotSilent()
        {
            // Resuming assumes the server drops what it never acknowledged. This server keeps it, so the
            // re-sent bytes are duplicated: the first acknowledgment after the reconnect must say so.
            long kept = 0;
            await using var server = await TestWebSocketServer.StartAsync(async (socket, connection, token) =>
            {
                var buffer = new byte[1024 * 1024];
                var acknowledgments = new List<string>();
                while (true)
                {
                    var result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    if (result.MessageType == WebSocketMessageType.Text)
                    {
                        // The acknowledgments go out once the client has sent all its audio (the stop follows the
                        // last byte), so each is checked against everything sent, whatever the timing: the first
                        // one is plausible except for where it starts.
                        foreach (var acknowledgment in acknowledgments)
                        {
                            await ScriptedGladiaServer.SendTextAsync(socket, acknowledgment, token);
                        }

                        await ScriptedGladiaServer.SendTextAsync(socket, "{\"type\":\"end_session\",\"session_id\":\"s\"}", token);
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", token);
                        return;
                    }

                    var start = kept;
                    kept += result.Count;
                    if (connection == 1)
                    {
                        socket.Abort();
                        return;
                    }

                    acknowledgments.Add(ScriptedGladiaServer.AcknowledgmentJson(start, kept));
                }
            });
            await using var session = GladiaLiveSession.Attach("id", server.Url, FastOptions());
            var audio = LiveTestHelpers.Audio(12_000, 54);

            await SendInChunksAsync(session, audio, 4000);
            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.Completed, outcome.Reason);
            var mismatch = messages.OfType<LiveErrorMessage>().First(e => e.Kind == LiveErrorKind.AcknowledgmentMismatch);
            Assert.Contains("starts at byte 4000 but the client's acknowledged count is 0", mismatch.Message);
        }

        [Fact]
        public async Task ReconnectAttempts_ThatTimeOutOrFail_AreRetried_AndNumberedPerConnection()
        {
            var script = new ScriptedGladiaServer();
            script.AddDrop(20_000, 1011);
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            options.ConnectTimeout = TimeSpan.FromSeconds(2);
            var connectedOnce = 0;
            var faultyAttempts = 0;
            options.Connector = async (url, token) =>
            {
                if (Volatile.Read(ref connectedOnce) == 1)
                {
                    switch (Interlocked.Increment(ref faultyAttempts))
                    {
                        case 1:
                            // The first reconnect attempt hangs: Gladia's SDK would end the session here (3008).
                            await Task.Delay(Timeout.Infinite, token);
                            break;
                        case 2:
                            throw new WebSocketException("connection refused by the test");
                    }
                }

                var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, token);
                Volatile.Write(ref connectedOnce, 1);
                return socket;
            };
            var statuses = new StatusRecorder();
            await using var session = GladiaLiveSession.Attach("id", server.Url, options, statuses.OnChanged);
            var audio = LiveTestHelpers.Audio(40_000, 51);

            await SendInChunksAsync(session, audio, 4000);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());

            Assert.True(outcome.Succeeded, outcome.ToString());
            Assert.Equal(audio, script.KeptAudio);
            Assert.Equal(1, outcome.Statistics.Reconnects);

            // Attempts are numbered per connection from 1, the first one included, and the reconnection
            // count is reported apart. (On a slow machine a genuine attempt may also time out, adding a number.)
            var events = statuses.Events.ToArray();
            var connecting = events.Where(e => e.Status == LiveSessionStatus.Connecting).Select(e => e.Attempt).ToArray();
            var reconnecting = events.Where(e => e.Status == LiveSessionStatus.Reconnecting && e.Attempt > 0).ToArray();
            Assert.Equal(Enumerable.Range(1, connecting.Length), connecting);
            Assert.Equal(Enumerable.Range(1, reconnecting.Length), reconnecting.Select(e => e.Attempt));
            Assert.InRange(reconnecting.Length, 3, 5);
            Assert.Equal(connecting.Length + reconnecting.Length, outcome.Statistics.ConnectionAttempts);
            Assert.All(reconnecting, e => Assert.Equal(0, e.Reconnects));
            Assert.Contains(reconnecting, e => e.Detail is { } d && d.Contains("timed out after"));
            Assert.Contains(reconnecting, e => e.Detail is { } d && d.Contains("failed: connection refused by the test"));
        }

        [Fact]
        public async Task Dispose_OfAnOpenSession_ClosesWith1000_NotAnAbortOr1001()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var statuses = new StatusRecorder();
            var session = GladiaLiveSession.Attach("id", server.Url, FastOptions(), statuses.OnChanged);
            await Within(statuses.WaitFor(LiveSessionStatus.Connected));
            await session.SendAudioAsync(LiveTestHelpers.Audio(4000, 52));

            await Within(session.DisposeAsync().AsTask());

            Assert.Equal(1000, await Within(script.ClientClosed));
            var outcome = await Within(session.Completion);
            Assert.Equal(LiveSessionEndReason.Disposed, outcome.Reason);
            Assert.Equal(1000, outcome.CloseStatus);
            Assert.Equal(1, server.Connections);
        }

        [Fact]
        public async Task StopAgainstASilentServer_WaitIsCancellable_ThenDisposeClosesWith1000()
        {
            var closed = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var stopReceived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var server = await TestWebSocketServer.StartAsync(async (socket, _, token) =>
            {
                // Takes everything, answers nothing: not even the end after a stop.
                var buffer = new byte[1024 * 1024];
                while (true)
                {
                    var result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        closed.TrySetResult((int?)socket.CloseStatus);
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, token);
                        return;
                    }

                    if (result.MessageType == WebSocketMessageType.Text && Encoding.UTF8.GetString(buffer, 0, result.Count).Contains("stop_recording"))
                    {
                        stopReceived.TrySetResult(true);
                    }
                }
            });
            var options = FastOptions();
            options.MissingAcknowledgmentsReportDelay = TimeSpan.FromMinutes(5);
            var session = GladiaLiveSession.Attach("id", server.Url, options);
            await session.SendAudioAsync(LiveTestHelpers.Audio(2000, 53));
            await session.StopRecordingAsync();
            await Within(stopReceived.Task);

            using var limit = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(session.WaitForEndAsync(limit.Token)));
            Assert.Equal(LiveSessionStatus.Ending, session.Status);

            await Within(session.DisposeAsync().AsTask());

            Assert.Equal(1000, await Within(closed.Task));
            Assert.Equal(LiveSessionEndReason.Disposed, (await Within(session.Completion)).Reason);
        }

        [Fact]
        public async Task Dispose_WhenTheServerNeverAnswersTheClose_ReturnsAfterTheGrace()
        {
            var connected = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var server = await TestWebSocketServer.StartAsync(async (socket, _, token) =>
            {
                connected.TrySetResult(true);
                await Task.Delay(Timeout.Infinite, token);
            });
            var options = FastOptions();
            options.DisposeCloseTimeout = TimeSpan.FromMilliseconds(200);
            var statuses = new StatusRecorder();
            var session = GladiaLiveSession.Attach("id", server.Url, options, statuses.OnChanged);
            await Within(statuses.WaitFor(LiveSessionStatus.Connected));
            await Within(connected.Task);

            var started = DateTime.UtcNow;
            await Within(session.DisposeAsync().AsTask(), TimeSpan.FromSeconds(8));

            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8));
            Assert.Equal(LiveSessionEndReason.Disposed, (await Within(session.Completion)).Reason);
        }
    
        [Fact]
        public async Task CloseAsync_WhenTheServerNeverAnswersTheClose_EndsAsAClientClose_NotAFailure()
        {
            var closeReceived = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var server = await TestWebSocketServer.StartAsync(async (socket, _, token) =>
            {
                var buffer = new byte[64 * 1024];
                while (true)
                {
                    var result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        closeReceived.TrySetResult((int?)result.CloseStatus);
                        break;
                    }
                }

                // Never answer the close.
                await Task.Delay(Timeout.Infinite, token);
            });
            var options = FastOptions();
            options.CloseTimeout = TimeSpan.FromMilliseconds(300);
            var statuses = new StatusRecorder();
            await using var session = GladiaLiveSession.Attach("id", server.Url, options, statuses.OnChanged);
            await Within(statuses.WaitFor(LiveSessionStatus.Connected));
            await session.SendAudioAsync(LiveTestHelpers.Audio(1000, 60));

            var outcome = await Within(session.CloseAsync());
            var messages = await ReadAllAsync(session);

            Assert.Equal(1000, await Within(closeReceived.Task));
            Assert.Equal(LiveSessionEndReason.ClosedByClient, outcome.Reason);
            Assert.True(outcome.Succeeded, outcome.ToString());
            Assert.Null(outcome.ErrorMessage);
            Assert.Empty(messages.OfType<LiveErrorMessage>());
            Assert.Equal(1, server.Connections);
        }

        [Fact]
        public async Task FailedSend_IsADrop_ThatIsResumed_NotAnUnexpectedFailure()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var sends = 0;
            var options = FastOptions();
            options.Connector = async (url, token) =>
            {
                var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, token);

                // The first connection's first frame fails to send while a receive is pending (nothing is
                // acknowledged yet, so no acknowledgment can be lost with the connection).
                return Interlocked.Increment(ref sends) == 1 ? new RecordingWebSocket(socket, _ => { }, failOnSend: 1) : socket;
            };
            await using var session = GladiaLiveSession.Attach("id", server.Url, options);
            var audio = LiveTestHelpers.Audio(30_000, 61);

            await SendInChunksAsync(session, audio, 5000);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.Completed, outcome.Reason);
            Assert.Equal(audio, script.KeptAudio);
            Assert.Equal(1, outcome.Statistics.Reconnects);
        }
    
        [Fact]
        public async Task FailedSend_AfterTheServerAcknowledgedAndClosed_ReadsThoseAcknowledgments_BeforeResuming()
        {
            // The server keeps and acknowledges 16000 bytes, then closes with 1011 on the frame that reaches
            // 20000. The client has read none of it yet (its receives are held) when its next send fails: the
            // acknowledgments and the close are in the socket, and the resume must start from them, not from 0.
            var script = new ScriptedGladiaServer();
            script.AddDrop(20_000, 1011);
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            SlowReceiverSocket? first = null;
            var options = FastOptions();
            options.MaxFrameBytes = 4000;
            options.Connector = async (url, token) =>
            {
                var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, token);
                return first is null ? first = new SlowReceiverSocket(socket, failFromByte: 20_000, script.Dropped) : socket;
            };
            await using var session = GladiaLiveSession.Attach("id", server.Url, options);
            var audio = LiveTestHelpers.Audio(40_000, 63);

            await SendInChunksAsync(session, audio, 4000);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());

            Assert.True(first!.SendFailed);
            Assert.Equal(LiveSessionEndReason.Completed, outcome.Reason);
            Assert.Equal(1, outcome.Statistics.Reconnects);
            Assert.Equal(audio, script.KeptAudio);
            Assert.Equal(20_000 - 16_000, outcome.Statistics.BytesResent);
        }

        [Fact]
        public async Task ReceiverFailingUnexpectedly_StopsAndAwaitsTheWriter_BeforeTheSessionEnds()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            FailingReceiveSocket? wrapper = null;
            var options = FastOptions();
            options.Connector = async (url, token) =>
            {
                var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, token);
                return wrapper = new FailingReceiveSocket(socket);
            };
            await using var session = GladiaLiveSession.Attach("id", server.Url, options);
            await session.SendAudioAsync(LiveTestHelpers.Audio(1000, 62));

            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.ConnectionFailed, outcome.Reason);
            Assert.Contains("receive exploded", outcome.ErrorMessage);
            Assert.True(wrapper!.SendEnded, "The writer was still sending when the session ended.");
        }

        /// <summary>
        /// A client socket whose receives are held (a receiver not scheduled yet, as under load) until a send
        /// fails. Binary sends from <c>failFromByte</c> on wait until the server has dropped the connection,
        /// then fail as a send on a connection the server closed does.
        /// </summary>
        private sealed class SlowReceiverSocket : DelegatingWebSocket
        {
            private readonly long _failFromByte;
            private readonly Task _serverDropped;
            private readonly TaskCompletionSource<bool> _sendFailed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            private long _binaryBytes;

            public SlowReceiverSocket(WebSocket inner, long failFromByte, Task serverDropped)
                : base(inner)
            {
                _failFromByte = failFromByte;
                _serverDropped = serverDropped;
            }

            public bool SendFailed => _sendFailed.Task.IsCompleted;

            public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
            {
                await _sendFailed.Task;
                return await Inner.ReceiveAsync(buffer, cancellationToken);
            }

            public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
            {
                if (messageType == WebSocketMessageType.Binary && _binaryBytes >= _failFromByte)
                {
                    await _serverDropped.WaitAsync(cancellationToken);
                    _sendFailed.TrySetResult(true);
                    throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "scripted send failure: the server closed the connection");
                }

                await Inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);
                if (messageType == WebSocketMessageType.Binary)
                {
                    _binaryBytes += buffer.Count;
                }
            }
        }

        /// <summary>A socket whose send hangs until cancelled and whose receive fails with an exception no filter expects, once a send is under way.</summary>
        private sealed class FailingReceiveSocket : DelegatingWebSocket
        {
            private readonly TaskCompletionSource<bool> _sending = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            private volatile bool _sendEnded;

            public FailingReceiveSocket(WebSocket inner)
                : base(inner)
            {
            }

            public bool SendEnded => _sendEnded;

            public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
            {
                await _sending.Task;
                throw new NotSupportedException("receive exploded");
            }

            public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
            {
                _sending.TrySetResult(true);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                finally
                {
                    _sendEnded = true;
                }
            }
        }
    }
}
