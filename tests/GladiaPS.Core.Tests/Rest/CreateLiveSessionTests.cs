using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;
using Xunit;

namespace GladiaPS.Core.Tests.Rest
{
    public class CreateLiveSessionTests
    {
        private const string Created = "{\"id\":\"b1e0c7d2-4f3a-4c55-9e61-0a8d2f7c3b94\",\"created_at\":\"2026-02-14T10:15:30.120Z\",\"url\":\"wss://api.gladia.io/v2/live?token=7c2d9e10\"}";

        private static readonly LiveSessionOptions Pcm16k = new LiveSessionOptions { Encoding = AudioEncoding.Pcm, BitDepth = 16, SampleRate = 16000, Channels = 1 };

        [Fact]
        public async Task Init_PostsTheBodyWithKeyVersionAndRegion_AndReadsTheAnswer()
        {
            await using var server = LoopbackHttpServer.Start(c => c.RespondJsonAsync(201, Created));
            var settings = RestTestSettings.For(server.BaseUrl);
            settings.Region = "eu-west";
            settings.ProductTokens.Add("MyModule/3.0");
            using var client = new GladiaRestClient(settings);

            var created = await client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None);

            Assert.Equal("b1e0c7d2-4f3a-4c55-9e61-0a8d2f7c3b94", created.Id);
            Assert.Equal(new Uri("wss://api.gladia.io/v2/live?token=7c2d9e10"), created.Url);
            Assert.Equal(new DateTimeOffset(2026, 2, 14, 10, 15, 30, 120, TimeSpan.Zero), created.CreatedAt);

