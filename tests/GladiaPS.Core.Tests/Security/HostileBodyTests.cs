using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Rest;
using GladiaPS.Core.Security;
using GladiaPS.Core.Tests.Rest;
using Xunit;

namespace GladiaPS.Core.Tests.Security
{
    /// <summary>What a server writes in its answers is data: bounded once decompressed, and redacted when quoted.</summary>
    public class HostileBodyTests
    {
        private const string Key = RestTestSettings.ApiKey;

        private static byte[] Gzip(string text)
        {
            using var memory = new MemoryStream();
            using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                gzip.Write(bytes, 0, bytes.Length);
            }

            return memory.ToArray();
        }

        private static string JobPadded(int padding) => "{\"id\":\"j1\",\"status\":\"done\",\"pad\":\"" + new string(' ', padding) + "\"}";

        [Fact]
        public async Task AGzipBodyInflatingPastTheCap_FailsNamingTheLimit()
        {
            var bomb = Gzip(JobPadded(8 * 1024 * 1024));
            Assert.True(bomb.Length < 64 * 1024);
            await using var api = LoopbackHttpServer.Start(c => c.RespondAsync(200, bomb, "application/json", ("Content-Encoding", "gzip")));
            var settings = RestTestSettings.For(api.BaseUrl);
            settings.Http.MaxJsonBodyBytes = 1024 * 1024;
            using var client = new GladiaRestClient(settings);

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.GetLiveJobAsync("j1"));

            Assert.Contains("larger than the limit of 1048576 bytes (MaxJsonBodyBytes)", error.Message);
            Assert.Contains("GET /v2/live/j1", error.Message);
            Assert.Equal(GladiaAnswerProblem.TooLarge, error.Problem);
        }

        [Fact]
        public async Task AGzipBodyWithinTheCap_IsRead()
        {
            var body = Gzip(JobPadded(512 * 1024));
            await using var api = LoopbackHttpServer.Start(c => c.RespondAsync(200, body, "application/json", ("Content-Encoding", "gzip")));
            var settings = RestTestSettings.For(api.BaseUrl);
            settings.Http.MaxJsonBodyBytes = 1024 * 1024;
            using var client = new GladiaRestClient(settings);

            Assert.Equal("done", (await client.GetLiveJobAsync("j1")).Status);
        }

        [Fact]
        public async Task ADeclaredLengthPastTheCap_FailsBeforeTheBodyIsRead()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondStreamingAsync(200, 1L << 40, "application/json", async body =>
            {
                var chunk = Encoding.ASCII.GetBytes("{\"id\":\"j1\",\"pad\":\"" + new string(' ', 60000));
                await body.WriteAsync(chunk, 0, chunk.Length);
                await Task.Delay(Timeout.InfiniteTimeSpan, c.ServerStopping).ContinueWith(_ => { });
            }));
            var settings = RestTestSettings.For(api.BaseUrl);
            settings.Http.MaxJsonBodyBytes = 1024 * 1024;
            using var client = new GladiaRestClient(settings);

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.GetLiveJobAsync("j1"));
            Assert.Contains("MaxJsonBodyBytes", error.Message);
        }

        [Theory]
        [InlineData(500)]
        [InlineData(422)]
        [InlineData(200)]
        public async Task AReasonPhraseEchoingTheKey_IsRedacted(int status)
        {
            // 200 with a body that is not a job: the "unusable answer" error quotes the reason phrase too.
            await using var api = LoopbackHttpServer.Start(c =>
            {
                c.ReasonPhrase = "Bad key " + Key + " " + Uri.EscapeDataString(Key);
                // Without a body, the error message is the reason phrase; with one that is not a job, the "unusable" error.
                return c.RespondAsync(status, status == 200 ? Encoding.UTF8.GetBytes("[]") : Array.Empty<byte>(), "text/plain", ("x-aipi-call-id", "req-" + Key));
            });
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl, maxRetries: 0));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.GetLiveJobAsync("j1"));

            Assert.DoesNotContain(Key, error.ToString());
            Assert.DoesNotContain(Key, error.RequestId ?? string.Empty);
            if (status != 200)
            {
                Assert.Contains("Bad key " + SecretRedactor.Mask, error.Message);
            }
        }

        [Fact]
        public void ServerText_IsOneBoundedLine()
        {
            Assert.Equal("line one  forged line", SecretRedactor.Printable("line one\r\nforged line", 50));
            Assert.Equal(new string('x', 10) + "…", SecretRedactor.Printable(new string('x', 1000), 10));
        }

        [Fact]
        public async Task AListWhoseNextNeverEnds_StopsAtThePageBound_WithAnErrorNamingIt()
        {
            var served = 0;
            await using var api = LoopbackHttpServer.Start(c =>
            {
                var n = Interlocked.Increment(ref served);
                return c.RespondJsonAsync(200, "{\"next\":\"/v2/live?cursor=" + n + "\",\"items\":[{\"id\":\"j" + n + "\",\"status\":\"done\"}]}");
            });
            var settings = RestTestSettings.For(api.BaseUrl);
            settings.Http.MaxListPages = 5;
            using var client = new GladiaRestClient(settings);
            var ids = new System.Collections.Generic.List<string>();

            var error = await Assert.ThrowsAsync<GladiaApiException>(async () =>
            {
                await foreach (var job in client.ListLiveJobsAsync())
                {
                    ids.Add(job.Id);
                }
            });

            Assert.Contains("past 5 pages (MaxListPages)", error.Message);
            Assert.Equal(GladiaAnswerProblem.TooLarge, error.Problem);
            Assert.Equal(new[] { "j1", "j2", "j3", "j4", "j5" }, ids);
            Assert.Equal(5, served);
        }
    }
}
