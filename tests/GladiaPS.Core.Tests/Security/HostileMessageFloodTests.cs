using System.Linq;
using System.Threading.Tasks;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Tests.Live;
using Xunit;
using static GladiaPS.Core.Tests.Live.LiveTestHelpers;

namespace GladiaPS.Core.Tests.Security
{
    /// <summary>A server that floods a session with messages nobody reads cannot make it grow without bound.</summary>
    public class HostileMessageFloodTests
    {
        private const int Budget = 1024 * 1024;

        private static string Unknown(int size) =>
            "{\"type\":\"mystery\",\"session_id\":\"s\",\"data\":{\"pad\":\"" + new string('x', size) + "\"}}";

        private static string Final(int i) =>
            "{\"type\":\"transcript\",\"session_id\":\"s\",\"data\":{\"id\":\"u" + i + "\",\"is_final\":true," +
            "\"utterance\":{\"text\":\"final " + i + "\",\"start\":0,\"end\":1,\"channel\":0,\"words\":[],\"language\":\"en\",\"confidence\":0.9}}}";

        private static LiveConnectionOptions Bounded()
        {
            var options = FastOptions();
            options.MaxMessageBytes = 256 * 1024;
            options.MaxUnreadMessageBytes = Budget;
            return options;
        }

        [Fact]
        public async Task UnreadUnknownMessages_StayWithinTheByteBudget_FinalTranscriptsKept_DropsCountedAndReportedOnce()
        {
            // 400 unread messages of a type nobody knows (about 32 MB held) with finals among them, against a 1 MiB budget.
            var script = new ScriptedGladiaServer();
            for (var i = 0; i < 400; i++)
            {
                script.GreetingFrames.Add(Unknown(20_000));
                if (i % 40 == 39)
                {
                    script.GreetingFrames.Add(Final(i / 40));
                }
            }

            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            await using var session = GladiaLiveSession.Attach("id", server.Url, Bounded());
            await session.SendAudioAsync(LiveTestHelpers.Audio(10_000, 41));
            await session.StopRecordingAsync();

            // Nothing is read until the session has ended.
            var outcome = await Within(session.WaitForEndAsync());
            var messages = await ReadAllAsync(session);

            Assert.True(outcome.Succeeded);
            var kept = messages.OfType<UnknownLiveMessage>().Count();
            // Each holds its raw JSON and its data, 20 kB each, two bytes a character: about 80 kB.
            Assert.InRange(kept, 1, Budget * 3 / 4 / 80_000);
            Assert.Equal(400 - kept, outcome.Statistics.MessagesDropped);
            Assert.Equal(Enumerable.Range(0, 10).Select(i => "final " + i), messages.OfType<TranscriptMessage>().Select(t => t.Text));
            var report = Assert.Single(messages.OfType<LiveErrorMessage>());
            Assert.Equal(LiveErrorKind.MessagesDropped, report.Kind);
            Assert.Contains("MaxUnreadMessageBytes", report.Message);
            Assert.Contains("'mystery'", report.Message);
            Assert.Contains(messages, m => m is EndSessionMessage);
        }

        [Fact]
        public async Task AMessageOverMaxMessageBytes_IsSkippedAndReported_NotBuffered()
        {
            var script = new ScriptedGladiaServer();
            script.GreetingFrames.Add(Unknown(300 * 1024));
            script.GreetingFrames.Add(Final(1));
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            await using var session = GladiaLiveSession.Attach("id", server.Url, Bounded());
            await session.SendAudioAsync(LiveTestHelpers.Audio(10_000, 43));
            await session.StopRecordingAsync();

            var outcome = await Within(session.WaitForEndAsync());
            var messages = await ReadAllAsync(session);

            Assert.True(outcome.Succeeded);
            Assert.DoesNotContain(messages, m => m is UnknownLiveMessage);
            var error = Assert.Single(messages.OfType<LiveErrorMessage>());
            Assert.Equal(LiveErrorKind.InvalidFrame, error.Kind);
            Assert.Contains("over 262144 bytes (MaxMessageBytes)", error.Message);
            Assert.Equal("final 1", Assert.Single(messages.OfType<TranscriptMessage>()).Text);
        }

        [Fact]
        public void TheDefaultCapsAreWhatTheDocsSay()
        {
            var options = new LiveConnectionOptions();
            Assert.Equal(16 * 1024 * 1024, options.MaxMessageBytes);
            Assert.Equal(64L * 1024 * 1024, options.MaxUnreadMessageBytes);
            options.MaxUnreadMessageBytes = 2L * options.MaxMessageBytes;
            var refused = Assert.Throws<System.ArgumentOutOfRangeException>(options.Validate);
            Assert.Equal("MaxUnreadMessageBytes", refused.ParamName);
        }
    }
}
