using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Net.WebSockets;
using System.Threading.Tasks;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using Xunit;
using static GladiaPS.Core.Tests.Live.LiveTestHelpers;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>Reconnection against servers that keep refusing: backoff, the budget of attempts without progress, non-retryable closes.</summary>
    public class ReconnectionTests
    {
        [Fact]
        public async Task ServerClosingEveryConnectionWith1011_IsRetriedWithGrowingDelays_ThenGivenUpWithTheReason()
        {
            var clock = Stopwatch.StartNew();
            var opened = new ConcurrentQueue<TimeSpan>();
            await using var server = await TestWebSocketServer.StartAsync(async (socket, _, token) =>
            {
                opened.Enqueue(clock.Elapsed);
                await socket.CloseOutputAsync(WebSocketCloseStatus.InternalServerError, "overloaded", token);
            });
            var options = new LiveConnectionOptions
            {
                ReconnectDelay = TimeSpan.FromMilliseconds(40),
                MaxReconnectDelay = TimeSpan.FromMilliseconds(160),
                MaxAttemptsWithoutProgress = 6,
            };
            var statuses = new StatusRecorder();
            await using var session = GladiaLiveSession.Attach("storm", server.Url, options, statuses.OnChanged);

            var messages = await ReadAllAsync(session);
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.ConnectionFailed, outcome.Reason);
            Assert.Equal(6, server.Connections);
            Assert.Equal(6, outcome.Statistics.ConnectionAttempts);
            Assert.Contains("6 connection attempts", outcome.ErrorMessage);
            Assert.Contains("on every attempt, the server accepted the connection and closed it with 1011 (internal server error: overloaded)", outcome.ErrorMessage);
            Assert.Contains("MaxAttemptsWithoutProgress = 6", outcome.ErrorMessage);
            Assert.Contains(messages.OfType<LiveErrorMessage>(), m => m.Message == outcome.ErrorMessage);

            // No retry is immediate, and the delays grow (each is at least half its nominal value: jitter).
            var times = opened.ToArray();
            for (var i = 1; i < times.Length; i++)
            {
                var nominal = Math.Min(40 * Math.Pow(2, i - 1), 160);
                Assert.True(times[i] - times[i - 1] >= TimeSpan.FromMilliseconds(nominal / 2 - 2), "gap " + i + " was " + (times[i] - times[i - 1]).TotalMilliseconds + " ms");
            }

            // The attempt number keeps growing: the opens that the server closed at once did not reset it.
            Assert.Equal(new[] { 2, 3, 4, 5, 6 }, statuses.Events.Where(e => e.Status == LiveSessionStatus.Reconnecting && e.Attempt > 0).Select(e => e.Attempt));
        }

        [Theory]
        [InlineData(1003, "unsupported data")]
        [InlineData(1007, "invalid payload data")]
        [InlineData(1008, "policy violation")]
        [InlineData(4400, "application code")]
        public async Task ClosesThatARetryCannotFix_EndTheSessionAtOnce(int code, string name)
        {
            await using var server = await TestWebSocketServer.StartAsync(async (socket, _, token) =>
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, "refused", token));
            await using var session = GladiaLiveSession.Attach("id", server.Url, FastOptions());

            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.Rejected, outcome.Reason);
            Assert.Equal(code, outcome.CloseStatus);
            Assert.Equal(1, server.Connections);
            Assert.Contains(code + " (" + name + ": refused)", outcome.ErrorMessage);
            Assert.Contains("does not allow resuming", outcome.ErrorMessage);
        }

        [Theory]
        [InlineData(401)]
        [InlineData(403)]
        [InlineData(404)]
        public async Task UpgradeRefusedWithAStatusARetryCannotChange_EndsTheSessionAtOnce(int status)
        {
            await using var server = await TestWebSocketServer.StartAsync((_, _, _) => Task.CompletedTask);
            server.RefuseWithStatus = status;
            await using var session = GladiaLiveSession.Attach("id", server.Url, FastOptions());

            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.Rejected, outcome.Reason);
            Assert.Equal(1, outcome.Statistics.ConnectionAttempts);
            Assert.Contains("refused the WebSocket connection with HTTP " + status, outcome.ErrorMessage);
            Assert.DoesNotContain(TestWebSocketServer.Token, outcome.ErrorMessage);
        }

        [Fact]
        public async Task UpgradeRefusedWith503_IsRetried()
        {
            await using var server = await TestWebSocketServer.StartAsync((_, _, _) => Task.CompletedTask);
            server.RefuseWithStatus = 503;
            var options = FastOptions();
            options.MaxConnectAttempts = 3;
            await using var session = GladiaLiveSession.Attach("id", server.Url, options);

            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.ConnectionFailed, outcome.Reason);
            Assert.Equal(3, outcome.Statistics.ConnectionAttempts);
            Assert.Contains("'503'", outcome.ErrorMessage);
        }

        [Fact]
        public async Task MessageTooBig_IsRetriedWithSmallerFrames_AndNothingIsLostOrDoubled()
        {
            var script = new ScriptedGladiaServer { RefuseFramesOver = 6000 };
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            options.MaxFrameBytes = 64 * 1024;
            options.SampleFrameBytes = 2;
            await using var session = GladiaLiveSession.Attach("id", server.Url, options);
            var audio = LiveTestHelpers.Audio(100_000, 40);

            await session.SendAudioAsync(audio);
            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.Completed, outcome.Reason);
            Assert.Equal(audio, script.KeptAudio);
            Assert.Equal(4096, script.LargestFrame);
            Assert.Equal(5, server.Connections);
            Assert.Contains(messages.OfType<LiveErrorMessage>(), m => m.Message.Contains("frames of at most 4096 bytes"));
        }

        [Fact]
        public async Task MessageTooBig_WhenFramesCannotGetSmaller_EndsTheSessionWithTheReason()
        {
            var script = new ScriptedGladiaServer { RefuseFramesOver = 100 };
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            options.MaxFrameBytes = 4096;
            await using var session = GladiaLiveSession.Attach("id", server.Url, options);

            await session.SendAudioAsync(LiveTestHelpers.Audio(10_000, 41));
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.Rejected, outcome.Reason);
            Assert.Equal(1009, outcome.CloseStatus);
            Assert.Contains("even for frames of 1024 bytes", outcome.ErrorMessage);
            Assert.Equal(3, server.Connections);
            Assert.Empty(script.KeptAudio);
        }

        [Fact]
        public async Task ConnectionsThatGetAudioAcknowledged_ResetTheBudget()
        {
            var script = new ScriptedGladiaServer();
            for (var i = 1; i <= 5; i++)
            {
                script.AddDrop(i * 20_000, 1011);
            }

            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            options.MaxFrameBytes = 4000;
            options.MaxAttemptsWithoutProgress = 2;
            await using var session = GladiaLiveSession.Attach("id", server.Url, options);
            var audio = LiveTestHelpers.Audio(120_000, 42);

            await SendInChunksAsync(session, audio, 4000);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.Completed, outcome.Reason);
            Assert.Equal(5, outcome.Statistics.Reconnects);
            Assert.Equal(audio, script.KeptAudio);
        }

        [Fact]
        public void DefaultBudget_RidesOutAnOutageOfAFewMinutes_EvenWithTheShortestJitter()
        {
            var options = new LiveConnectionOptions();

            var shortest = Enumerable.Range(1, options.MaxAttemptsWithoutProgress - 1).Sum(n => options.DelayAfter(n, 0).TotalSeconds);
            var longest = Enumerable.Range(1, options.MaxAttemptsWithoutProgress - 1).Sum(n => options.DelayAfter(n, 1).TotalSeconds);

            Assert.InRange(shortest, 150, 600);
            Assert.InRange(longest, shortest, 600);
            Assert.True(options.DelayAfter(1, 0) > TimeSpan.Zero);
        }

        [Fact]
        public void BudgetOptions_AreValidatedByName()
        {
            var attempts = new LiveConnectionOptions { MaxAttemptsWithoutProgress = -1 };
            Assert.Equal("MaxAttemptsWithoutProgress", Assert.Throws<ArgumentOutOfRangeException>(attempts.Validate).ParamName);
            var proven = new LiveConnectionOptions { ConnectionProvenAfter = TimeSpan.Zero };
            Assert.Equal("ConnectionProvenAfter", Assert.Throws<ArgumentOutOfRangeException>(proven.Validate).ParamName);
        }
    }
}