            var request = Assert.Single(server.Requests);
            Assert.Equal("POST", request.Method);
            Assert.Equal("/v2/live", request.Path);
            Assert.Equal("region=eu-west", request.Query);
            Assert.Equal(RestTestSettings.ApiKey, request.Header("x-gladia-key"));
            Assert.Equal("MyModule/3.0 " + GladiaClientInfo.ProductToken, request.Header("x-gladia-version"));
            Assert.StartsWith("application/json", request.Header("Content-Type"));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Pcm16k.ToJson()), JsonNode.Parse(request.BodyText)));
        }

        [Fact]
        public async Task Init_WithoutRegion_SendsNoQuery_AndAccepts200WithoutCreatedAt()
        {
            await using var server = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, "{\"id\":\"abc\",\"url\":\"wss://h.example/v2/live/ws?token=t\",\"status\":\"initiated\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl));

            var created = await client.CreateLiveSessionAsync(new LiveSessionOptions(), CancellationToken.None);

            Assert.Equal("abc", created.Id);
            Assert.Null(created.CreatedAt);
            Assert.Equal(string.Empty, Assert.Single(server.Requests).Query);
        }

        [Fact]
        public async Task Init_RelativeUrl_IsResolvedAgainstTheWebSocketBase()
        {
            await using var server = LoopbackHttpServer.Start(c => c.RespondJsonAsync(201, "{\"id\":\"abc\",\"url\":\"/v2/live/ws?token=t0k\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl));

            var created = await client.CreateLiveSessionAsync(new LiveSessionOptions(), CancellationToken.None);

            Assert.Equal("ws", created.Url.Scheme);
            Assert.Equal(server.BaseUrl.Port, created.Url.Port);
            Assert.Equal("/v2/live/ws?token=t0k", created.Url.PathAndQuery);
            Assert.DoesNotContain("t0k", created.ToString());
            Assert.Contains("token=***", created.ToString());
        }

        [Theory]
        [InlineData("{\"id\":\"abc\"}", "no WebSocket 'url'")]
        [InlineData("{\"url\":\"wss://h/x\"}", "no session 'id'")]
        [InlineData("<html>ok</html>", "not JSON")]
        public async Task Init_UnusableAnswer_IsAnApiErrorSayingWhatIsMissing(string body, string expected)
        {
            await using var server = LoopbackHttpServer.Start(c => c.RespondJsonAsync(201, body));
            using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.CreateLiveSessionAsync(new LiveSessionOptions(), CancellationToken.None));

            Assert.Contains(expected, error.Message);
            Assert.Equal(201, error.StatusCode);
        }

        [Fact]
        public async Task Init_InvalidOptions_FailBeforeAnyRequest()
        {
            await using var server = LoopbackHttpServer.Start(c => c.RespondJsonAsync(201, Created));
            using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaValidationException>(() => client.CreateLiveSessionAsync(new LiveSessionOptions { SampleRate = -1 }, CancellationToken.None));

            Assert.Equal("sample_rate", error.Field);
            Assert.Empty(server.Requests);
        }

        [Fact]
        public async Task Init_422_ReportsTheServerMessageAndRequestId_WithoutRetrying()
        {
            await using var server = LoopbackHttpServer.Start(c => c.RespondJsonAsync(422,
                "{\"timestamp\":\"2026-02-14T10:15:29.004Z\",\"path\":\"/v2/live\",\"request_id\":\"G-5d0e7a31\",\"statusCode\":422,\"message\":\"sample_rate must be one of the allowed values\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None));

            Assert.Equal("sample_rate must be one of the allowed values | G-5d0e7a31 | 422 | POST /v2/live", error.Message);
            Assert.Equal(422, error.StatusCode);
            Assert.Equal("G-5d0e7a31", error.RequestId);
            Assert.Equal("sample_rate must be one of the allowed values", error.ServerMessage);
            Assert.Equal("POST", error.Method);
            Assert.Equal("/v2/live", error.Path);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task Init_ErrorInTheNestedShape_AndRequestIdFromHeader()
        {
            await using var server = LoopbackHttpServer.Start(c => c.RespondJsonAsync(400,
                "{\"error\":{\"status_code\":400,\"exception\":\"BadRequestException\",\"message\":\"channels must not be greater than 8\"}}",
                ("x-aipi-call-id", "call-77")));
            using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None));

            Assert.Equal("BadRequestException: channels must not be greater than 8 | call-77 | 400 | POST /v2/live", error.Message);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task Init_NonJsonErrorBody_FallsBackToTheStatusText()
        {
            await using var server = LoopbackHttpServer.Start(c => c.RespondAsync(401, System.Text.Encoding.UTF8.GetBytes("<html><body>denied</body></html>"), "text/html"));
            using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None));

            Assert.Equal("Unauthorized | 401 | POST /v2/live", error.Message);
            Assert.Contains("denied", error.ResponseBody);
        }

        [Theory]
        [InlineData(429)]
        [InlineData(503)]
        [InlineData(408)]
        public async Task Init_IsRetried_WhenTheServerCertainlyCreatedNothing(int status)
        {
            var calls = 0;
            await using var server = LoopbackHttpServer.Start(c => Interlocked.Increment(ref calls) < 3
                ? c.RespondJsonAsync(status, "{\"message\":\"busy\"}")
                : c.RespondJsonAsync(201, Created));
            using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl));

            var created = await client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None);

            Assert.Equal("b1e0c7d2-4f3a-4c55-9e61-0a8d2f7c3b94", created.Id);
            Assert.Equal(3, server.Requests.Count);
        }

        [Theory]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(504)]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(413)]
        public async Task Init_IsNotRetried_WhenASessionMayExistOrARepeatCannotHelp(int status)
        {
            await using var server = LoopbackHttpServer.Start(c => c.RespondJsonAsync(status, "{\"message\":\"nope\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None));

            Assert.Equal(status, error.StatusCode);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task Init_RetriesRunOut_ReportsTheLastStatusAndAttemptCount()
        {
            await using var server = LoopbackHttpServer.Start(c => c.RespondJsonAsync(429, "{\"message\":\"slow down\",\"request_id\":\"G-1\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl, maxRetries: 2));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None));

            Assert.Equal("slow down | G-1 | 429 | POST /v2/live", error.Message);
            Assert.Equal(3, error.Attempts);
            Assert.Equal(3, server.Requests.Count);
        }

        [Fact]
        public async Task Init_LostResponse_IsNotRetried()
        {
            // The server reads the request and drops the connection: it may have created the session.
            await using var server = LoopbackHttpServer.Start(_ => Task.CompletedTask);
            using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl));

            var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None));

            Assert.StartsWith("POST /v2/live: ", error.Message);
            Assert.EndsWith("Not retried: the server may have created the session before the answer was lost.", error.Message);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task Init_Timeout_IsNotRetried_AndNamesTheOperation()
        {
            await using var server = LoopbackHttpServer.Start(c => c.StallAsync());
            var settings = RestTestSettings.For(server.BaseUrl);
            settings.Http.InitTimeout = TimeSpan.FromMilliseconds(300);
            using var client = new GladiaRestClient(settings);

            var error = await Assert.ThrowsAsync<TimeoutException>(() => client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None));

            Assert.Equal("POST /v2/live: no response within 0.3 s. Not retried: the server may have created the session before the answer was lost.", error.Message);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task Init_ConnectionRefused_IsRetried()
        {
            var log = new ConcurrentQueue<string>();
            var settings = RestTestSettings.For(new Uri("http://127.0.0.1:" + LoopbackHttpServer.UnusedPort()), log, maxRetries: 2);
            using var client = new GladiaRestClient(settings);

            var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None));

            Assert.Contains("after 3 attempts", error.Message);
            Assert.DoesNotContain("Not retried", error.Message);
            Assert.Equal(2, log.Count(line => line.Contains("retrying in")));
        }

        [Fact]
        public async Task Init_HonoursRetryAfterSeconds()
        {
            var calls = 0;
            await using var server = LoopbackHttpServer.Start(c => Interlocked.Increment(ref calls) == 1
                ? c.RespondJsonAsync(429, "{}", ("Retry-After", "1"))
                : c.RespondJsonAsync(201, Created));
            var settings = RestTestSettings.For(server.BaseUrl);
            settings.Http.MaxRetryAfter = TimeSpan.FromSeconds(30);
            using var client = new GladiaRestClient(settings);

            var watch = Stopwatch.StartNew();
            await client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None);

            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), "waited only " + watch.Elapsed);
            Assert.Equal(2, server.Requests.Count);
        }

        [Fact]
        public async Task Init_RetryAfterBeyondTheCap_IsNotRetriedEarly_ButFailsWithTheServersWait()
        {
            await using var server = LoopbackHttpServer.Start(c => c.RespondJsonAsync(503, "{\"message\":\"maintenance\"}", ("Retry-After", "3600")));
            using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None));

            Assert.Single(server.Requests);
            Assert.Equal(1, error.Attempts);
            Assert.Equal(503, error.StatusCode);
            Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
            Assert.StartsWith("maintenance (the server asks to wait 3600 s before trying again, longer than MaxRetryAfter allows (0.05 s)", error.Message);
        }

        [Fact]
        public async Task Get_RetryAfterWithinTheCap_IsHonoured_AndReportedIfItStillFails()
        {
            await using var server = LoopbackHttpServer.Start(c => c.RespondJsonAsync(429, "{}", ("Retry-After", "0")));
            using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl, maxRetries: 2));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.GetLiveJobAsync("j", CancellationToken.None));

            Assert.Equal(3, server.Requests.Count);
            Assert.Equal(TimeSpan.Zero, error.RetryAfter);
            Assert.DoesNotContain("not retried", error.Message);
        }

        [Fact]
        public async Task Start_WhoseInitFails_LeavesNoUnobservedTaskException()
        {
            const string marker = "init refused 7f3e9c";
            var unobserved = new ConcurrentQueue<Exception>();
            void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => unobserved.Enqueue(e.Exception);
            TaskScheduler.UnobservedTaskException += OnUnobserved;
            try
            {
                await using var server = LoopbackHttpServer.Start(c => c.RespondJsonAsync(401, "{\"message\":\"" + marker + "\"}"));
                using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl));

                var outcome = await StartAndForgetAsync(client);
                Assert.Equal(GladiaPS.Core.Live.LiveSessionEndReason.StartFailed, outcome.Reason);
                Assert.Contains(marker, outcome.ErrorMessage);

                // The session is unreachable now; collecting it finalizes a faulted, unobserved task if there is one.
                for (var i = 0; i < 3; i++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                }
            }
            finally
            {
                TaskScheduler.UnobservedTaskException -= OnUnobserved;
            }

            Assert.DoesNotContain(unobserved, e => e.ToString().Contains(marker));
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static async Task<GladiaPS.Core.Live.LiveSessionOutcome> StartAndForgetAsync(GladiaRestClient client)
        {
            var session = GladiaPS.Core.Live.GladiaLiveSession.Start(client, Pcm16k);
            return await session.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        }

        [Fact]
        public async Task Init_Cancellation_SurfacesPromptly()
        {
            var received = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var server = LoopbackHttpServer.Start(c =>
            {
                received.TrySetResult(true);
                return c.StallAsync();
            });
            using var client = new GladiaRestClient(RestTestSettings.For(server.BaseUrl));
            using var cancel = new CancellationTokenSource();

            var call = client.CreateLiveSessionAsync(Pcm16k, cancel.Token);
            Assert.True(await Task.WhenAny(received.Task, Task.Delay(TimeSpan.FromSeconds(30))) == received.Task);
            var watch = Stopwatch.StartNew();
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "cancellation took " + watch.Elapsed);
        }

        [Fact]
        public async Task Init_CancellationDuringBackoff_SurfacesPromptly()
        {
            var backingOff = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var server = LoopbackHttpServer.Start(c => c.RespondJsonAsync(429, "{}", ("Retry-After", "120")));
            var settings = RestTestSettings.For(server.BaseUrl);
            settings.Http.MaxRetryAfter = TimeSpan.FromMinutes(5);
            settings.Log = line =>
            {
                if (line.Contains("retrying in 120 s"))
                {
                    backingOff.TrySetResult(true);
                }
            };
            using var client = new GladiaRestClient(settings);
            using var cancel = new CancellationTokenSource();

            var call = client.CreateLiveSessionAsync(Pcm16k, cancel.Token);
            Assert.True(await Task.WhenAny(backingOff.Task, Task.Delay(TimeSpan.FromSeconds(30))) == backingOff.Task);
            var watch = Stopwatch.StartNew();
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "cancellation took " + watch.Elapsed);
        }
    }
}
