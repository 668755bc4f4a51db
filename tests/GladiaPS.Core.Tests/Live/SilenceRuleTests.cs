using System;
using GladiaPS.Core.Live;
using Xunit;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>When a silent server stops being waited for, without sockets.</summary>
    public class SilenceRuleTests
    {
        private static readonly LiveConnectionOptions Options = new LiveConnectionOptions
        {
            SilenceTimeout = TimeSpan.FromSeconds(30),
            NoProgressTimeout = TimeSpan.FromMinutes(5),
        };

        private static SilenceFacts Facts(double now, double lastHeard, double lastProgress, string? owedHere, string? owedBySession = null) =>
            new SilenceFacts(TimeSpan.FromSeconds(now), TimeSpan.FromSeconds(lastHeard), TimeSpan.FromSeconds(lastProgress), owedHere, owedBySession);

        [Theory]
        [InlineData(1000, 0, 0, null, null, null)] // nothing owed: a quiet server is left alone, however long
        [InlineData(29.9, 0, 0, "audio", null, null)] // owed, silent, not yet long enough
        [InlineData(30, 0, 0, "audio", null, "Dropped")] // owed and silent for SilenceTimeout: a drop, resumed
        [InlineData(60, 59, 0, "audio", null, null)] // frames arrive (not acknowledgments): the connection is alive
        [InlineData(300, 299, 0, "audio", null, "Stalled")] // ... but no progress for NoProgressTimeout: given up
        [InlineData(300, 299, 1, "audio", null, null)]
        [InlineData(1000, 0, 800, null, "the end", null)] // owed the session's end: no drop for silence on the connection
        [InlineData(1100, 0, 800, null, "the end", "Stalled")] // ... but given up after NoProgressTimeout
        public void Judges(double now, double lastHeard, double lastProgress, string? owedHere, string? owedBySession, string? verdict)
        {
            var end = SilenceRule.Judge(Facts(now, lastHeard, lastProgress, owedHere, owedBySession), Options);

            Assert.Equal(verdict, end?.Kind.ToString());
        }

        [Fact]
        public void TheVerdictsSayWhatWasOwedAndWhichLimit()
        {
            var drop = SilenceRule.Judge(Facts(31, 0, 0, "640 bytes of audio to acknowledge"), Options)!;
            Assert.Equal("the server sent nothing for 31 s while it owed 640 bytes of audio to acknowledge (SilenceTimeout is 30 s)", drop.Description);

            var stalled = SilenceRule.Judge(Facts(400, 399, 0, "the answer to stop_recording"), Options)!;
            var decision = ReconnectPolicy.AfterConnectionEnd(stalled, new ConnectionFacts(), new AttemptTracker(), Options);
            Assert.False(decision.Reconnect);
            Assert.Equal(LiveSessionEndReason.ConnectionFailed, decision.Reason);
            Assert.Equal(
                "The session was given up: the server made no progress for 400 s while it owed the answer to stop_recording (NoProgressTimeout is 300 s).",
                decision.Error);
        }

        [Theory]
        [InlineData(30, 300, 1000)]
        [InlineData(0.2, 300, 50)]
        [InlineData(30, 0.02, 10)]
        public void LooksOftenEnough_NeverBusily(double silence, double noProgress, double periodMs)
        {
            var options = new LiveConnectionOptions { SilenceTimeout = TimeSpan.FromSeconds(silence), NoProgressTimeout = TimeSpan.FromSeconds(noProgress) };
            Assert.Equal(TimeSpan.FromMilliseconds(periodMs), SilenceRule.Period(options));
        }
    }
}
