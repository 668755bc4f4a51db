using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Options;
using Xunit;

namespace GladiaPS.Core.Tests.Options
{
    public class LiveSessionOptionsJsonTests
    {
        // The example request of the protocol reference, §3.8.
        internal const string ReferenceExample = @"{
  ""encoding"": ""wav/pcm"",
  ""bit_depth"": 16,
  ""sample_rate"": 16000,
  ""channels"": 1,
  ""model"": ""solaria-1"",
  ""endpointing"": 0.3,
  ""maximum_duration_without_endpointing"": 20,
  ""custom_metadata"": { ""meeting"": ""weekly-sync"", ""room"": 4 },
  ""language_config"": { ""languages"": [""en"", ""de""], ""code_switching"": true },
  ""pre_processing"": { ""audio_enhancer"": false, ""speech_threshold"": 0.7 },
  ""realtime_processing"": {
    ""custom_vocabulary"": true,
    ""custom_vocabulary_config"": {
      ""vocabulary"": [""Kubernetes"", { ""value"": ""Nguyen"", ""intensity"": 0.6, ""pronunciations"": [""win""], ""language"": ""en"" }],
      ""default_intensity"": 0.4
    },
    ""custom_spelling"": true,
    ""custom_spelling_config"": { ""spelling_dictionary"": { ""PowerShell"": [""power shell"", ""powershell""] } },
    ""translation"": true,
    ""translation_config"": { ""target_languages"": [""fr"", ""wo""], ""model"": ""base"", ""match_original_utterances"": true },
    ""named_entity_recognition"": false,
    ""sentiment_analysis"": false
  },
  ""post_processing"": { ""summarization"": true, ""summarization_config"": { ""type"": ""bullet_points"" } },
  ""messages_config"": {
    ""receive_partial_transcripts"": true,
    ""receive_final_transcripts"": true,
    ""receive_speech_events"": false,
    ""receive_pre_processing_events"": false,
    ""receive_realtime_processing_events"": true,
    ""receive_post_processing_events"": true,
    ""receive_acknowledgments"": true,
    ""receive_errors"": true,
    ""receive_lifecycle_events"": true
  },
  ""callback"": true,
  ""callback_config"": { ""url"": ""https://hooks.example.net/gladia"", ""receive_final_transcripts"": true, ""receive_lifecycle_events"": true }
}";

