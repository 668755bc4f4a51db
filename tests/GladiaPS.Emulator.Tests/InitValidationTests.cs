using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GladiaPS.Emulator.Tests.Support;
using Xunit;

namespace GladiaPS.Emulator.Tests
{
    /// <summary>POST /v2/live: authentication, the 400/422 validation matrix, and the 201 answer.</summary>
    public sealed class InitValidationTests : IAsyncLifetime
    {
        private GladiaEmulator _emulator = null!;
        private HttpClient _http = null!;

        public async Task InitializeAsync()
        {
            _emulator = await TestEmulator.StartAsync();
            _http = TestEmulator.Http(_emulator);
        }

        public async Task DisposeAsync()
        {
            _http.Dispose();
            await _emulator.DisposeAsync();
        }

        [Theory]
        [InlineData(null)]
        [InlineData("wrong-key")]
        public async Task Missing_or_wrong_key_gets_401_with_the_api_error_body(string? key)
        {
            using var http = TestEmulator.Http(_emulator, key);

            var (status, body, response) = await TestEmulator.PostInitAsync(http, "{}");

            Assert.Equal(401, status);
            AssertErrorBody(body, 401, "/v2/live");
            Assert.DoesNotContain(TestEmulator.ApiKey, body!.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal((string)body["request_id"]!, response.Headers.GetValues("x-aipi-call-id").Single());
            Assert.Empty(_emulator.Sessions);
        }

        [Theory]
        [InlineData("{\"encoding\": \"wav/pcm\",")]
        [InlineData("{encoding: 'wav/pcm'}")]
        [InlineData("not json")]
        [InlineData("[1, 2]")]
        public async Task Malformed_json_gets_400(string body)
        {
            var (status, error, _) = await TestEmulator.PostInitAsync(_http, body);

            Assert.Equal(400, status);
            AssertErrorBody(error, 400, "/v2/live");
        }

        [Theory]
        [InlineData("{\"sample_rate\": 22050}", "sample_rate")]
        [InlineData("{\"sample_rate\": \"16000\"}", "sample_rate must be an integer")]
        [InlineData("{\"bit_depth\": 12}", "bit_depth")]
        [InlineData("{\"bit_depth\": 16.5}", "bit_depth must be an integer")]
        [InlineData("{\"channels\": 0}", "channels must be between 1 and 8")]
        [InlineData("{\"channels\": 9}", "channels must be between 1 and 8")]
        [InlineData("{\"encoding\": \"wav/flac\"}", "encoding")]
        [InlineData("{\"encoding\": 3}", "encoding must be a string")]
        [InlineData("{\"encoding\": \"wav/alaw\", \"bit_depth\": 16}", "bit_depth must be 8 when encoding is wav/alaw")]
        [InlineData("{\"encoding\": \"wav/ulaw\", \"bit_depth\": 24}", "bit_depth must be 8 when encoding is wav/ulaw")]
        [InlineData("{\"endpointing\": 0.001}", "endpointing must be between 0.01 and 10")]
        [InlineData("{\"endpointing\": 11}", "endpointing must be between 0.01 and 10")]
        [InlineData("{\"maximum_duration_without_endpointing\": 4}", "maximum_duration_without_endpointing must be between 5 and 60")]
        [InlineData("{\"maximum_duration_without_endpointing\": 61}", "maximum_duration_without_endpointing must be between 5 and 60")]
        [InlineData("{\"model\": \"solaria-9\"}", "model")]
        [InlineData("{\"custom_metadata\": \"text\"}", "custom_metadata must be an object")]
        [InlineData("{\"language_config\": {\"languages\": [\"xx\"]}}", "language_config.languages[0]")]
        [InlineData("{\"language_config\": {\"languages\": [\"wo\"]}}", "language_config.languages[0]")]
        [InlineData("{\"language_config\": {\"languages\": \"en\"}}", "language_config.languages must be an array")]
        [InlineData("{\"language_config\": {\"code_switching\": \"yes\"}}", "language_config.code_switching must be a boolean")]
        [InlineData("{\"realtime_processing\": {\"translation\": true, \"translation_config\": {\"target_languages\": [\"fr\", \"klingon\"]}}}", "realtime_processing.translation_config.target_languages[1]")]
        [InlineData("{\"realtime_processing\": {\"translation\": true}}", "realtime_processing.translation_config is required")]
        [InlineData("{\"realtime_processing\": {\"custom_vocabulary_config\": {\"vocabulary\": [{\"intensity\": 0.5}]}}}", "realtime_processing.custom_vocabulary_config.vocabulary[0].value is required")]
        [InlineData("{\"realtime_processing\": {\"custom_vocabulary_config\": {\"vocabulary\": [{\"value\": \"x\", \"language\": \"zz\"}]}}}", "realtime_processing.custom_vocabulary_config.vocabulary[0].language")]
        [InlineData("{\"realtime_processing\": {\"custom_spelling_config\": {\"spelling_dictionary\": {\"a\": \"b\"}}}}", "realtime_processing.custom_spelling_config.spelling_dictionary.a must be an array")]
        [InlineData("{\"post_processing\": {\"summarization_config\": {\"type\": \"long\"}}}", "post_processing.summarization_config.type")]
        [InlineData("{\"volume\": 11}", "volume is not an allowed field")]
        [InlineData("{\"messages_config\": {\"receive_everything\": true}}", "messages_config.receive_everything is not an allowed field")]
        [InlineData("{\"pre_processing\": {\"audio_enhancer\": true, \"denoise\": true}}", "pre_processing.denoise is not an allowed field")]
        [InlineData("{\"realtime_processing\": {\"translation_config\": {\"target_languages\": [\"fr\"], \"tone\": \"formal\"}}}", "realtime_processing.translation_config.tone is not an allowed field")]
        [InlineData("{\"realtime_processing\": {\"custom_vocabulary_config\": {\"vocabulary\": [{\"value\": \"x\", \"weight\": 1}]}}}", "realtime_processing.custom_vocabulary_config.vocabulary[0].weight is not an allowed field")]
        [InlineData("{\"post_processing\": {\"summarization_config\": {\"type\": \"general\", \"length\": 3}}}", "post_processing.summarization_config.length is not an allowed field")]
        [InlineData("{\"language_config\": {\"languages\": [\"en\"], \"detect\": true}}", "language_config.detect is not an allowed field")]
        [InlineData("{\"callback_config\": {\"url\": \"http://127.0.0.1:9/x\", \"receive_everything\": true}}", "callback_config.receive_everything is not an allowed field")]
        [InlineData("{\"realtime_processing\": {\"custom_vocabulary_config\": {\"vocabulary\": [\"x\"], \"default_intensity\": \"high\"}}}", "realtime_processing.custom_vocabulary_config.default_intensity must be a number")]
        [InlineData("{\"channels\": 2.5}", "channels must be an integer")]
        [InlineData("{\"encoding\": \"wav/pcm\", \"bit_depth\": 8, \"sample_rate\": 11025}", "sample_rate")]
        [InlineData("{\"callback\": true}", "callback_config.url is required")]
        [InlineData("{\"callback\": true, \"callback_config\": {\"url\": \"https://hooks.example.net/gladia\"}}", "callback_config.url must point at a loopback address")]
        [InlineData("{\"callback_config\": {\"url\": \"ftp://127.0.0.1/x\"}}", "callback_config.url must be an absolute http or https URL")]
        [InlineData("{\"callback_config\": {\"method\": \"PUT\"}}", "callback_config.method is not an allowed field")]
        public async Task Invalid_values_get_422_naming_the_field(string body, string expected)
        {
            var (status, error, _) = await TestEmulator.PostInitAsync(_http, body);

            Assert.Equal(422, status);
            AssertErrorBody(error, 422, "/v2/live");
            Assert.Contains(expected, (string)error!["message"]!, StringComparison.Ordinal);
            Assert.Empty(_emulator.Sessions);
        }

        [Fact]
        public async Task The_reference_example_request_is_accepted_with_a_loopback_callback()
        {
            var body = """
                {
                  "encoding": "wav/pcm", "bit_depth": 16, "sample_rate": 16000, "channels": 1, "model": "solaria-1",
                  "endpointing": 0.3, "maximum_duration_without_endpointing": 20,
                  "custom_metadata": { "meeting": "weekly-sync", "room": 4 },
                  "language_config": { "languages": ["en", "de"], "code_switching": true },
                  "pre_processing": { "audio_enhancer": false, "speech_threshold": 0.7 },
                  "realtime_processing": {
                    "custom_vocabulary": true,
                    "custom_vocabulary_config": {
                      "vocabulary": ["Kubernetes", { "value": "Nguyen", "intensity": 0.6, "pronunciations": ["win"], "language": "en" }],
                      "default_intensity": 0.4
                    },
                    "custom_spelling": true,
                    "custom_spelling_config": { "spelling_dictionary": { "PowerShell": ["power shell", "powershell"] } },
                    "translation": true,
                    "translation_config": { "target_languages": ["fr", "wo"], "model": "base", "match_original_utterances": true },
                    "named_entity_recognition": false, "sentiment_analysis": false
                  },
                  "post_processing": { "summarization": true, "summarization_config": { "type": "bullet_points" } },
                  "messages_config": {
                    "receive_partial_transcripts": true, "receive_final_transcripts": true, "receive_speech_events": false,
                    "receive_pre_processing_events": false, "receive_realtime_processing_events": true,
                    "receive_post_processing_events": true, "receive_acknowledgments": true, "receive_errors": true,
                    "receive_lifecycle_events": true
                  },
                  "callback": true,
                  "callback_config": { "url": "http://127.0.0.1:9/gladia", "receive_final_transcripts": true, "receive_lifecycle_events": true }
                }
                """;

            var (status, created, _) = await TestEmulator.PostInitAsync(_http, body, "/v2/live?region=eu-west");

            Assert.Equal(201, status);
            var id = (string)created!["id"]!;
            Assert.True(Guid.TryParse(id, out _));
            Assert.True(DateTimeOffset.TryParse((string)created["created_at"]!, out _));
            var url = new Uri((string)created["url"]!);
            Assert.Equal("ws", url.Scheme);
            Assert.Equal("127.0.0.1", url.Host);
            Assert.Equal(_emulator.BaseUrl.Port, url.Port);
            Assert.StartsWith("?token=", url.Query, StringComparison.Ordinal);
            Assert.DoesNotContain(id, url.Query, StringComparison.Ordinal);
            var session = _emulator.FindSession(id)!;
            Assert.Equal(body, session.InitRequestJson);
            Assert.Equal("processing", session.Status);
        }

        [Fact]
        public async Task An_empty_body_takes_every_default()
        {
            var (status, created, _) = await TestEmulator.PostInitAsync(_http, string.Empty);

            Assert.Equal(201, status);
            var job = await TestEmulator.GetJsonAsync(_http, $"/v2/live/{created!["id"]}");
            var parameters = job["request_params"]!;
            Assert.Equal("wav/pcm", (string)parameters["encoding"]!);
            Assert.Equal(16, (int)parameters["bit_depth"]!);
            Assert.Equal(16000, (int)parameters["sample_rate"]!);
            Assert.Equal(1, (int)parameters["channels"]!);
            Assert.Equal(0.05, (double)parameters["endpointing"]!);
            Assert.Equal(5, (double)parameters["maximum_duration_without_endpointing"]!);
            Assert.False((bool)parameters["messages_config"]!["receive_partial_transcripts"]!);
            Assert.True((bool)parameters["messages_config"]!["receive_acknowledgments"]!);
        }

        [Fact]
        public async Task Alaw_without_a_bit_depth_means_8_bits()
        {
            var (status, created, _) = await TestEmulator.PostInitAsync(_http, "{\"encoding\":\"wav/alaw\",\"sample_rate\":8000}");

            Assert.Equal(201, status);
            Assert.Equal(8, _emulator.FindSession((string)created!["id"]!)!.Format.BitDepth);
        }

        [Theory]
        [InlineData("mars-north")]
        [InlineData("")]
        public async Task An_unknown_region_gets_422(string region)
        {
            var (status, error, _) = await TestEmulator.PostInitAsync(_http, "{}", "/v2/live?region=" + region);

            Assert.Equal(422, status);
            Assert.Contains("region", (string)error!["message"]!, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Requests_are_recorded_with_their_headers_and_the_key_redacted()
        {
            await TestEmulator.PostInitAsync(_http, "{}");

            var request = _emulator.Requests.Single(r => r.Method == "POST");
            Assert.Equal(EmulatorOrigin.Api, request.Origin);
            Assert.Equal("/v2/live", request.PathAndQuery);
            Assert.Equal("GladiaPS.Emulator.Tests/1.0", request.Header("x-gladia-version"));
            Assert.Equal(RecordedRequest.RedactedValue, request.Header("x-gladia-key"));
        }

        private static void AssertErrorBody(JsonObject? body, int status, string path)
        {
            Assert.NotNull(body);
            Assert.Equal(status, (int)body!["statusCode"]!);
            Assert.Equal(path, (string)body["path"]!);
            Assert.Matches("^G-[0-9a-f]{8}$", (string)body["request_id"]!);
            Assert.True(DateTimeOffset.TryParse((string)body["timestamp"]!, out _));
            Assert.False(string.IsNullOrWhiteSpace((string?)body["message"]));
        }
    }
}
