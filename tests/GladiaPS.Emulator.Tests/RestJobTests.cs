using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GladiaPS.Emulator.Tests.Support;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Emulator.Tests
{
    /// <summary>GET /v2/live/{id}, GET /v2/live (filters, pagination), DELETE, and the audio file with its redirect.</summary>
    public sealed class RestJobTests
    {
        private static readonly ToneAudioFormat Format = ToneAudioFormat.Pcm16(8000);

        [Fact]
        public async Task Get_returns_the_typed_job_once_done()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var (_, audio) = TestAudio.Phrase(Format, "uniform victor");
            var init = TestAudio.Init(Format);
            init["custom_metadata"] = new JsonObject { ["team"] = "ops" };
            await using var client = await LiveTestClient.CreateAsync(http, init);
            await client.SendAudioAsync(audio, 1600);
            await client.StopAndWaitForCloseAsync();

            var job = await TestEmulator.GetJsonAsync(http, $"/v2/live/{client.Id}");

            Assert.Equal(client.Id, (string)job["id"]!);
            Assert.Equal(2, (int)job["version"]!);
            Assert.Equal("ops", (string)job["custom_metadata"]!["team"]!);
            Assert.Null(job["error_code"]);
            Assert.Null(job["request_params"]!["custom_metadata"]);
            Assert.Equal(1, (int)job["file"]!["number_of_channels"]!);
            var result = job["result"]!;
            var duration = audio.Length / (double)Format.ByteRate;
            Assert.Equal(duration, (double)result["metadata"]!["audio_duration"]!, 3);
            Assert.Equal(duration, (double)result["metadata"]!["billing_time"]!, 3);
            Assert.Equal(1, (int)result["metadata"]!["number_of_distinct_channels"]!);
            Assert.Equal(new[] { "en" }, result["transcription"]!["languages"]!.AsArray().Select(l => (string)l!));
            var utterance = result["transcription"]!["utterances"]![0]!;
            Assert.Equal("uniform victor", (string)utterance["text"]!);
            Assert.Equal(2, utterance["words"]!.AsArray().Count);
            var messages = result["messages"]!.AsArray().Select(m => (string)JsonNode.Parse((string)m!)!["type"]!).ToList();
            Assert.Contains("transcript", messages);
            Assert.Contains("end_session", messages);
            Assert.DoesNotContain("audio_chunk", messages);
        }

        [Fact]
        public async Task Billing_time_is_the_audio_duration_times_the_channels()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var format = ToneAudioFormat.MuLaw(8000, channels: 3);
            var (_, audio) = TestAudio.Phrase(format, "alpha", "bravo", "charlie");
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(format));
            await client.SendAudioAsync(audio, 2400);
            await client.StopAndWaitForCloseAsync();

            var job = await TestEmulator.GetJsonAsync(http, $"/v2/live/{client.Id}");

            var duration = audio.Length / (double)format.ByteRate;
            var metadata = job["result"]!["metadata"]!;
            Assert.Equal(duration, (double)metadata["audio_duration"]!, 3);
            Assert.Equal(3, (int)metadata["number_of_distinct_channels"]!);
            Assert.Equal(3 * duration, (double)metadata["billing_time"]!, 3);
            Assert.Equal(3, (int)job["file"]!["number_of_channels"]!);
            Assert.Equal(duration, (double)job["file"]!["audio_duration"]!, 3);
            Assert.Equal("wav/ulaw", (string)job["request_params"]!["encoding"]!);
            Assert.Equal(8, (int)job["request_params"]!["bit_depth"]!);
            Assert.Equal(3, (int)job["request_params"]!["channels"]!);
            Assert.Equal(new[] { 0, 1, 2 }, job["result"]!["transcription"]!["utterances"]!.AsArray().Select(u => (int)u!["channel"]!).OrderBy(c => c));
        }

        [Fact]
        public async Task Get_of_an_unknown_id_is_404_with_the_error_body()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);

            var error = await TestEmulator.GetJsonAsync(http, "/v2/live/00000000-0000-0000-0000-000000000000", 404);

            Assert.Equal(404, (int)error["statusCode"]!);
            Assert.StartsWith("G-", (string)error["request_id"]!, StringComparison.Ordinal);
        }

        [Fact]
        public async Task List_filters_and_pages_with_first_current_and_next()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            for (var i = 0; i < 5; i++)
            {
                var body = new JsonObject { ["custom_metadata"] = new JsonObject { ["team"] = i % 2 == 0 ? "ops" : "dev", ["n"] = i } };
                await LiveTestClient.CreateAsync(http, body, connect: false);
            }

            var done = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));
            await using (done)
            {
                await done.StopAndWaitForCloseAsync();
            }

            var first = await TestEmulator.GetJsonAsync(http, "/v2/live?offset=0&limit=2&status=processing&custom_metadata%5Bteam%5D=ops");
            var baseUrl = $"http://127.0.0.1:{emulator.BaseUrl.Port}/v2/live";
            Assert.Equal($"{baseUrl}?offset=0&limit=2&status=processing&custom_metadata%5Bteam%5D=ops", (string)first["first"]!);
            Assert.Equal((string)first["first"]!, (string)first["current"]!);
            Assert.Equal($"{baseUrl}?offset=2&limit=2&status=processing&custom_metadata%5Bteam%5D=ops", (string)first["next"]!);
            Assert.Equal(2, first["items"]!.AsArray().Count);

            var second = await TestEmulator.GetJsonAsync(http, (string)first["next"]!);
            Assert.Null(second["next"]);
            var ids = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(j => (int)j!["custom_metadata"]!["n"]!).ToList();
            Assert.Equal(new[] { 4, 2, 0 }, ids);

            var doneOnly = await TestEmulator.GetJsonAsync(http, "/v2/live?status=done");
            Assert.Equal(done.Id, (string)doneOnly["items"]![0]!["id"]!);
            Assert.Single(doneOnly["items"]!.AsArray());
            Assert.Contains("limit=20", (string)doneOnly["current"]!, StringComparison.Ordinal);

            var all = await TestEmulator.GetJsonAsync(http, "/v2/live?status=done&status=processing");
            Assert.Equal(6, all["items"]!.AsArray().Count);
            var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd");
            Assert.Equal(6, (await TestEmulator.GetJsonAsync(http, $"/v2/live?date={today}"))["items"]!.AsArray().Count);
            Assert.Empty((await TestEmulator.GetJsonAsync(http, "/v2/live?before_date=2020-01-01"))["items"]!.AsArray());
            Assert.Equal(6, (await TestEmulator.GetJsonAsync(http, "/v2/live?after_date=2020-01-01T00:00:00Z"))["items"]!.AsArray().Count);
            await TestEmulator.GetJsonAsync(http, "/v2/live?limit=0", 400);
            await TestEmulator.GetJsonAsync(http, "/v2/live?status=finished", 400);
        }

        [Fact]
        public async Task Unknown_routes_get_404_with_the_error_body_and_the_request_log_is_readable_over_http()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);

            var error = await TestEmulator.GetJsonAsync(http, "/v2/nothing-here", 404);
            Assert.Equal("/v2/nothing-here", (string)error["path"]!);

            var log = (JsonArray)JsonNode.Parse(await http.GetStringAsync("/emulator/requests"))!;
            var first = log[0]!;
            Assert.Equal("api", (string)first["origin"]!);
            Assert.Equal("/v2/nothing-here", (string)first["path_and_query"]!);
            Assert.Equal(RecordedRequest.RedactedValue, (string)first["headers"]!["x-gladia-key"]!);
            Assert.DoesNotContain(TestEmulator.ApiKey, log.ToJsonString(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Delete_answers_202_and_the_job_is_gone()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format), connect: false);

            using var deleted = await http.DeleteAsync($"/v2/live/{client.Id}");
            Assert.Equal(202, (int)deleted.StatusCode);

            await TestEmulator.GetJsonAsync(http, $"/v2/live/{client.Id}", 404);
            using var again = await http.DeleteAsync($"/v2/live/{client.Id}");
            Assert.Equal(404, (int)again.StatusCode);
            Assert.Null(emulator.FindSession(client.Id));
            await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => client.ConnectAsync());
        }

        [Fact]
        public async Task Delete_of_a_streaming_session_closes_its_socket_with_1000_and_ends_the_session()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var (_, audio) = TestAudio.Phrase(Format, "alpha bravo");
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));
            await client.SendAudioAsync(audio.AsMemory(0, 3200), 1600);
            await client.WaitForAckAsync(3200);
            var session = emulator.FindSession(client.Id)!;

            using var deleted = await http.DeleteAsync($"/v2/live/{client.Id}");
            Assert.Equal(202, (int)deleted.StatusCode);

            // A close frame with 1000 (finished on purpose: do not reconnect), not a reset.
            await client.WaitForDisconnectAsync();
            Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, client.LastCloseStatus);
            Assert.True(client.LastCloseWasClean);
            await session.Completion.WaitAsync(TestEmulator.Timeout);
            await session.WaitUntilAsync(s => s.Connections == 1 && s.Drops == 0, TestEmulator.Timeout);
            await TestEmulator.GetJsonAsync(http, $"/v2/live/{client.Id}", 404);
            using (var file = await http.GetAsync($"/v2/live/{client.Id}/file"))
            {
                Assert.Equal(404, (int)file.StatusCode);
            }

            Assert.DoesNotContain(client.Id, await http.GetStringAsync("/v2/live"), StringComparison.Ordinal);
            await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => client.ConnectAsync());
        }

        [Fact]
        public async Task File_is_a_wav_of_exactly_the_kept_audio()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var (_, audio) = TestAudio.Phrase(Format, "whiskey");
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));
            using (var none = await http.GetAsync($"/v2/live/{client.Id}/file"))
            {
                Assert.Equal(404, (int)none.StatusCode);
            }

            await client.SendAudioAsync(audio, 1600);
            await client.StopAndWaitForCloseAsync();

            using var response = await http.GetAsync($"/v2/live/{client.Id}/file");
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
            var wav = await response.Content.ReadAsByteArrayAsync();
            var content = ToneWavReader.Read(wav);
            Assert.Equal(Format, content.Format);
            Assert.Equal(audio, content.Data);
        }

        [Fact]
        public async Task File_redirects_to_the_storage_origin_which_needs_no_key()
        {
            await using var emulator = await TestEmulator.StartAsync(redirectFileDownloads: true);
            using var http = TestEmulator.Http(emulator);
            var (_, audio) = TestAudio.Phrase(Format, "xray");
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));
            await client.SendAudioAsync(audio, 1600);
            await client.StopAndWaitForCloseAsync();

            using var redirect = await http.GetAsync($"/v2/live/{client.Id}/file");
            Assert.Equal(302, (int)redirect.StatusCode);
            var location = redirect.Headers.Location!;
            Assert.Equal(emulator.StorageBaseUrl.Port, location.Port);
            Assert.NotEqual(emulator.BaseUrl.Port, location.Port);
            Assert.Contains("X-Signature=", location.Query, StringComparison.Ordinal);

            using var storage = new HttpClient();
            var wav = await storage.GetByteArrayAsync(location);
            Assert.Equal(audio, ToneWavReader.Read(wav).Data);
            var storageRequest = emulator.Requests.Single(r => r.Origin == EmulatorOrigin.Storage);
            Assert.False(storageRequest.HasHeader("x-gladia-key"));

            // A client that wrongly forwards the key is seen doing so; a tampered signature is refused.
            using var leaky = new HttpRequestMessage(HttpMethod.Get, location);
            leaky.Headers.Add("x-gladia-key", TestEmulator.ApiKey);
            using (var leaked = await storage.SendAsync(leaky))
            {
                Assert.Equal(200, (int)leaked.StatusCode);
            }

            Assert.Contains(emulator.Requests, r => r.Origin == EmulatorOrigin.Storage && r.HasHeader("x-gladia-key"));
            using var tampered = await storage.GetAsync(location.ToString().Replace("X-Signature=", "X-Signature=0", StringComparison.Ordinal));
            Assert.Equal(403, (int)tampered.StatusCode);
        }
    }
}