        private static void AssertSameJson(string expected, string actual) =>
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), "expected:\n" + expected + "\nactual:\n" + actual);

        [Fact]
        public void ReferenceExample_RoundTripsUnchanged()
        {
            var options = LiveSessionOptions.FromJson(ReferenceExample);

            options.Validate();
            AssertSameJson(ReferenceExample, options.ToJson());
            Assert.Null(options.AdditionalFields);
        }

        [Fact]
        public void ReferenceExample_ReadsIntoTypedFields()
        {
            var options = LiveSessionOptions.FromJson(ReferenceExample);

            Assert.Equal(AudioEncoding.Pcm, options.Encoding);
            Assert.Equal(0.3, options.Endpointing);
            Assert.Equal(20, options.MaximumDurationWithoutEndpointing);
            Assert.Equal(new[] { "en", "de" }, options.LanguageConfig!.Languages);
            var vocabulary = options.RealtimeProcessing!.CustomVocabularyConfig!.Vocabulary!;
            Assert.True(vocabulary[0].IsPlainValue);
            Assert.Equal("Kubernetes", vocabulary[0].Value);
            Assert.Equal("Nguyen", vocabulary[1].Value);
            Assert.Equal(0.6, vocabulary[1].Intensity);
            Assert.Equal(new[] { "win" }, vocabulary[1].Pronunciations);
            Assert.Equal(new[] { "power shell", "powershell" }, options.RealtimeProcessing.CustomSpellingConfig!.SpellingDictionary!["PowerShell"]);
            Assert.Equal("bullet_points", options.PostProcessing!.SummarizationConfig!.Type);
            Assert.Equal(new Uri("https://hooks.example.net/gladia"), options.CallbackConfig!.Url);
            Assert.Equal(4, (int)options.CustomMetadata!["room"]!);
        }

        [Fact]
        public void TypedOptions_SerialiseToTheReferenceExample()
        {
            var options = new LiveSessionOptions
            {
                Encoding = AudioEncoding.Pcm,
                BitDepth = 16,
                SampleRate = 16000,
                Channels = 1,
                Model = "solaria-1",
                Endpointing = 0.3,
                MaximumDurationWithoutEndpointing = 20,
                CustomMetadata = new JsonObject { ["meeting"] = "weekly-sync", ["room"] = 4 },
                LanguageConfig = new LanguageConfig { Languages = new[] { "en", "de" }, CodeSwitching = true },
                PreProcessing = new PreProcessingConfig { AudioEnhancer = false, SpeechThreshold = 0.7 },
                RealtimeProcessing = new RealtimeProcessingConfig
                {
                    CustomVocabulary = true,
                    CustomVocabularyConfig = new CustomVocabularyConfig
                    {
                        Vocabulary = new List<CustomVocabularyEntry>
                        {
                            "Kubernetes",
                            new CustomVocabularyEntry("Nguyen") { Intensity = 0.6, Pronunciations = new[] { "win" }, Language = "en" },
                        },
                        DefaultIntensity = 0.4,
                    },
                    CustomSpelling = true,
                    CustomSpellingConfig = new CustomSpellingConfig
                    {
                        SpellingDictionary = new Dictionary<string, IList<string>> { ["PowerShell"] = new[] { "power shell", "powershell" } },
                    },
                    Translation = true,
                    TranslationConfig = new TranslationConfig { TargetLanguages = new[] { "fr", "wo" }, Model = "base", MatchOriginalUtterances = true },
                    NamedEntityRecognition = false,
                    SentimentAnalysis = false,
                },
                PostProcessing = new PostProcessingConfig { Summarization = true, SummarizationConfig = new SummarizationConfig { Type = "bullet_points" } },
                MessagesConfig = new MessagesConfig
                {
                    ReceivePartialTranscripts = true,
                    ReceiveFinalTranscripts = true,
                    ReceiveSpeechEvents = false,
                    ReceivePreProcessingEvents = false,
                    ReceiveRealtimeProcessingEvents = true,
                    ReceivePostProcessingEvents = true,
                    ReceiveAcknowledgments = true,
                    ReceiveErrors = true,
                    ReceiveLifecycleEvents = true,
                },
                Callback = true,
                CallbackConfig = new CallbackConfig { Url = new Uri("https://hooks.example.net/gladia"), ReceiveFinalTranscripts = true, ReceiveLifecycleEvents = true },
            };

            options.Validate();
            AssertSameJson(ReferenceExample, options.ToJson());
        }

        [Fact]
        public void EmptyOptions_SerialiseToAnEmptyObject()
        {
            Assert.Equal("{}", new LiveSessionOptions().ToJson());
            Assert.Equal("{}", new LiveSessionOptions { MessagesConfig = new MessagesConfig() }.ToJsonObject()["messages_config"]!.ToJsonString());
        }

        [Theory]
        [InlineData(AudioEncoding.Pcm, "wav/pcm")]
        [InlineData(AudioEncoding.ALaw, "wav/alaw")]
        [InlineData(AudioEncoding.MuLaw, "wav/ulaw")]
        public void Encoding_UsesWireNames(AudioEncoding encoding, string wire)
        {
            var json = new LiveSessionOptions { Encoding = encoding, BitDepth = 8 }.ToJsonObject();
            Assert.Equal(wire, (string)json["encoding"]!);
            Assert.Equal(encoding, LiveSessionOptions.FromJson("{\"encoding\":\"" + wire + "\"}").Encoding);
        }

        [Fact]
        public void UnknownEncodingInJson_IsAJsonErrorNamingTheField()
        {
            var error = Assert.Throws<JsonException>(() => LiveSessionOptions.FromJson("{\"encoding\":\"mp3\"}"));
            Assert.Contains("encoding", error.Message);
        }

        [Fact]
        public void AdditionalFields_AreMergedAtTopLevel()
        {
            var options = new LiveSessionOptions
            {
                SampleRate = 16000,
                AdditionalFields = new JsonObject { ["diarization"] = true, ["future_config"] = new JsonObject { ["level"] = 2 } },
            };

            options.Validate();
            AssertSameJson("{\"sample_rate\":16000,\"diarization\":true,\"future_config\":{\"level\":2}}", options.ToJson());
        }

        [Fact]
        public void UnknownFieldsInJson_LandInAdditionalFields_AndRoundTrip()
        {
            const string json = "{\"channels\":2,\"new_switch\":\"on\"}";
            var options = LiveSessionOptions.FromJson(json);

            Assert.Equal(2, options.Channels);
            Assert.Equal("on", (string)options.AdditionalFields!["new_switch"]!);
            AssertSameJson(json, options.ToJson());
        }

        private const string UnknownAtEveryDepth = @"{
  ""sample_rate"": 16000,
  ""top_future"": { ""a"": 1 },
  ""language_config"": { ""languages"": [""en""], ""future_list"": [1, 2] },
  ""pre_processing"": { ""audio_enhancer"": true, ""future_field"": { ""level"": ""high"" } },
  ""realtime_processing"": {
    ""custom_vocabulary"": true,
    ""custom_vocabulary_config"": {
      ""vocabulary"": [""plain"", { ""value"": ""Gladia"", ""intensity"": 0.5, ""future_entry"": true }],
      ""future_config"": ""y""
    },
    ""translation"": true,
    ""translation_config"": { ""target_languages"": [""fr""], ""future_translation"": 3 }
  },
  ""post_processing"": { ""summarization"": true, ""summarization_config"": { ""type"": ""general"", ""future_summary"": ""z"" } },
  ""messages_config"": { ""receive_final_transcripts"": true, ""receive_future_events"": true },
  ""callback"": true,
  ""callback_config"": { ""url"": ""https://example.com/hook"", ""future_callback"": 1 }
}";

        [Fact]
        public void UnknownFieldsAtEveryDepth_SurviveFromJson_AndClone()
        {
            var expected = JsonNode.Parse(UnknownAtEveryDepth);

            var read = LiveSessionOptions.FromJson(UnknownAtEveryDepth);
            var copy = read.Clone();

            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(read.ToJson())), read.ToJson());
            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(copy.ToJson())), copy.ToJson());
            Assert.Equal("high", (string)read.PreProcessing!.AdditionalFields!["future_field"]!["level"]!);
            Assert.True((bool)read.RealtimeProcessing!.CustomVocabularyConfig!.Vocabulary![1].AdditionalFields!["future_entry"]!);
        }

        [Fact]
        public void NestedAdditionalFields_AreCopiedDeeply_ByClone()
        {
            var options = LiveSessionOptions.FromJson(UnknownAtEveryDepth);
            var copy = options.Clone();

            copy.PreProcessing!.AdditionalFields!["future_field"]!["level"] = "low";
            copy.RealtimeProcessing!.CustomVocabularyConfig!.Vocabulary![1].AdditionalFields!["future_entry"] = false;

            Assert.Equal("high", (string)options.PreProcessing!.AdditionalFields!["future_field"]!["level"]!);
            Assert.True((bool)options.RealtimeProcessing!.CustomVocabularyConfig!.Vocabulary![1].AdditionalFields!["future_entry"]!);
        }

        [Fact]
        public void NestedAdditionalField_ClashingWithATypedField_IsRejectedWithItsPath()
        {
            var options = new LiveSessionOptions
            {
                PreProcessing = new PreProcessingConfig { AudioEnhancer = true, AdditionalFields = new JsonObject { ["audio_enhancer"] = false } },
            };

            var error = Assert.Throws<GladiaValidationException>(options.Validate);
            Assert.Equal("pre_processing.audio_enhancer", error.Field);
            Assert.Equal("pre_processing.audio_enhancer", Assert.Throws<GladiaValidationException>(() => options.ToJson()).Field);
        }

        [Fact]
        public void AdditionalField_ClashingWithTypedField_IsRejectedByName()
        {
            var options = new LiveSessionOptions { AdditionalFields = new JsonObject { ["sample_rate"] = 24000 } };

            var error = Assert.Throws<GladiaValidationException>(options.Validate);
            Assert.Equal("sample_rate", error.Field);
            Assert.Equal("sample_rate: given both as a typed option and in AdditionalFields; set it through the typed option only.", error.Message);
            Assert.Equal("sample_rate", Assert.Throws<GladiaValidationException>(() => options.ToJson()).Field);
        }

        [Fact]
        public void EveryTypedField_IsReservedAgainstAdditionalFields()
        {
            var expected = new[]
            {
                "encoding", "bit_depth", "sample_rate", "channels", "custom_metadata", "model", "endpointing",
                "maximum_duration_without_endpointing", "language_config", "pre_processing", "realtime_processing",
                "post_processing", "messages_config", "callback", "callback_config",
            };
            Assert.Equal(new SortedSet<string>(expected), new SortedSet<string>(LiveSessionOptionsValidator.TypedFields));
        }

        [Fact]
        public void Clone_IsDeep()
        {
            var options = LiveSessionOptions.FromJson(ReferenceExample);
            var copy = options.Clone();

            copy.MessagesConfig!.ReceiveAcknowledgments = false;
            copy.CustomMetadata!["room"] = 5;

            Assert.True(options.MessagesConfig!.ReceiveAcknowledgments);
            Assert.Equal(4, (int)options.CustomMetadata!["room"]!);
        }

        [Fact]
        public void BytesPerSecond_UsesServerDefaultsForUnsetFields()
        {
            Assert.Equal(32000, new LiveSessionOptions().BytesPerSecond);
            Assert.Equal(48000 * 3 * 2, new LiveSessionOptions { SampleRate = 48000, BitDepth = 24, Channels = 2 }.BytesPerSecond);
            Assert.Equal(8000, new LiveSessionOptions { Encoding = AudioEncoding.MuLaw, BitDepth = 8, SampleRate = 8000 }.BytesPerSecond);
        }

        [Fact]
        public void KnownValues_MatchTheReferenceLists()
        {
            Assert.Equal(99, GladiaKnownValues.Languages.Count);
            Assert.Equal(100, GladiaKnownValues.TranslationLanguages.Count);
            Assert.Contains("haw", GladiaKnownValues.Languages);
            Assert.DoesNotContain("wo", GladiaKnownValues.Languages);
            Assert.Contains("wo", GladiaKnownValues.TranslationLanguages);
            Assert.Equal(new[] { "eu-west", "us-west" }, GladiaKnownValues.Regions);
            Assert.Equal(new[] { "wav/pcm", "wav/alaw", "wav/ulaw" }, GladiaKnownValues.Encodings);
            Assert.Contains("solaria-1", GladiaKnownValues.Models);
        }
    }
}
