using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;
using Xunit;

namespace GladiaPS.Core.Tests.Rest
{
    /// <summary>Get, list and delete against precise server answers.</summary>
    public class JobsTests
    {
        private const string Key = RestTestSettings.ApiKey;
        private const string Job = "{\"id\":\"j1\",\"status\":\"done\",\"created_at\":\"2026-02-14T10:15:30Z\",\"error_code\":null,\"kind\":\"live\"}";

        private static async Task<List<string>> Ids(IAsyncEnumerable<GladiaPS.Core.Models.LiveJob> jobs)
        {
            var ids = new List<string>();
            await foreach (var job in jobs)
            {
                ids.Add(job.Id);
            }

            return ids;
        }

        private static string Page(string? next, params string[] ids) =>
            "{\"first\":\"x\",\"current\":\"y\",\"next\":" + (next is null ? "null" : "\"" + next + "\"") + ",\"items\":["
            + string.Join(",", ids.Select(id => "{\"id\":\"" + id + "\",\"status\":\"done\"}")) + "]}";

        [Fact]
        public void Filter_SerialisesEveryParameterAsTheApiExpects()
        {
            var filter = new LiveJobFilter
            {
                Offset = 0,
                Limit = 20,
                Date = new DateTime(2026, 2, 14),
                BeforeDate = new DateTimeOffset(2026, 2, 15, 12, 0, 0, TimeSpan.FromHours(2)),
                AfterDate = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
            };
            filter.Statuses.Add("done");
            filter.Statuses.Add("error");
            filter.CustomMetadata["team"] = "ops & dev";
            filter.CustomMetadata["room"] = 4;
            filter.CustomMetadata["vip"] = true;
            filter.CustomMetadata["skipped"] = null;

            Assert.Equal(
                "offset=0&limit=20&date=2026-02-14&before_date=2026-02-15T10%3A00%3A00.000Z&after_date=2026-02-01T00%3A00%3A00.000Z"
                + "&status=done&status=error&custom_metadata%5Bteam%5D=ops%20%26%20dev&custom_metadata%5Broom%5D=4&custom_metadata%5Bvip%5D=true",
                filter.ToQueryString());
            Assert.Equal(string.Empty, new LiveJobFilter().ToQueryString());
        }

        [Theory]
        [InlineData("offset")]
        [InlineData("limit")]
        [InlineData("status")]
        public void Filter_OutOfRange_IsRejectedByParameterName(string field)
        {
            var filter = new LiveJobFilter();
            switch (field)
            {
                case "offset": filter.Offset = -1; break;
                case "limit": filter.Limit = 0; break;
                default: filter.Statuses.Add("finished"); break;
            }

            Assert.Equal(field, Assert.Throws<GladiaValidationException>(filter.Validate).Field);
        }

        [Fact]
        public async Task List_RequestsNextExactlyAsGiven_AndSendsNoRegion()
        {
            await using var api = LoopbackHttpServer.Start(c => c.Request.Target switch
            {
                "/v2/live?limit=2" => c.RespondJsonAsync(200, Page("/v2/live?cursor=a%2Fb&limit=2&z=1", "a", "b")),
                "/v2/live?cursor=a%2Fb&limit=2&z=1" => c.RespondJsonAsync(200, Page(null, "c")),
                _ => c.RespondJsonAsync(404, "{\"message\":\"unexpected " + c.Request.Target + "\"}"),
            });
            var settings = RestTestSettings.For(api.BaseUrl);
            settings.Region = "us-west";
            using var client = new GladiaRestClient(settings);

            Assert.Equal(new[] { "a", "b", "c" }, await Ids(client.ListLiveJobsAsync(new LiveJobFilter { Limit = 2 }, CancellationToken.None)));
            Assert.All(api.Requests, r => Assert.Equal(Key, r.Header("x-gladia-key")));
            Assert.All(api.Requests, r => Assert.DoesNotContain("region", r.Query));
        }

