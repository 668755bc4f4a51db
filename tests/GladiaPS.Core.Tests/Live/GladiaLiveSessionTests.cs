using System;
using System.Linq;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using Xunit;
using static GladiaPS.Core.Tests.Live.LiveTestHelpers;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>The session's wire behaviour against a scripted server: ordering, framing, resume, faults.</summary>
    public class GladiaLiveSessionTests
    {
        [Fact]
        public async Task Streams_Stops_AndCompletes_WithAcknowledgmentsHidden()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var statuses = new StatusRecorder();
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, FastOptions(), statuses.OnChanged);
            var audio = LiveTestHelpers.Audio(200_000, 10);
            await Within(statuses.WaitFor(LiveSessionStatus.Connected));

            await SendInChunksAsync(session, audio, 3200);
            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.Completed, outcome.Reason);
            Assert.True(outcome.Succeeded);
            Assert.Equal(1000, outcome.CloseStatus);
            Assert.Equal(audio, script.KeptAudio);
            Assert.Equal(1, script.StopsReceived);
            Assert.Equal(new[] { "end_recording", "end_session" }, messages.Select(m => m.Type));
            Assert.Equal(audio.Length, outcome.Statistics.BytesSent);
            Assert.Equal(audio.Length, outcome.Statistics.BytesAcknowledged);
            Assert.Equal(0, outcome.Statistics.BytesResent);
            Assert.Equal(0, outcome.Statistics.Reconnects);
            Assert.Equal(0, outcome.Statistics.BacklogBytes);
            Assert.Equal(LiveSessionStatus.Ended, session.Status);

            var events = statuses.Events.ToArray();
            Assert.Equal(LiveSessionStatus.Connecting, events[0].Status);
            Assert.Equal(1, events[0].Attempt);
            Assert.Contains(events, e => e.Status == LiveSessionStatus.Connected);
            Assert.Contains(events, e => e.Status == LiveSessionStatus.Ending);
            Assert.Equal(LiveSessionStatus.Ended, events[^1].Status);
        }

        [Fact]
        public async Task LargeChunks_AreSplitIntoFramesOfAtMost512KiB()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, FastOptions());
            var audio = LiveTestHelpers.Audio(1_700_000, 11);

            await session.SendAudioAsync(audio);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());

            Assert.True(outcome.Succeeded);
            Assert.Equal(audio, script.KeptAudio);
            Assert.Equal(512 * 1024, script.LargestFrame);
            Assert.Equal(4, script.BinaryFrames);
        }

        [Fact]
        public async Task JsonChunks_CarryTheSameAudio()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            options.SendAudioAsJson = true;
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, options);
            var audio = LiveTestHelpers.Audio(700_000, 12);

            await SendInChunksAsync(session, audio, 100_000);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());

            Assert.True(outcome.Succeeded);
            Assert.Equal(audio, script.KeptAudio);
            Assert.Equal(0, script.BinaryFrames);
            Assert.Equal(7, script.TextAudioFrames);
        }

        [Fact]
        public async Task Drops_AbruptAndWithCloseCodes_ResumeWithoutLossOrDuplication()
        {
            var script = new ScriptedGladiaServer();
            script.AddDrop(40_000, null);
            script.AddDrop(90_000, 1011);
            script.AddDrop(130_000, 1001);
            script.AddDrop(170_000, 4500);
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var statuses = new StatusRecorder();
            var options = FastOptions();
            options.MaxFrameBytes = 4096;
            options.MaxBytesInFlight = 12_000;
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, options, statuses.OnChanged);
            var audio = LiveTestHelpers.Audio(200_000, 13);

            await SendInChunksAsync(session, audio, 3000);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());

            Assert.True(outcome.Succeeded, outcome.ToString());
            Assert.Equal(audio, script.KeptAudio);
            Assert.Equal(4, outcome.Statistics.Reconnects);
            Assert.Equal(5, server.Connections);
            Assert.True(script.DiscardedBytes > 0);
            Assert.True(outcome.Statistics.BytesSent >= audio.Length + script.DiscardedBytes);
            Assert.Equal(outcome.Statistics.BytesSent - audio.Length, outcome.Statistics.BytesResent);
            Assert.InRange(outcome.Statistics.BytesResent, 1, 4 * options.MaxBytesInFlight);
            Assert.Equal(4, statuses.Events.Count(e => e.Status == LiveSessionStatus.Reconnecting && e.Attempt == 1));
            Assert.Contains(statuses.Events, e => e.Status == LiveSessionStatus.Reconnecting && e.Detail is { } d && d.Contains("close 1011"));
        }

        [Fact]
        public async Task StopWhileDisconnected_IsSentAfterTheResend()
        {
            var script = new ScriptedGladiaServer();
            script.AddDrop(60_000, null);
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var reconnectGate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var options = FastOptions();
            options.Connector = LiveTestHelpers.HoldReconnectsUntil(reconnectGate.Task);
            var statuses = new StatusRecorder();
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, options, statuses.OnChanged);
            var audio = LiveTestHelpers.Audio(100_000, 14);

            await SendInChunksAsync(session, audio, 4000);
            try
            {
                await Within(statuses.WaitFor(LiveSessionStatus.Reconnecting, e => e.Attempt == 1), TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                throw new TimeoutException(string.Join(" | ", statuses.Events.Select(e => e.ToString())));
            }
            await session.StopRecordingAsync();
            Assert.Equal(LiveSessionStatus.Reconnecting, session.Status);
            Assert.True(session.IsStopRequested);
            await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendAudioAsync(new byte[10]));
            reconnectGate.SetResult(true);
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.Completed, outcome.Reason);
            Assert.Equal(audio, script.KeptAudio);
            Assert.Equal(1, script.StopsReceived);
            Assert.Equal(1, outcome.Statistics.Reconnects);
            var afterReconnect = statuses.Events.SkipWhile(e => e.Status != LiveSessionStatus.Reconnecting).ToArray();
            Assert.DoesNotContain(afterReconnect, e => e.Status == LiveSessionStatus.Connected);
            Assert.Contains(afterReconnect, e => e.Status == LiveSessionStatus.Ending);
        }

        [Fact]
        public async Task DropAfterStopWasSent_ResendsTheStop()
        {
            var script = new ScriptedGladiaServer();
            var audio = LiveTestHelpers.Audio(50_000, 15);
            script.AddDrop(audio.Length, 1011);
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, FastOptions());

            await session.SendAudioAsync(audio);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.Completed, outcome.Reason);
            Assert.Equal(audio, script.KeptAudio);
            Assert.Equal(1, script.StopsReceived);
            Assert.Equal(1, outcome.Statistics.Reconnects);
        }

        [Fact]
        public async Task NonRetryableClose_EndsWithoutReconnecting()
        {
            await using var server = await TestWebSocketServer.StartAsync(async (socket, _, token) =>
                await socket.CloseOutputAsync((WebSocketCloseStatus)4401, "token expired", token));
            await using var session = GladiaLiveSession.Attach("id", server.Url, FastOptions());

            var messages = await ReadAllAsync(session);
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.Rejected, outcome.Reason);
            Assert.False(outcome.Succeeded);
            Assert.Equal(4401, outcome.CloseStatus);
            Assert.Equal("token expired", outcome.CloseDescription);
            Assert.Equal(1, server.Connections);
            var error = Assert.IsType<LiveErrorMessage>(Assert.Single(messages));
            Assert.Equal(LiveErrorKind.Connection, error.Kind);
            Assert.Contains("4401", error.Message);
            await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendAudioAsync(new byte[4]));
        }

        [Fact]
        public async Task ServerClose1000BeforeStop_EndsAsClosedByServer()
        {
            await using var server = await TestWebSocketServer.StartAsync(async (socket, _, token) =>
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "maximum duration reached", token));
            await using var session = GladiaLiveSession.Attach("id", server.Url, FastOptions());

            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.ClosedByServer, outcome.Reason);
            Assert.Contains("maximum duration reached", outcome.ErrorMessage);
            Assert.Equal(1, server.Connections);
        }

        [Fact]
        public async Task RefusedConnections_AreRetried_ThenReportedWithAttemptNumbers()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            server.RefuseWithStatus = 503;
            var options = FastOptions();
            options.MaxConnectAttempts = 3;
            var statuses = new StatusRecorder();
            await using var session = GladiaLiveSession.Attach("id", server.Url, options, statuses.OnChanged);

            var messages = await ReadAllAsync(session);
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.ConnectionFailed, outcome.Reason);
            Assert.Equal(3, outcome.Statistics.ConnectionAttempts);
            Assert.Equal(new[] { 1, 2, 3 }, statuses.Events.Where(e => e.Status == LiveSessionStatus.Connecting).Select(e => e.Attempt));
            Assert.Contains("3 attempt(s)", outcome.ErrorMessage);
            Assert.Equal(LiveErrorKind.Connection, Assert.IsType<LiveErrorMessage>(Assert.Single(messages)).Kind);
        }

        [Fact]
        public async Task ConnectTimeout_IsRetried()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            // Long enough that the second, genuine attempt never times out on a loaded machine.
            options.ConnectTimeout = TimeSpan.FromSeconds(2);
            var attempts = 0;
            options.Connector = async (url, token) =>
            {
                if (Interlocked.Increment(ref attempts) == 1)
                {
                    await Task.Delay(Timeout.Infinite, token);
                }

                var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, token);
                return socket;
            };
            var statuses = new StatusRecorder();
            await using var session = GladiaLiveSession.Attach("id", server.Url, options, statuses.OnChanged);
            var audio = LiveTestHelpers.Audio(10_000, 16);

            await session.SendAudioAsync(audio);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());

            Assert.True(outcome.Succeeded, outcome.ToString());
            Assert.Equal(audio, script.KeptAudio);
            Assert.Equal(2, outcome.Statistics.ConnectionAttempts);
            var second = statuses.Events.Single(e => e.Status == LiveSessionStatus.Connecting && e.Attempt == 2);
            Assert.Contains("timed out", second.Detail);
        }

        [Fact]
        public async Task StalledServer_SenderBlocksAtTheBound_AndSendIsCancellable()
        {
            var script = new ScriptedGladiaServer { Stall = true };
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            options.MaxBacklogBytes = 1024 * 1024;
            options.MaxFrameBytes = 64 * 1024;
            options.MaxBytesInFlight = 256 * 1024;
            await using var session = GladiaLiveSession.Attach("id", server.Url, options);
            var chunk = LiveTestHelpers.Audio(32_000, 17);

            var sent = 0L;
            Task blocked;
            while (true)
            {
                var send = session.SendAudioAsync(chunk);
                if (!send.IsCompleted)
                {
                    blocked = send;
                    break;
                }

                await send;
                sent += chunk.Length;
                Assert.True(sent <= options.MaxBacklogBytes, "The backlog accepted more than its bound.");
            }

            Assert.True(sent > options.MaxBacklogBytes - chunk.Length);
            Assert.True(session.GetStatistics().BacklogBytes <= options.MaxBacklogBytes);

            // Without acknowledgments the writer stops at the send window, so the server never holds more.
            Assert.InRange(session.GetStatistics().BytesSent, 0, options.MaxBytesInFlight);

            // Nothing frees room: the send stays blocked until the caller cancels it.
            using var cancel = new CancellationTokenSource();
            var cancellable = session.SendAudioAsync(chunk, cancel.Token);
            Assert.False(cancellable.IsCompleted);
            var started = DateTime.UtcNow;
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(cancellable, TimeSpan.FromSeconds(5)));
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1));
            Assert.False(blocked.IsCompleted);
        }

        [Fact]
        public async Task SendOfSeveralFrames_CancelledWhileWaitingForRoom_QueuesNothing_SoARetryDoublesNothing()
        {
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var script = new ScriptedGladiaServer { AcknowledgeAfter = release.Task };
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            options.MaxFrameBytes = 4096;
            options.MaxBytesInFlight = 4096;
            options.MaxBacklogBytes = 4 * 4096;
            await using var session = GladiaLiveSession.Attach("id", server.Url, options);
            var first = LiveTestHelpers.Audio(3 * 4096, 24);
            var cancelled = LiveTestHelpers.Audio(2 * 4096, 25);
            var last = LiveTestHelpers.Audio(2 * 4096, 26);

            // Three of four blocks are taken and nothing is acknowledged: a two-frame send must wait.
            await SendInChunksAsync(session, first, 4096);
            using var cancel = new CancellationTokenSource();
            var waiting = session.SendAudioAsync(cancelled, cancel.Token);
            Assert.False(waiting.IsCompleted);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(waiting, TimeSpan.FromSeconds(5)));
            Assert.Equal(first.Length, session.GetStatistics().BytesQueued);

            release.SetResult(true);
            await session.SendAudioAsync(last);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());

            Assert.True(outcome.Succeeded, outcome.ToString());
            Assert.Equal(first.Concat(last).ToArray(), script.KeptAudio);
        }

        [Fact]
        public async Task BackwardsAcknowledgment_IsReported_AndTheBacklogIsUntouched()
        {
            var script = new ScriptedGladiaServer();
            var acks = 0;
            script.RewriteAck = (start, end, json) => Interlocked.Increment(ref acks) == 3
                ? json.Replace("[" + start + "," + end + "]", "[0,1000]")
                : json;
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            await using var session = GladiaLiveSession.Attach("id", server.Url, FastOptions());
            var audio = LiveTestHelpers.Audio(50_000, 18);

            await SendInChunksAsync(session, audio, 5000);
            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);
            var outcome = await Within(session.WaitForEndAsync());

            // The ignored ack leaves the client's count behind, so the next one is also reported as not matching it.
            var errors = messages.OfType<LiveErrorMessage>().ToArray();
            Assert.Equal(2, errors.Length);
            Assert.All(errors, e => Assert.Equal(LiveErrorKind.AcknowledgmentMismatch, e.Kind));
            Assert.Contains("went backwards", errors[0].Message);
            Assert.Contains("[0,1000]", errors[0].Raw);
            Assert.Contains("starts at byte 15000", errors[1].Message);
            Assert.True(outcome.Succeeded);
            Assert.Equal(audio, script.KeptAudio);
            Assert.Equal(audio.Length, outcome.Statistics.BytesAcknowledged);
        }

        [Fact]
        public async Task AcknowledgmentBeyondSentBytes_OrStartingElsewhere_IsReported()
        {
            var script = new ScriptedGladiaServer();
            var acks = 0;
            script.RewriteAck = (start, end, json) => Interlocked.Increment(ref acks) switch
            {
                2 => json.Replace("[" + start + "," + end + "]", "[" + start + "," + (end + 1_000_000) + "]"),
                4 => json.Replace("[" + start + ",", "[" + (start + 7) + ","),
                _ => json,
            };
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            await using var session = GladiaLiveSession.Attach("id", server.Url, FastOptions());
            var audio = LiveTestHelpers.Audio(30_000, 19);

            await SendInChunksAsync(session, audio, 5000);
            await session.StopRecordingAsync();
            var errors = (await ReadAllAsync(session)).OfType<LiveErrorMessage>().ToArray();
            var outcome = await Within(session.WaitForEndAsync());

            // Ack 2 is ignored, so ack 3 starts past the client's count; ack 4 starts 7 bytes off.
            Assert.Equal(3, errors.Length);
            Assert.All(errors, e => Assert.Equal(LiveErrorKind.AcknowledgmentMismatch, e.Kind));
            Assert.Contains("were sent", errors[0].Message);
            Assert.Contains("starts at byte 10000 but the client's acknowledged count is 5000", errors[1].Message);
            Assert.Contains("starts at byte 15007", errors[2].Message);
            Assert.True(outcome.Succeeded);
            Assert.Equal(audio, script.KeptAudio);
        }

        [Fact]
        public async Task NonJsonFrame_UnknownType_AndDuplicateStartSession_DoNotBreakTheSession()
        {
            var script = new ScriptedGladiaServer();
            script.GreetingFrames.Add("{\"type\":\"start_session\",\"session_id\":\"s\"}");
            script.GreetingFrames.Add("this is not json");
            script.GreetingFrames.Add("{\"type\":\"quota_warning\",\"session_id\":\"s\",\"data\":{\"left\":3}}");
            script.GreetingFrames.Add("{\"type\":\"start_session\",\"session_id\":\"s\"}");
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            await using var session = GladiaLiveSession.Attach("id", server.Url, FastOptions());
            var audio = LiveTestHelpers.Audio(20_000, 20);

            await session.SendAudioAsync(audio);
            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);
            var outcome = await Within(session.WaitForEndAsync());

            Assert.True(outcome.Succeeded);
            Assert.IsType<StartSessionMessage>(messages[0]);
            var invalid = Assert.IsType<LiveErrorMessage>(messages[1]);
            Assert.Equal(LiveErrorKind.InvalidFrame, invalid.Kind);
            Assert.Equal("this is not json", invalid.Raw);
            var unknown = Assert.IsType<UnknownLiveMessage>(messages[2]);
            Assert.Equal("quota_warning", unknown.Type);
            Assert.Equal("{\"left\":3}", unknown.DataJson);
            Assert.Single(messages, m => m is StartSessionMessage);
            Assert.Equal(audio, script.KeptAudio);
        }

        [Fact]
        public async Task ForwardAcknowledgments_ShowsThemToTheCaller()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            options.ForwardAcknowledgments = true;
            await using var session = GladiaLiveSession.Attach("id", server.Url, options);

            await SendInChunksAsync(session, LiveTestHelpers.Audio(9000, 21), 3000);
            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);

            var acks = messages.OfType<AudioChunkAcknowledgment>().ToArray();
            Assert.Equal(new long?[] { 3000, 6000, 9000 }, acks.Select(a => a.ByteEnd));
            Assert.Single(messages.OfType<StopRecordingAcknowledgment>());
        }

        [Fact]
        public async Task CloseWith1000_SendsQueuedAudioFirst()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            await using var session = GladiaLiveSession.Attach("id", server.Url, FastOptions());
            var audio = LiveTestHelpers.Audio(80_000, 22);

            await SendInChunksAsync(session, audio, 8000);
            var outcome = await Within(session.CloseAsync());

            Assert.Equal(LiveSessionEndReason.ClosedByClient, outcome.Reason);
            Assert.True(outcome.Succeeded);
            Assert.Equal(audio, script.KeptAudio);
            Assert.Equal(0, script.StopsReceived);
        }

        [Fact]
        public async Task ReadingMessages_IsCancellableWithinASecond()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            await using var session = GladiaLiveSession.Attach("id", server.Url, FastOptions());
            using var cancel = new CancellationTokenSource();

            var reading = Task.Run(async () =>
            {
                await foreach (var unused in session.ReadMessagesAsync(cancel.Token))
                {
                }
            });
            var waiting = session.WaitForEndAsync(cancel.Token);
            var started = DateTime.UtcNow;
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(reading, TimeSpan.FromSeconds(5)));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(waiting, TimeSpan.FromSeconds(5)));
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1));
            Assert.NotEqual(LiveSessionStatus.Ended, session.Status);
        }

        [Fact]
        public async Task Dispose_EndsARunningSession_AndTheCompletionStillCompletes()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var statuses = new StatusRecorder();
            var session = GladiaLiveSession.Attach("id", server.Url, FastOptions(), statuses.OnChanged);
            await Within(statuses.WaitFor(LiveSessionStatus.Connected));
            await session.SendAudioAsync(LiveTestHelpers.Audio(1000, 23));

            await Within(session.DisposeAsync().AsTask());

            var outcome = await Within(session.Completion);
            Assert.Equal(LiveSessionEndReason.Disposed, outcome.Reason);
            Assert.Equal(LiveSessionStatus.Ended, session.Status);
            await Assert.ThrowsAsync<ObjectDisposedException>(() => session.SendAudioAsync(new byte[1]));
            Assert.Empty(await ReadAllAsync(session));
        }

        [Fact]
        public async Task HandlerThatStopsTheSession_FromStatusChanged_NeitherDeadlocksNorSeesEventsOutOfOrder()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var sessionSource = new TaskCompletionSource<GladiaLiveSession>(TaskCreationOptions.RunContinuationsAsynchronously);
            var seen = new System.Collections.Concurrent.ConcurrentQueue<LiveSessionStatus>();
            var handlerStopped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var inside = 0;
            var overlapped = false;
            var deadlocked = false;
            void OnChanged(object? sender, LiveSessionStatusChangedEventArgs e)
            {
                overlapped |= Interlocked.Increment(ref inside) > 1;
                seen.Enqueue(e.Status);
                var session = sessionSource.Task.GetAwaiter().GetResult();

                // A handler that stops the session, synchronously, on any change after the connection opens
                // (bounded, so that a deadlock fails the test instead of hanging it).
                if (e.Status is LiveSessionStatus.Connected or LiveSessionStatus.Ending &&
                    !StopWithin(session, TimeSpan.FromSeconds(10)))
                {
                    deadlocked = true;
                }

                Interlocked.Decrement(ref inside);
                if (e.Status == LiveSessionStatus.Connected)
                {
                    handlerStopped.TrySetResult(true);
                }
            }

            await using var session = GladiaLiveSession.Attach("id", server.Url, FastOptions(), OnChanged);
            sessionSource.SetResult(session);
            await Within(handlerStopped.Task);

            // The caller stops too, from its own thread: a second stop changes nothing.
            await Within(session.StopRecordingAsync());
            var outcome = await Within(session.WaitForEndAsync());

            Assert.False(deadlocked, "A stop called from the handler never returned.");
            Assert.Equal(LiveSessionEndReason.Completed, outcome.Reason);
            Assert.False(overlapped, "Two handlers ran at once.");
            Assert.Equal(
                new[] { LiveSessionStatus.Connecting, LiveSessionStatus.Connected, LiveSessionStatus.Ending, LiveSessionStatus.Ended },
                seen.ToArray());
            Assert.Equal(1, script.StopsReceived);
        }

        private static bool StopWithin(GladiaLiveSession session, TimeSpan limit) => session.StopRecordingAsync().Wait(limit);

        [Fact]
        public async Task HandlerThatDisposesTheSession_Synchronously_DoesNotDeadlock()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var sessionSource = new TaskCompletionSource<GladiaLiveSession>(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnChanged(object? sender, LiveSessionStatusChangedEventArgs e)
            {
                if (e.Status == LiveSessionStatus.Connected)
                {
                    sessionSource.Task.GetAwaiter().GetResult().Dispose();
                }
            }

            var session = GladiaLiveSession.Attach("id", server.Url, FastOptions(), OnChanged);
            sessionSource.SetResult(session);

            var outcome = await Within(session.Completion);

            Assert.Equal(LiveSessionEndReason.Disposed, outcome.Reason);
            session.Dispose();
        }

        [Fact]
        public async Task Dispose_Synchronous_EndsTheSessionAndWaitsForIt()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var statuses = new StatusRecorder();
            var session = GladiaLiveSession.Attach("id", server.Url, FastOptions(), statuses.OnChanged);
            await Within(statuses.WaitFor(LiveSessionStatus.Connected));

            await Task.Run(session.Dispose);

            Assert.True(session.Completion.IsCompleted);
            Assert.Equal(LiveSessionEndReason.Disposed, (await session.Completion).Reason);
            Assert.Equal(1000, await Within(script.ClientClosed));
            Assert.Throws<ObjectDisposedException>(() => session.SendAudioAsync(new byte[1]).GetAwaiter().GetResult());
        }

        [Fact]
        public async Task TryReadMessage_GivesTheNextMessage_NonNullWhenTrue()
        {
            await using var server = await TestWebSocketServer.StartAsync(async (socket, _, token) =>
                await socket.CloseOutputAsync((WebSocketCloseStatus)4401, "token expired", token));
            await using var session = GladiaLiveSession.Attach("id", server.Url, FastOptions());
            await Within(session.WaitForEndAsync());

            // [NotNullWhen(true)]: no null check is needed (nor allowed to be missing) after a true result.
            Assert.True(session.TryReadMessage(out var message));
            Assert.Equal("error", message.Type);
            Assert.False(session.TryReadMessage(out var none));
            Assert.Null(none);
        }

        [Fact]
        public async Task SecretToken_NeverAppearsInToStringStatusOrErrors()
        {
            await using var server = await TestWebSocketServer.StartAsync((_, _, _) => Task.CompletedTask);
            server.RefuseWithStatus = 404;
            var options = FastOptions();
            options.MaxConnectAttempts = 2;
            var statuses = new StatusRecorder();
            await using var session = GladiaLiveSession.Attach("job-1", server.Url, options, statuses.OnChanged);
            var messages = await ReadAllAsync(session);
            var outcome = await Within(session.WaitForEndAsync());

            var texts = new[] { session.ToString(), session.RedactedUrl!, outcome.ToString(), outcome.ErrorMessage!, outcome.Statistics.ToString() }
                .Concat(statuses.Events.Select(e => e.ToString() + e.Detail))
                .Concat(messages.Select(m => m.ToString() + m.Raw));
            Assert.All(texts, text => Assert.DoesNotContain(TestWebSocketServer.Token, text));
            Assert.Contains("token=***", session.RedactedUrl);
            Assert.Contains("job-1", session.ToString());
        }

        [Fact]
        public async Task Attach_RejectsBadArguments_NamingThem()
        {
            Assert.Equal("id", Assert.Throws<ArgumentException>(() => GladiaLiveSession.Attach(" ", new Uri("ws://127.0.0.1/x"))).ParamName);
            var notSocket = Assert.Throws<ArgumentException>(() => GladiaLiveSession.Attach("id", new Uri("https://127.0.0.1/x?token=abc")));
            Assert.Equal("url", notSocket.ParamName);
            Assert.DoesNotContain("abc", notSocket.Message);
            var options = new LiveConnectionOptions { MaxFrameBytes = 2 * 1024 * 1024 };
            Assert.Equal("MaxFrameBytes", Assert.Throws<ArgumentOutOfRangeException>(() => GladiaLiveSession.Attach("id", new Uri("ws://127.0.0.1/x"), options)).ParamName);
            await Task.CompletedTask;
        }
    }
}
