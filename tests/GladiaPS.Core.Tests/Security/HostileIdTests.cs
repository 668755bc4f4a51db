using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Rest;
using GladiaPS.Core.Tests.Live;
using GladiaPS.Core.Tests.Rest;
using Xunit;
using static GladiaPS.Core.Tests.Live.LiveTestHelpers;

namespace GladiaPS.Core.Tests.Security
{
    /// <summary>Ids are data: they never name another URL, never become a path, and a message cannot rename its session.</summary>
    public class HostileIdTests
    {
        [Theory]
        [InlineData("5e551011-0000-4000-8000-000000000001")]
        [InlineData("j1")]
        [InlineData("A_b-9")]
        public void Ids_AreAccepted(string id) => Assert.True(GladiaId.IsValid(id));

        [Theory]
        [InlineData("")]
        [InlineData(".")]
        [InlineData("..")]
        [InlineData("../../../x")]
        [InlineData("/tmp/abs")]
        [InlineData("C:\\x")]
        [InlineData("a/b")]
        [InlineData("a?b=1")]
        [InlineData("a#b")]
        [InlineData("a b")]
        [InlineData("a\u0000b")]
        [InlineData("a.wav")]
        public void NonIds_AreRefused_WithAnErrorNamingThem(string id)
        {
            Assert.False(GladiaId.IsValid(id));
            var error = Assert.Throws<ArgumentException>(() => GladiaId.Validate(id, "SessionId"));
            Assert.StartsWith("SessionId: ", error.Message);
        }

        [Fact]
        public void TooLongIds_AreRefused() => Assert.False(GladiaId.IsValid(new string('a', GladiaId.MaxLength + 1)));

        [Theory]
        [InlineData("..")]
        [InlineData(".")]
        [InlineData("a/../../x")]
        [InlineData("x?y")]
        public async Task RequestsByNonId_AreRefused_BeforeAnyRequest(string id)
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, "{\"id\":\"j1\",\"status\":\"done\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            await Assert.ThrowsAsync<ArgumentException>(() => client.GetLiveJobAsync(id));
            await Assert.ThrowsAsync<ArgumentException>(() => client.DeleteLiveJobAsync(id));
            await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadLiveAudioAsync(id, new MemoryStream()));

            Assert.Empty(api.Requests);
        }

        [Fact]
        public async Task ASessionCreatedWithANonId_IsRefused()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(201, "{\"id\":\"../../../ws-evil\",\"url\":\"ws://127.0.0.1:1/v2/live?token=t\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.CreateLiveSessionAsync(new GladiaPS.Core.Options.LiveSessionOptions()));
            Assert.Contains("not an id", error.Message);
        }

        [Fact]
        public async Task AMessagesSessionId_NeverReplacesTheSessionItArrivedOn()
        {
            var script = new ScriptedGladiaServer();
            script.GreetingFrames.Add("{\"type\":\"transcript\",\"session_id\":\"../../../ws-evil\",\"data\":{\"id\":\"u1\",\"is_final\":true," +
                "\"utterance\":{\"text\":\"hello\",\"start\":0,\"end\":1,\"channel\":0,\"words\":[]}}}");
            script.GreetingFrames.Add("{\"type\":\"emulator_unknown\",\"session_id\":\"/tmp/abs\"}");
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, FastOptions());

            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);

            var transcript = Assert.IsType<TranscriptMessage>(messages.First(m => m.Type == "transcript"));
            Assert.Equal("hello", transcript.Text);
            Assert.All(messages, m => Assert.Equal(ScriptedGladiaServer.SessionId, m.SessionId));
            Assert.Contains("ws-evil", transcript.Raw);
        }

        [Theory]
        [InlineData("OTHERJOB", "another job ('OTHERJOB'), not 'AAA'")]
        [InlineData("../../../evil", "another job (an id that is not an id), not 'AAA'")]
        public async Task AnAnswerForAnotherJob_IsRefused_LiveAndPreRecorded(string answered, string expected)
        {
            var json = "{\"id\":\"" + answered + "\",\"status\":\"done\",\"result\":null}";
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, json));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var live = await Assert.ThrowsAsync<GladiaApiException>(() => client.GetLiveJobAsync("AAA"));
            var preRecorded = await Assert.ThrowsAsync<GladiaApiException>(() => client.GetPreRecordedJobAsync("AAA"));
            var waited = await Assert.ThrowsAsync<GladiaApiException>(() => client.WaitForPreRecordedJobAsync("AAA"));

            Assert.All(new[] { live, preRecorded, waited }, e =>
            {
                Assert.Contains(expected, e.Message);
                Assert.Equal(GladiaAnswerProblem.Unusable, e.Problem);
            });
        }

        [Theory]
        [InlineData("{\"status\":\"done\"}")]
        [InlineData("{\"id\":\"aaa\",\"status\":\"done\"}")]
        [InlineData("{\"id\":\"AAA\",\"status\":\"done\"}")]
        public async Task TheJobsIdIsTheOneAskedFor(string json)
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, json));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            Assert.Equal("AAA", (await client.GetLiveJobAsync("AAA")).Id);
            Assert.Equal("AAA", (await client.GetPreRecordedJobAsync("AAA")).Id);
            Assert.Equal("AAA", (await client.WaitForPreRecordedJobAsync(" AAA ")).Id);
        }
    }
}
