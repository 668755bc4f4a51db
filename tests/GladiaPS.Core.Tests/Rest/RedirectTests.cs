using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Rest;
using Xunit;

namespace GladiaPS.Core.Tests.Rest
{
    public class RedirectTests
    {
        private const string Key = RestTestSettings.ApiKey;

        [Fact]
        public async Task CrossOriginHop_DropsKeyAuthorizationAndCookie_ForGood_ButKeepsTheVersion()
        {
            var audio = Encoding.ASCII.GetBytes("RIFF-audio-bytes");
            LoopbackHttpServer? api = null;
            // storage: first hop answers with a relative redirect, then a redirect back to the API origin.
            await using var storage = LoopbackHttpServer.Start(c =>
            {
                if (c.Request.Path == "/signed/a")
                {
                    return c.RespondAsync(307, null, null, ("Location", "b?X-Signature=s3cr3t"));
                }

                if (c.Request.Path == "/signed/b")
                {
                    return c.RespondAsync(302, null, null, ("Location", new Uri(api!.BaseUrl, "/final").AbsoluteUri));
                }

                return c.RespondAsync(404);
            });
            api = LoopbackHttpServer.Start(c => c.Request.Path == "/final"
                ? c.RespondAsync(200, audio, "application/octet-stream")
                : c.RespondAsync(302, Encoding.UTF8.GetBytes("moved"), "text/plain", ("Location", new Uri(storage.BaseUrl, "/signed/a").AbsoluteUri)));
            await using var apiServer = api;

            var log = new ConcurrentQueue<string>();
            var settings = RestTestSettings.For(api.BaseUrl, log);
            settings.Headers["Authorization"] = "Bearer proxy-token";
            settings.Headers["Cookie"] = "session=abc";
            using var client = new GladiaRestClient(settings);
            using var destination = new MemoryStream();

            var written = await client.DownloadLiveAudioAsync("job-1", destination, CancellationToken.None);

            Assert.Equal(audio.Length, written);
            Assert.Equal(audio, destination.ToArray());

            var first = api.Requests.First();
            Assert.Equal("/v2/live/job-1/file", first.Path);
            Assert.Equal(Key, first.Header("x-gladia-key"));
            Assert.Equal("Bearer proxy-token", first.Header("Authorization"));

            var storageRequests = storage.Requests.ToList();
            Assert.Equal(new[] { "/signed/a", "/signed/b" }, storageRequests.Select(r => r.Path));
            Assert.Equal("X-Signature=s3cr3t", storageRequests[1].Query);
            var back = api.Requests.Single(r => r.Path == "/final");
            foreach (var hop in storageRequests.Append(back))
            {
                Assert.Null(hop.Header("x-gladia-key"));
                Assert.Null(hop.Header("Authorization"));
                Assert.Null(hop.Header("Cookie"));
                Assert.DoesNotContain(Key, hop.RawHeaders());
                Assert.StartsWith("GladiaPS/", hop.Header("x-gladia-version"));
            }

            Assert.DoesNotContain(log, line => line.Contains("s3cr3t"));
        }

        [Fact]
        public async Task SameOriginRedirect_KeepsTheKey()
        {
            await using var api = LoopbackHttpServer.Start(c => c.Request.Path == "/v2/live/j/file"
                ? c.RespondAsync(308, null, null, ("Location", "/blob/j"))
                : c.RespondAsync(200, new byte[] { 1, 2, 3 }, "application/octet-stream"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));
            using var destination = new MemoryStream();

            await client.DownloadLiveAudioAsync("j", destination, CancellationToken.None);

            Assert.All(api.Requests, r => Assert.Equal(Key, r.Header("x-gladia-key")));
            Assert.Equal(new byte[] { 1, 2, 3 }, destination.ToArray());
        }

        [Fact]
        public async Task MoreThanTwentyRedirects_Fail()
        {
            var hops = 0;
            await using var api = LoopbackHttpServer.Start(c => c.RespondAsync(302, null, null, ("Location", "/hop/" + Interlocked.Increment(ref hops))));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.DownloadLiveAudioAsync("j", new MemoryStream(), CancellationToken.None));

            Assert.Contains("more than 20 redirects", error.Message);
            Assert.Equal(21, api.Requests.Count);
        }

        [Fact]
        public async Task RedirectWithoutLocation_IsAnError()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(302, "{\"message\":\"moved somewhere\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.GetLiveJobAsync("j", CancellationToken.None));

            Assert.Equal(302, error.StatusCode);
            Assert.Equal("moved somewhere | 302 | GET /v2/live/j", error.Message);
        }

        [Fact]
        public async Task SeeOther_AfterPost_BecomesGetWithoutBody()
        {
            await using var api = LoopbackHttpServer.Start(c => c.Request.Method == "POST"
                ? c.RespondAsync(303, null, null, ("Location", "/created"))
                : c.RespondJsonAsync(200, "{\"id\":\"s1\",\"url\":\"wss://h/x?token=t\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var created = await client.CreateLiveSessionAsync(new GladiaPS.Core.Options.LiveSessionOptions { SampleRate = 16000 }, CancellationToken.None);

            Assert.Equal("s1", created.Id);
            var second = api.Requests.Last();
            Assert.Equal("GET", second.Method);
            Assert.Empty(second.Body);
        }

        [Fact]
        public async Task TemporaryRedirect_KeepsMethodAndBody()
        {
            await using var api = LoopbackHttpServer.Start(c => c.Request.Path == "/v2/live"
                ? c.RespondAsync(307, null, null, ("Location", "/v2/live-moved"))
                : c.RespondJsonAsync(201, "{\"id\":\"s1\",\"url\":\"wss://h/x?token=t\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            await client.CreateLiveSessionAsync(new GladiaPS.Core.Options.LiveSessionOptions { SampleRate = 16000 }, CancellationToken.None);

            var second = api.Requests.Last();
            Assert.Equal("POST", second.Method);
            Assert.Equal("{\"sample_rate\":16000}", second.BodyText);
        }
    }
}
