using System.Linq;
using System.Threading.Tasks;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using Xunit;
using static GladiaPS.Core.Tests.Live.LiveTestHelpers;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>Messages are kept until read; only partial transcripts have a bound, finals never do.</summary>
    public class PartialTranscriptBoundTests
    {
        [Fact]
        public async Task UnreadPartials_AreBounded_FinalsAndOthersAreAllKept()
        {
            var script = new ScriptedGladiaServer();
            for (var i = 0; i < 50; i++)
            {
                script.GreetingFrames.Add(Transcript("u" + (i / 10), isFinal: false, "partial " + i));
                if (i % 10 == 9)
                {
                    script.GreetingFrames.Add(Transcript("u" + (i / 10), isFinal: true, "final " + (i / 10)));
                }
            }

            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            options.MaxUnreadPartials = 10;
            await using var session = GladiaLiveSession.Attach("id", server.Url, options);
            await session.SendAudioAsync(LiveTestHelpers.Audio(10_000, 40));
            await session.StopRecordingAsync();

            // Nothing is read until the session has ended.
            var outcome = await Within(session.WaitForEndAsync());
            var messages = await ReadAllAsync(session);

            Assert.True(outcome.Succeeded);
            var transcripts = messages.OfType<TranscriptMessage>().ToArray();
            Assert.Equal(new[] { "final 0", "final 1", "final 2", "final 3", "final 4" }, transcripts.Where(t => t.IsFinal).Select(t => t.Text));
            Assert.Equal(Enumerable.Range(0, 10).Select(i => "partial " + i), transcripts.Where(t => !t.IsFinal).Select(t => t.Text));
            Assert.Equal(40, outcome.Statistics.PartialsDropped);
            var report = Assert.Single(messages.OfType<LiveErrorMessage>());
            Assert.Equal(LiveErrorKind.PartialsDropped, report.Kind);
            Assert.Contains(messages, m => m is EndSessionMessage);
        }

        private static string Transcript(string id, bool isFinal, string text) =>
            "{\"type\":\"transcript\",\"session_id\":\"s\",\"data\":{\"id\":\"" + id + "\",\"is_final\":" + (isFinal ? "true" : "false") +
            ",\"utterance\":{\"text\":\"" + text + "\",\"start\":0,\"end\":1,\"channel\":0,\"words\":[],\"language\":\"en\",\"confidence\":0.9}}}";
    }
}
