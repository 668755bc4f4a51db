using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GladiaPS.Emulator.Tests.Support;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Emulator.Tests
{
    /// <summary>Each injected fault, set in-process or over the test API.</summary>
    public sealed class FaultTests
    {
        private static readonly ToneAudioFormat Format = ToneAudioFormat.Pcm16();
        private static readonly int Chunk = TestAudio.ChunkOf100Ms(Format);

        [Fact]
        public async Task Ack_delay_holds_each_ack_back()
        {
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { AckDelayMs = 400 });
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));

            var clock = Stopwatch.StartNew();
            await client.SendBinaryAsync(new byte[Chunk]);
            await client.WaitForAckAsync(Chunk);

            Assert.True(clock.ElapsedMilliseconds >= 400, $"ack arrived after {clock.ElapsedMilliseconds} ms");
        }

        [Fact]
        public async Task Stall_keeps_and_acknowledges_nothing_until_it_is_cleared()
        {
            var (_, audio) = TestAudio.Phrase(Format, "kilo lima");
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { Stall = true });
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));
            var session = emulator.FindSession(client.Id)!;

            await client.SendAudioAsync(audio, Chunk);
            await session.WaitUntilAsync(s => s.ReceivedBytes == audio.Length, TestEmulator.Timeout);
            Assert.Equal(0, session.KeptBytes);
            Assert.Empty(client.Acks);

            emulator.Faults.Update(f => f with { Stall = false });
            await client.WaitForAckAsync(audio.Length);
            await client.StopAndWaitForCloseAsync();

            Assert.Equal("kilo lima", client.Transcript());
        }

        [Fact]
        public async Task A_stop_while_stalled_still_processes_what_was_sent()
        {
            var (_, audio) = TestAudio.Phrase(Format, "mike november");
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { Stall = true });
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));

            await client.SendAudioAsync(audio, Chunk);
            var close = await client.StopAndWaitForCloseAsync();

            Assert.Equal(WebSocketCloseStatus.NormalClosure, close);
            Assert.Equal("mike november", client.Transcript());
            Assert.Equal(audio.Length, emulator.FindSession(client.Id)!.KeptBytes);
        }

        [Fact]
        public async Task Slow_reading_limits_the_rate_the_server_takes_audio()
        {
            const int rate = 64_000;
            var audio = new byte[rate * 3 / 2];
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { ReadBytesPerSecond = rate });
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));

            var clock = Stopwatch.StartNew();
            await client.SendAudioAsync(audio, 4000);
            await client.WaitForAckAsync(audio.Length);

            // The last frame is read no sooner than (everything before it) / rate after the first.
            var minimum = (audio.Length - 4000) / (double)rate;
            Assert.True(clock.Elapsed.TotalSeconds >= minimum * 0.95, $"took {clock.Elapsed.TotalSeconds:0.00} s, expected at least {minimum:0.00} s");
        }

        [Theory]
        [InlineData(429, 2, 7)]
        [InlineData(503, 1, 0)]
        public async Task The_first_inits_fail_with_the_chosen_status(int status, int count, int retryAfter)
        {
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { InitFailStatus = status, InitFailCount = count, RetryAfterSeconds = retryAfter });
            using var http = TestEmulator.Http(emulator);

            for (var i = 0; i < count; i++)
            {
                var (failed, body, response) = await TestEmulator.PostInitAsync(http, "{}");
                Assert.Equal(status, failed);
                Assert.Equal(status, (int)body!["statusCode"]!);
                if (status == 429) Assert.Equal(TimeSpan.FromSeconds(retryAfter), response.Headers.RetryAfter?.Delta);
                else Assert.Null(response.Headers.RetryAfter);
            }

            var (succeeded, _, _) = await TestEmulator.PostInitAsync(http, "{}");
            Assert.Equal(201, succeeded);
            Assert.Single(emulator.Sessions);
        }

        [Fact]
        public async Task Sends_a_frame_that_is_not_json_and_a_message_of_unknown_type()
        {
            var (_, audio) = TestAudio.Phrase(Format, "oscar");
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { SendNonJsonFrame = true, SendUnknownMessageType = true });
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));

            await client.SendAudioAsync(audio, Chunk);
            await client.StopAndWaitForCloseAsync();

            Assert.Single(client.NonJsonFrames);
            var unknown = client.OfType("emulator_unknown_event").Single();
            Assert.Equal(client.Id, (string)unknown["session_id"]!);
            var types = TestAudio.Types(client.Messages);
            Assert.True(types.IndexOf("audio_chunk") < types.IndexOf("emulator_unknown_event"));
            Assert.Equal("oscar", client.Transcript());
        }

        [Fact]
        public async Task Close_connections_code_accepts_every_connection_and_closes_it_at_once()
        {
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { CloseConnectionsCode = 1011 });
            using var http = TestEmulator.Http(emulator);
            var (status, body, _) = await TestEmulator.PostInitAsync(http, "{}");
            Assert.Equal(201, status);
            var session = emulator.FindSession((string)body!["id"]!)!;

            for (var attempt = 1; attempt <= 3; attempt++)
            {
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(new Uri((string)body["url"]!), default);
                var result = await socket.ReceiveAsync(new ArraySegment<byte>(new byte[1024]), default);

                Assert.Equal(WebSocketMessageType.Close, result.MessageType);
                Assert.Equal(WebSocketCloseStatus.InternalServerError, result.CloseStatus);
                Assert.Equal("emulated refusal", result.CloseStatusDescription);
                Assert.Equal(attempt, session.RefusedConnections);
            }

            Assert.Equal(0, session.Connections);
            Assert.Equal("processing", session.Status);
        }

        [Fact]
        public async Task Refuse_connections_status_answers_every_upgrade_with_the_status()
        {
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { RefuseConnectionsStatus = 503 });
            using var http = TestEmulator.Http(emulator);
            var (_, body, _) = await TestEmulator.PostInitAsync(http, "{}");
            var session = emulator.FindSession((string)body!["id"]!)!;

            using var socket = new ClientWebSocket();
            var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri((string)body["url"]!), default));

            Assert.Contains("503", refused.Message);
            Assert.Equal(1, session.RefusedConnections);

            // Clearing the fault lets the next connection in.
            emulator.Faults.Update(f => f with { RefuseConnectionsStatus = null });
            using var next = new ClientWebSocket();
            await next.ConnectAsync(new Uri((string)body["url"]!), default);
            Assert.Equal(WebSocketState.Open, next.State);
        }

        [Theory]
        [InlineData("{\"close_connections_code\": 999}", "close_connections_code")]
        [InlineData("{\"refuse_connections_status\": 200}", "refuse_connections_status")]
        public async Task Connection_faults_with_bad_values_are_refused(string json, string field)
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);

            using var response = await http.PutAsync("/emulator/faults", new StringContent(json, Encoding.UTF8, "application/json"));

            Assert.Equal(422, (int)response.StatusCode);
            Assert.Contains(field, await response.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task A_session_ends_by_itself_after_the_maximum_session_time()
        {
            var (_, audio) = TestAudio.Phrase(Format, "papa quebec");
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { MaxSessionSeconds = 2 });
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));

            await client.SendAudioAsync(audio, Chunk);
            await client.WaitForAckAsync(audio.Length);
            await client.WaitForDisconnectAsync();

            Assert.Equal(WebSocketCloseStatus.NormalClosure, client.LastCloseStatus);
            Assert.Empty(client.OfType("stop_recording"));
            Assert.Equal(new[] { "end_recording", "post_transcript", "post_final_transcript", "end_session" },
                TestAudio.Types(client.Messages).Where(t => t is "end_recording" or "post_transcript" or "post_final_transcript" or "end_session"));
            var session = emulator.FindSession(client.Id)!;
            Assert.Equal("SessionLimit", session.EndReason);
            Assert.Equal("done", session.Status);
            Assert.Equal("papa quebec", session.Transcript());
        }

        [Fact]
        public async Task Faults_can_be_read_and_replaced_over_http_with_the_api_key()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            using var anonymous = TestEmulator.Http(emulator, key: null);

            using var body = new StringContent("{\"drop_after_bytes\": 64000, \"drops\": 2, \"drop_close_code\": 4002, \"ack_delay_ms\": 20, \"max_session_seconds\": 30}",
                Encoding.UTF8, "application/json");
            using var put = await http.PutAsync("/emulator/faults", body);
            Assert.Equal(200, (int)put.StatusCode);
            var current = emulator.Faults.Current;
            Assert.Equal(64000, current.DropAfterBytes);
            Assert.Equal(2, current.Drops);
            Assert.Equal(4002, current.DropCloseCode);
            Assert.Equal(20, current.AckDelayMs);
            Assert.Equal(30, current.MaxSessionSeconds);
            Assert.False(current.Stall);

            var read = await TestEmulator.GetJsonAsync(http, "/emulator/faults");
            Assert.Equal(64000, (long)read["drop_after_bytes"]!);
            Assert.Equal(2, (int)read["drops"]!);

            using var denied = await anonymous.GetAsync("/emulator/faults");
            Assert.Equal(401, (int)denied.StatusCode);
            using var unknown = await http.PutAsync("/emulator/faults", new StringContent("{\"explode\": true}", Encoding.UTF8, "application/json"));
            Assert.Equal(400, (int)unknown.StatusCode);
            using var invalid = await http.PutAsync("/emulator/faults", new StringContent("{\"drop_close_code\": 1006}", Encoding.UTF8, "application/json"));
            Assert.Equal(422, (int)invalid.StatusCode);
            Assert.Equal(4002, emulator.Faults.Current.DropCloseCode);
        }

        [Fact]
        public async Task A_fault_set_over_http_applies_to_the_next_connection_and_sessions_are_inspectable()
        {
            var (_, audio) = TestAudio.Phrase(Format, "romeo|sierra");
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            using var put = await http.PutAsync("/emulator/faults",
                new StringContent($"{{\"drop_after_bytes\": {Chunk * 5}, \"drop_close_code\": 4010}}", Encoding.UTF8, "application/json"));
            Assert.Equal(200, (int)put.StatusCode);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));

            await ResumingSender.SendAsync(client, audio, Chunk, resendFromLastAck: true);
            await client.StopAndWaitForCloseAsync();

            var described = await TestEmulator.GetJsonAsync(http, $"/emulator/sessions/{client.Id}");
            Assert.Equal("done", (string)described["status"]!);
            Assert.Equal(audio.Length, (long)described["kept_bytes"]!);
            Assert.Equal(2, (int)described["connections"]!);
            Assert.Equal(1, (int)described["drops"]!);
            Assert.Equal("romeo sierra", (string)described["transcripts"]!["0"]!);
            Assert.Equal(2, described["utterances"]!.AsArray().Count);
            Assert.Equal(16000, (int)described["init_request"]!["sample_rate"]!);
            var list = (JsonArray)JsonNode.Parse(await http.GetStringAsync("/emulator/sessions"))!;
            Assert.Single(list);
            using var missing = await http.GetAsync("/emulator/sessions/nope");
            Assert.Equal(404, (int)missing.StatusCode);
        }
    }
}