        [Fact]
        public async Task List_NextOnAnotherOrigin_IsFollowedWithoutTheKey()
        {
            await using var other = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, Page(null, "z")));
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, Page(new Uri(other.BaseUrl, "/v2/live?offset=1").AbsoluteUri, "y")));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            Assert.Equal(new[] { "y", "z" }, await Ids(client.ListLiveJobsAsync(null, CancellationToken.None)));
            Assert.Null(Assert.Single(other.Requests).Header("x-gladia-key"));
        }

        [Fact]
        public async Task List_NextPointingBackToAReadPage_Stops()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, Page("/v2/live", "same")));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            Assert.Equal(new[] { "same" }, await Ids(client.ListLiveJobsAsync(null, CancellationToken.None)));
            Assert.Single(api.Requests);
        }

        [Fact]
        public async Task List_PageWithoutItems_IsAnApiError()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, "{\"data\":[]}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => Ids(client.ListLiveJobsAsync(null, CancellationToken.None)));
            Assert.Contains("'items'", error.Message);
        }

        [Fact]
        public async Task Get_IsRetriedOn5xxAnd429_AndReturnsTheJob()
        {
            var calls = 0;
            await using var api = LoopbackHttpServer.Start(c => Interlocked.Increment(ref calls) switch
            {
                1 => c.RespondJsonAsync(502, "{}"),
                2 => c.RespondJsonAsync(429, "{}", ("Retry-After", "0")),
                _ => c.RespondJsonAsync(200, Job),
            });
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var job = await client.GetLiveJobAsync("j1", CancellationToken.None);

            Assert.Equal("j1", job.Id);
            Assert.True(job.IsDone);
            Assert.Equal(3, api.Requests.Count);
        }

        [Fact]
        public async Task Get_IsRetriedAfterATimeoutOrADroppedConnection()
        {
            var calls = 0;
            await using var api = LoopbackHttpServer.Start(c => Interlocked.Increment(ref calls) switch
            {
                1 => c.StallAsync(),
                2 => Task.CompletedTask,
                _ => c.RespondJsonAsync(200, Job),
            });
            var settings = RestTestSettings.For(api.BaseUrl);
            settings.Http.GetTimeout = TimeSpan.FromMilliseconds(300);
            using var client = new GladiaRestClient(settings);

            Assert.Equal("j1", (await client.GetLiveJobAsync("j1", CancellationToken.None)).Id);
            Assert.Equal(3, api.Requests.Count);
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(404)]
        [InlineData(413)]
        [InlineData(422)]
        public async Task Get_IsNeverRetriedOnClientErrors(int status)
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(status, "{\"message\":\"no\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            Assert.Equal(status, (await Assert.ThrowsAsync<GladiaApiException>(() => client.GetLiveJobAsync("j1", CancellationToken.None))).StatusCode);
            Assert.Single(api.Requests);
        }

        [Fact]
        public async Task Get_TimeoutOnEveryAttempt_NamesTheOperation()
        {
            await using var api = LoopbackHttpServer.Start(c => c.StallAsync());
            var settings = RestTestSettings.For(api.BaseUrl, maxRetries: 1);
            settings.Http.GetTimeout = TimeSpan.FromMilliseconds(200);
            using var client = new GladiaRestClient(settings);

            var error = await Assert.ThrowsAsync<TimeoutException>(() => client.GetLiveJobAsync("a-b", CancellationToken.None));

            Assert.Equal("GET /v2/live/a-b: no response within 0.2 s on any of 2 attempts.", error.Message);
        }

        [Fact]
        public async Task Get_AnswerThatIsNotAJob_IsAnApiError()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, "[1,2]"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.GetLiveJobAsync("j1", CancellationToken.None));
            Assert.Contains("not a job", error.Message);
        }

        [Theory]
        [InlineData(202, true)]
        [InlineData(204, false)]
        [InlineData(200, false)]
        public async Task Delete_IsTrueOnlyFor202(int status, bool expected)
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondAsync(status));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            Assert.Equal(expected, await client.DeleteLiveJobAsync("j1", CancellationToken.None));
            var request = Assert.Single(api.Requests);
            Assert.Equal("DELETE", request.Method);
            Assert.Equal("/v2/live/j1", request.Path);
        }

        [Fact]
        public async Task Delete_RetriedAfterALostAnswer_CountsA404AsDone()
        {
            // The first DELETE is carried out but its answer is a gateway error; the retry then finds nothing to delete.
            var calls = 0;
            await using var api = LoopbackHttpServer.Start(c => Interlocked.Increment(ref calls) == 1
                ? c.RespondJsonAsync(502, "{}")
                : c.RespondJsonAsync(404, "{\"message\":\"Live job not found\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            Assert.True(await client.DeleteLiveJobAsync("j1", CancellationToken.None));
            Assert.Equal(2, api.Requests.Count);
        }

        [Fact]
        public async Task Delete_NotFoundOnTheFirstAttempt_IsStillReported()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(404, "{\"message\":\"Live job not found\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.DeleteLiveJobAsync("j1", CancellationToken.None));
            Assert.Equal(404, error.StatusCode);
            Assert.Single(api.Requests);
        }

        [Theory]
        [InlineData("")]
        [InlineData("  ")]
        public async Task EmptyId_IsRejectedBeforeAnyRequest(string id)
        {
            using var client = new GladiaRestClient(RestTestSettings.For(new Uri("http://127.0.0.1:9")));
            var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetLiveJobAsync(id, CancellationToken.None));
            Assert.StartsWith("id: a job id is required.", error.Message);
        }

        [Fact]
        public async Task BasePath_OfAProxy_IsKept()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, Job));
            using var client = new GladiaRestClient(RestTestSettings.For(new Uri(api.BaseUrl, "/gladia/")));

            await client.GetLiveJobAsync("j1", CancellationToken.None);

            Assert.Equal("/gladia/v2/live/j1", Assert.Single(api.Requests).Path);
        }

        [Fact]
        public async Task Get_BodyThatStallsAfterTheHeaders_TimesOut()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondStreamingAsync(200, 5000, "application/json", async stream =>
            {
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes("{\"id\":"));
                await stream.FlushAsync();
                await c.StallAsync();
            }));
            var settings = RestTestSettings.For(api.BaseUrl);
            settings.Http.GetTimeout = TimeSpan.FromMilliseconds(300);
            using var client = new GladiaRestClient(settings);

            var error = await Assert.ThrowsAsync<TimeoutException>(() => client.GetLiveJobAsync("j1", CancellationToken.None));
            Assert.Equal("GET /v2/live/j1: the answer's body did not arrive within 0.3 s.", error.Message);
        }
    }
}
