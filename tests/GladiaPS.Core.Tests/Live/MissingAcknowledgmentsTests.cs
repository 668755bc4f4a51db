using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using Xunit;
using static GladiaPS.Core.Tests.Live.LiveTestHelpers;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>
    /// Attaching to a session whose creator did not request acknowledgments: the client cannot force them,
    /// so it must notice their absence, keep memory bounded, and offer a mode that works without them.
    /// </summary>
    public class MissingAcknowledgmentsTests
    {
        [Fact]
        public async Task NoAcknowledgmentsArriving_IsReported_AndMemoryStaysBounded()
        {
            var script = new ScriptedGladiaServer { SendAcknowledgments = false };
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            options.MaxFrameBytes = 16 * 1024;
            options.MaxBytesInFlight = 64 * 1024;
            options.MaxBacklogBytes = 256 * 1024;
            options.MissingAcknowledgmentsReportDelay = TimeSpan.FromMilliseconds(200);
            await using var session = GladiaLiveSession.Attach("attached", server.Url, options);
            var chunk = LiveTestHelpers.Audio(16 * 1024, 30);

            Task blocked;
            var accepted = 0L;
            while (true)
            {
                var send = session.SendAudioAsync(chunk);
                if (!send.IsCompleted)
                {
                    blocked = send;
                    break;
                }

                await send;
                accepted += chunk.Length;
                Assert.True(accepted <= options.MaxBacklogBytes, "The backlog accepted more than its bound.");
            }

            var report = await Within(NextErrorAsync(session));
            Assert.Equal(LiveErrorKind.Resume, report.Kind);
            Assert.Contains("acknowledged none", report.Message);
            Assert.Contains("LosslessResume = false", report.Message);
            var statistics = session.GetStatistics();
            Assert.InRange(statistics.BacklogBytes, 0, options.MaxBacklogBytes);
            Assert.InRange(statistics.BytesSent, 1, options.MaxBytesInFlight);
            Assert.Equal(0, statistics.BytesAcknowledged);
            Assert.False(blocked.IsCompleted);
            Assert.Equal(LiveSessionStatus.Connected, session.Status);
        }

        [Fact]
        public async Task NoAcknowledgmentsArriving_IsReported_WhileAudioKeepsComing()
        {
            var script = new ScriptedGladiaServer { SendAcknowledgments = false };
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            options.MaxFrameBytes = 4096;
            options.MaxBytesInFlight = 16 * 1024;
            options.MaxBacklogBytes = 1024 * 1024;
            options.MissingAcknowledgmentsReportDelay = TimeSpan.FromMilliseconds(500);
            await using var session = GladiaLiveSession.Attach("attached", server.Url, options);
            var report = NextErrorAsync(session);
            var clock = System.Diagnostics.Stopwatch.StartNew();

            // A live source: a small chunk every 50 ms, each of which wakes the writer while its window is full.
            // The pauses pace the source; they synchronise nothing (the report is awaited as a task).
            var sent = 0;
            while (!report.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(15))
            {
                await session.SendAudioAsync(LiveTestHelpers.Audio(2000, 33 + sent));
                sent++;
                await Task.WhenAny(report, Task.Delay(50));
            }

            Assert.True(report.IsCompleted, "No report after " + sent + " chunks in " + clock.Elapsed.TotalSeconds + " s.");
            var error = await report;
            Assert.Equal(LiveErrorKind.Resume, error.Kind);
            Assert.Contains("acknowledged none", error.Message);
            Assert.InRange(clock.Elapsed, options.MissingAcknowledgmentsReportDelay, TimeSpan.FromSeconds(10));
        }

        [Fact]
        public async Task AcknowledgmentsArrivingLate_AreNotReportedAsMissing()
        {
            // A server that acknowledges, only slowly: the first ack comes well before the report delay.
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            options.MaxFrameBytes = 8 * 1024;
            options.MaxBytesInFlight = 8 * 1024;
            options.MissingAcknowledgmentsReportDelay = TimeSpan.FromSeconds(20);
            await using var session = GladiaLiveSession.Attach("attached", server.Url, options);
            var audio = LiveTestHelpers.Audio(200_000, 31);

            await SendInChunksAsync(session, audio, 8 * 1024);
            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);
            var outcome = await Within(session.WaitForEndAsync());

            Assert.True(outcome.Succeeded, outcome.ToString());
            Assert.DoesNotContain(messages, m => m is LiveErrorMessage);
            Assert.Equal(audio, script.KeptAudio);
        }

        [Fact]
        public async Task AttachedWithoutAcknowledgments_StreamsToTheEnd_AndNeverReplaysFromTheStart()
        {
            var script = new ScriptedGladiaServer { SendAcknowledgments = false };
            script.AddDrop(60_000, 1011);
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            options.LosslessResume = false;
            options.MaxBacklogBytes = 1024 * 1024;
            await using var session = GladiaLiveSession.Attach("attached", server.Url, options);
            var audio = LiveTestHelpers.Audio(120_000, 32);

            await SendInChunksAsync(session, audio, 4000);
            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.Completed, outcome.Reason);
            Assert.Equal(1, outcome.Statistics.Reconnects);

            // Written audio is released at once: nothing is held, nothing is replayed (Gladia's SDK would
            // re-send everything since the start, duplicating it); what was lost in the drop is reported, not hidden.
            Assert.Equal(0, outcome.Statistics.BacklogBytes);
            Assert.Equal(0, outcome.Statistics.BytesResent);
            Assert.Equal(audio.Length, outcome.Statistics.BytesSent);
            Assert.InRange(script.KeptAudio.Length, 1, audio.Length - script.DiscardedBytes);
            var resume = Assert.Single(messages.OfType<LiveErrorMessage>());
            Assert.Equal(LiveErrorKind.Resume, resume.Kind);
            Assert.Contains("without acknowledgments", resume.Message);
        }

        private static async Task<LiveErrorMessage> NextErrorAsync(GladiaLiveSession session)
        {
            using var timeout = new CancellationTokenSource(Patience);
            await foreach (var message in session.ReadMessagesAsync(timeout.Token))
            {
                if (message is LiveErrorMessage error)
                {
                    return error;
                }
            }

            throw new InvalidOperationException("The session ended without an error message.");
        }
    }
}
