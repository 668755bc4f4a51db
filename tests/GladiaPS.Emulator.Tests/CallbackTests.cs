using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GladiaPS.Emulator.Tests.Support;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Emulator.Tests
{
    /// <summary>Callbacks: the selected messages POSTed as {id, event: "live.&lt;type&gt;", payload}, in order.</summary>
    public sealed class CallbackTests
    {
        private static readonly ToneAudioFormat Format = ToneAudioFormat.Pcm16();

        [Fact]
        public async Task Posts_the_selected_messages_in_order_including_after_a_client_close_1000()
        {
            await using var receiver = await CallbackReceiver.StartAsync();
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var (_, audio) = TestAudio.Phrase(Format, "alpha bravo|charlie");
            var init = TestAudio.Init(Format, lifecycle: false);
            init["callback"] = true;
            init["callback_config"] = new JsonObject
            {
                ["url"] = receiver.Url.ToString(),
                ["receive_final_transcripts"] = true,
                ["receive_lifecycle_events"] = true,
                ["receive_post_processing_events"] = true,
                ["receive_acknowledgments"] = false,
                ["receive_speech_events"] = false,
            };
            await using var client = await LiveTestClient.CreateAsync(http, init);

            await client.SendAudioAsync(audio, TestAudio.ChunkOf100Ms(Format));
            await client.WaitForAckAsync(audio.Length);
            await client.CloseAsync();
            await receiver.WaitForEventAsync("live.end_session");

            Assert.Equal(new[]
            {
                "live.start_session", "live.start_recording", "live.transcript", "live.transcript", "live.end_recording",
                "live.post_transcript", "live.post_final_transcript", "live.end_session",
            }, receiver.Events);
            Assert.All(receiver.Received, r =>
            {
                Assert.Equal("POST", r.Method);
                Assert.Equal(client.Id, (string)r.Body["id"]!);
                Assert.Equal((string)r.Body["event"]!, "live." + (string)r.Body["payload"]!["type"]!);
                Assert.Equal(client.Id, (string)r.Body["payload"]!["session_id"]!);
            });
            var transcripts = receiver.Received.Where(r => (string)r.Body["event"]! == "live.transcript")
                .Select(r => (string)r.Body["payload"]!["data"]!["utterance"]!["text"]!);
            Assert.Equal(new[] { "alpha bravo", "charlie" }, transcripts);

            // The socket got its own selection: no lifecycle messages, and nothing after the client's close.
            Assert.Empty(client.OfType("start_session"));
            Assert.Empty(client.OfType("end_session"));
            await emulator.FindSession(client.Id)!.WaitUntilAsync(s => s.CallbacksDelivered == 8, TestEmulator.Timeout);
            Assert.Equal(0, emulator.FindSession(client.Id)!.CallbacksFailed);
        }

        [Fact]
        public async Task Without_callback_true_nothing_is_posted()
        {
            await using var receiver = await CallbackReceiver.StartAsync();
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var init = TestAudio.Init(Format);
            init["callback_config"] = new JsonObject { ["url"] = receiver.Url.ToString(), ["receive_lifecycle_events"] = true };
            await using var client = await LiveTestClient.CreateAsync(http, init);

            await client.SendAudioAsync(new byte[3200], 3200);
            await client.StopAndWaitForCloseAsync();

            Assert.Empty(receiver.Received);
            Assert.Equal(0, emulator.FindSession(client.Id)!.CallbacksDelivered);
        }

        [Fact]
        public async Task Realtime_add_ons_and_summary_are_deterministic_on_socket_and_callback()
        {
            await using var receiver = await CallbackReceiver.StartAsync();
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var (_, audio) = TestAudio.Phrase(Format, "delta two|echo");
            var init = TestAudio.Init(Format);
            init["realtime_processing"] = new JsonObject
            {
                ["translation"] = true,
                ["translation_config"] = new JsonObject { ["target_languages"] = new JsonArray("fr", "wo") },
                ["named_entity_recognition"] = true,
                ["sentiment_analysis"] = true,
            };
            init["post_processing"] = new JsonObject { ["summarization"] = true, ["summarization_config"] = new JsonObject { ["type"] = "bullet_points" } };
            init["callback"] = true;
            init["callback_config"] = new JsonObject
            {
                ["url"] = receiver.Url.ToString(),
                ["receive_realtime_processing_events"] = true,
                ["receive_final_transcripts"] = false,
                ["receive_acknowledgments"] = false,
                ["receive_speech_events"] = false,
                ["receive_post_processing_events"] = true,
            };
            await using var client = await LiveTestClient.CreateAsync(http, init);

            await client.SendAudioAsync(audio, 3200);
            await client.StopAndWaitForCloseAsync();

            var translations = client.OfType("translation").Select(m => m["data"]!).ToList();
            Assert.Equal(4, translations.Count);
            Assert.Equal("delta_fr two_fr", (string)translations[0]["translated_utterance"]!["text"]!);
            Assert.Equal("wo", (string)translations[1]["target_language"]!);
            Assert.Equal("delta_wo two_wo", (string)translations[1]["translated_utterance"]!["text"]!);
            Assert.Equal((string)client.FinalTranscripts.First()["data"]!["id"]!, (string)translations[0]["utterance_id"]!);

            var entities = client.OfType("named_entity_recognition").First()["data"]!["results"]!.AsArray();
            Assert.Equal(new[] { "phonetic_letter", "cardinal" }, entities.Select(e => (string)e!["entity_type"]!));
            var sentiment = client.OfType("sentiment_analysis").First()["data"]!["results"]![0]!;
            Assert.Equal("neutral", (string)sentiment["sentiment"]!);
            Assert.Equal("delta two", (string)sentiment["text"]!);

            var summary = client.OfType("post_summarization").Single();
            Assert.Equal("- delta two\n- echo", (string)summary["data"]!["results"]!);
            var types = TestAudio.Types(client.Messages);
            Assert.True(types.IndexOf("post_transcript") < types.IndexOf("post_summarization"));
            Assert.True(types.IndexOf("post_summarization") < types.IndexOf("post_final_transcript"));
            var final = client.OfType("post_final_transcript").Single()["data"]!;
            Assert.Equal("- delta two\n- echo", (string)final["summarization"]!["results"]!);
            Assert.Equal(2, final["translation"]!["results"]!.AsArray().Count);
            Assert.Equal("echo_fr", (string)final["translation"]!["results"]![0]!["utterances"]![1]!["text"]!);

            await receiver.WaitForEventAsync("live.post_final_transcript");
            var perUtterance = new[] { "live.translation", "live.translation", "live.named_entity_recognition", "live.sentiment_analysis" };
            Assert.Equal(perUtterance.Concat(perUtterance).Concat(new[] { "live.post_transcript", "live.post_summarization", "live.post_final_transcript" }),
                receiver.Events);
            await emulator.FindSession(client.Id)!.WaitUntilAsync(s => s.CallbacksDelivered == 11, TestEmulator.Timeout);
        }
    }
}
