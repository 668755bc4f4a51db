using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GladiaPS.Emulator.Tests.Support;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Emulator.Tests
{
    /// <summary>
    /// The envelope of every server message (session_id, created_at, acknowledged/error/data where Gladia's docs put
    /// them) and the gating of each message type by exactly its own <c>messages_config</c> flag.
    /// </summary>
    public sealed class MessageShapeTests
    {
        private static readonly ToneAudioFormat Format = ToneAudioFormat.Pcm16(8000);

        private static readonly string[] Flags =
        {
            "receive_partial_transcripts", "receive_final_transcripts", "receive_speech_events",
            "receive_pre_processing_events", "receive_realtime_processing_events", "receive_post_processing_events",
            "receive_acknowledgments", "receive_errors", "receive_lifecycle_events",
        };

        private static readonly HashSet<string> Acks = new() { "audio_chunk", "stop_recording" };
        private static readonly HashSet<string> AddOns = new() { "translation", "named_entity_recognition", "sentiment_analysis", "post_summarization" };
        private static readonly HashSet<string> WithoutData = new() { "start_session", "start_recording", "end_session" };

        [Fact]
        public async Task Every_message_carries_the_envelope_fields_the_reference_gives_its_type()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var (_, audio) = TestAudio.Phrase(Format, "alpha one|bravo");
            var init = WithAddOns(TestAudio.Init(Format, partials: true));
            await using var client = await LiveTestClient.CreateAsync(http, init);

            await client.SendAudioAsync(audio, 1600);
            await client.StopAndWaitForCloseAsync();

            var types = TestAudio.Types(client.Messages).ToHashSet();
            Assert.Superset(new HashSet<string>
            {
                "audio_chunk", "stop_recording", "start_session", "start_recording", "end_recording", "end_session",
                "speech_start", "speech_end", "transcript", "translation", "named_entity_recognition", "sentiment_analysis",
                "post_transcript", "post_summarization", "post_final_transcript",
            }, types);
            foreach (var message in client.Messages)
            {
                var type = (string)message["type"]!;
                Assert.Equal(client.Id, (string)message["session_id"]!);
                var createdAt = (string)message["created_at"]!;
                Assert.True(DateTimeOffset.TryParseExact(createdAt, new[] { "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mm:ssK" },
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed), $"{type}: created_at '{createdAt}' is not ISO 8601");
                Assert.EndsWith("Z", createdAt, StringComparison.Ordinal);
                Assert.InRange(parsed, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

                Assert.Equal(Acks.Contains(type), message.ContainsKey("acknowledged"));
                Assert.Equal(Acks.Contains(type) || AddOns.Contains(type), message.ContainsKey("error"));
                if (message.ContainsKey("error")) Assert.Null(message["error"]);
                if (Acks.Contains(type)) Assert.True((bool)message["acknowledged"]!);
                Assert.Equal(!WithoutData.Contains(type), message.ContainsKey("data"));
                if (message.ContainsKey("data")) Assert.IsType<JsonObject>(message["data"]);
            }
        }

        public static IEnumerable<object[]> OneFlagEach() => Flags.Select(f => new object[] { f });

        [Theory]
        [MemberData(nameof(OneFlagEach))]
        public async Task Each_flag_alone_lets_through_exactly_its_own_messages(string flag)
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var (_, audio) = TestAudio.Phrase(Format, "charlie two");
            var init = WithAddOns(TestAudio.Init(Format));
            var messagesConfig = new JsonObject();
            foreach (var name in Flags) messagesConfig[name] = name == flag;
            init["messages_config"] = messagesConfig;
            await using var client = await LiveTestClient.CreateAsync(http, init);

            await client.SendAudioAsync(audio, 1600);
            await client.StopAndWaitForCloseAsync();

            var expected = flag switch
            {
                "receive_partial_transcripts" => new[] { "transcript" },
                "receive_final_transcripts" => new[] { "transcript" },
                "receive_speech_events" => new[] { "speech_start", "speech_end" },
                "receive_realtime_processing_events" => new[] { "translation", "named_entity_recognition", "sentiment_analysis" },
                "receive_post_processing_events" => new[] { "post_transcript", "post_summarization", "post_final_transcript" },
                "receive_acknowledgments" => new[] { "audio_chunk", "stop_recording" },
                "receive_lifecycle_events" => new[] { "start_session", "start_recording", "end_recording", "end_session" },
                _ => Array.Empty<string>(),
            };
            Assert.Equal(expected.OrderBy(t => t, StringComparer.Ordinal),
                TestAudio.Types(client.Messages).Distinct().OrderBy(t => t, StringComparer.Ordinal));
            var transcripts = client.OfType("transcript").Select(m => (bool)m["data"]!["is_final"]!).Distinct().ToArray();
            if (flag == "receive_partial_transcripts") Assert.Equal(new[] { false }, transcripts);
            if (flag == "receive_final_transcripts") Assert.Equal(new[] { true }, transcripts);
        }

        private static JsonObject WithAddOns(JsonObject init)
        {
            init["realtime_processing"] = new JsonObject
            {
                ["translation"] = true,
                ["translation_config"] = new JsonObject { ["target_languages"] = new JsonArray("wo") },
                ["named_entity_recognition"] = true,
                ["sentiment_analysis"] = true,
            };
            init["post_processing"] = new JsonObject { ["summarization"] = true };
            return init;
        }
    }
}
