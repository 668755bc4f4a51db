using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Configuration;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;
using GladiaPS.Core.Tests.Rest;
using Xunit;

namespace GladiaPS.Core.Tests.Security
{
    /// <summary>The API key appears in no exception (message, ToString, inner exceptions), log line or ToString().</summary>
    public class ApiKeyLeakTests
    {
        private const string Key = RestTestSettings.ApiKey;

        private static void AssertNoKey(Exception error, IEnumerable<string> log)
        {
            for (var e = error; e != null; e = e.InnerException)
            {
                Assert.DoesNotContain(Key, e.Message);
                Assert.DoesNotContain(Key, e.ToString());
                if (e is GladiaApiException api)
                {
                    Assert.DoesNotContain(Key, api.ResponseBody ?? string.Empty);
                    Assert.DoesNotContain(Key, api.ServerMessage ?? string.Empty);
                    Assert.DoesNotContain(Key, api.RequestId ?? string.Empty);
                }
            }

            foreach (var line in log)
            {
                Assert.DoesNotContain(Key, line);
            }
        }

        private static async Task<(Exception Error, ConcurrentQueue<string> Log)> FailInit(Func<LoopbackContext, Task> handler, Action<GladiaClientSettings>? configure = null)
        {
            await using var server = LoopbackHttpServer.Start(handler);
            var log = new ConcurrentQueue<string>();
            var settings = RestTestSettings.For(server.BaseUrl, log);
            configure?.Invoke(settings);
            using var client = new GladiaRestClient(settings);
            var error = await Assert.ThrowsAnyAsync<Exception>(() => client.CreateLiveSessionAsync(new LiveSessionOptions(), CancellationToken.None));
            Assert.NotEmpty(log);
            return (error, log);
        }

        [Fact]
        public async Task Unauthorized_WhoseBodyEchoesTheKey_IsScrubbed()
        {
            var (error, log) = await FailInit(c => c.RespondJsonAsync(401,
                "{\"message\":\"invalid key " + Key + "\",\"request_id\":\"G-" + Key + "\",\"statusCode\":401}",
                ("x-aipi-call-id", Key)));

            var api = Assert.IsType<GladiaApiException>(error);
            Assert.Equal("invalid key *** | G-*** | 401 | POST /v2/live", api.Message);
            AssertNoKey(error, log);
        }

        [Fact]
        public async Task UnprocessableEntity_EchoingTheRequestHeaders_IsScrubbed()
        {
            var (error, log) = await FailInit(c => c.RespondJsonAsync(422,
                "{\"message\":[\"bad value\"],\"validation_errors\":[\"headers: x-gladia-key=" + Key + "\"]}"));

            Assert.Equal(422, Assert.IsType<GladiaApiException>(error).StatusCode);
            Assert.Contains("bad value", error.Message);
            AssertNoKey(error, log);
        }

        [Fact]
        public async Task PlainTextErrorEchoingTheKey_IsScrubbed()
        {
            var (error, log) = await FailInit(c => c.RespondAsync(403, System.Text.Encoding.UTF8.GetBytes("forbidden for " + Key), "text/plain"));

            Assert.Equal("forbidden for *** | 403 | POST /v2/live", error.Message);
            AssertNoKey(error, log);
        }

        [Fact]
        public async Task Timeout_IsScrubbed()
        {
            var (error, log) = await FailInit(c => c.StallAsync(), s => s.Http.InitTimeout = TimeSpan.FromMilliseconds(200));

            Assert.IsType<TimeoutException>(error);
            AssertNoKey(error, log);
        }

        [Fact]
        public async Task LostResponse_IsScrubbed()
        {
            var (error, log) = await FailInit(_ => Task.CompletedTask);

            AssertNoKey(error, log);
        }

        [Fact]
        public async Task KeyInTheBaseUrlQuery_NeverReachesTheLog()
        {
            // A key pasted into the URL by mistake is masked wherever the URL is written.
            var (error, log) = await FailInit(c => c.RespondJsonAsync(500, "{}"), s => s.BaseUrl = new Uri(s.BaseUrl, "/?key=" + Key));

            AssertNoKey(error, log);
        }

        [Fact]
        public void ToStringOfSettingsAndSessions_HasNoKeyOrToken()
        {
            var settings = new GladiaClientSettings { ApiKey = Key };
            Assert.DoesNotContain(Key, settings.ToString());

            var created = new LiveSessionCreated("id", new Uri("wss://api.gladia.io/v2/live?token=" + Key), null);
            Assert.DoesNotContain(Key, created.ToString());
            Assert.DoesNotContain(Key, created.RedactedUrl);
        }

        [Fact]
        public async Task RedirectsTimeoutsAndDownloadFailures_NeverCarryTheKey()
        {
            var log = new ConcurrentQueue<string>();
            await using var storage = LoopbackHttpServer.Start(c => c.RespondJsonAsync(403,
                "{\"message\":\"signature mismatch for key " + c.Request.Header("x-gladia-key") + "\"}"));
            await using var api = LoopbackHttpServer.Start(c => c.Request.Path.EndsWith("/file", StringComparison.Ordinal)
                ? c.RespondAsync(302, null, null, ("Location", new Uri(storage.BaseUrl, "/o?X-Signature=" + Key).AbsoluteUri))
                : c.StallAsync());
            var settings = RestTestSettings.For(api.BaseUrl, log, maxRetries: 1);
            settings.Http.GetTimeout = TimeSpan.FromMilliseconds(200);
            using var client = new GladiaRestClient(settings);

            var download = await Assert.ThrowsAsync<GladiaApiException>(() => client.DownloadLiveAudioAsync("j", new MemoryStream(), CancellationToken.None));
            Assert.Equal(403, download.StatusCode);
            Assert.Null(Assert.Single(storage.Requests).Header("x-gladia-key"));
            AssertNoKey(download, log);

            var timeout = await Assert.ThrowsAsync<TimeoutException>(() => client.GetLiveJobAsync("j", CancellationToken.None));
            AssertNoKey(timeout, log);

            Assert.Contains(log, line => line.Contains("X-Signature=***"));
            Assert.DoesNotContain(log, line => line.Contains(Key));
        }
    }
}
