using System.Linq;
using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using GladiaPS.Core.Options;
using Xunit;

namespace GladiaPS.Core.Tests.PreRecorded
{
    public class PreRecordedOptionsTests
    {
        [Fact]
        public void ToJson_WritesEveryTypedFieldInSnakeCase_AndLeavesUnsetOnesOut()
        {
            var options = new PreRecordedOptions
            {
                AudioUrl = new Uri("https://api.gladia.io/file/abc"),
                Model = "solaria-1",
                LanguageConfig = new LanguageConfig { Languages = new List<string> { "en" } },
                Diarization = true,
                DiarizationConfig = new DiarizationConfig { MinSpeakers = 2, MaxSpeakers = 3 },
                Subtitles = true,
                SubtitlesConfig = new SubtitlesConfig { Formats = new List<string> { "srt", "vtt" } },
                PiiRedaction = true,
                PiiRedactionConfig = new PiiRedactionConfig { EntityTypes = new List<string> { "GDPR" }, ProcessedTextType = "MARKER" },
                Sentences = true,
                AudioToLlm = true,
                AudioToLlmConfig = new AudioToLlmConfig { Prompts = new List<string> { "Summarise" } },
                Callback = true,
                CallbackConfig = new JobCallbackConfig { Url = new Uri("https://example.test/cb"), Method = "PUT" },
                CustomMetadata = new JsonObject { ["team"] = "ops" },
            };

            var json = JsonNode.Parse(options.ToJson())!.AsObject();

            Assert.Equal("https://api.gladia.io/file/abc", (string?)json["audio_url"]);
            Assert.Equal("solaria-1", (string?)json["model"]);
            Assert.Equal("en", (string?)json["language_config"]!["languages"]![0]);
            Assert.True((bool)json["diarization"]!);
            Assert.Equal(2, (int)json["diarization_config"]!["min_speakers"]!);
            Assert.Equal(3, (int)json["diarization_config"]!["max_speakers"]!);
            Assert.False(json["diarization_config"]!.AsObject().ContainsKey("number_of_speakers"));
            Assert.Equal("vtt", (string?)json["subtitles_config"]!["formats"]![1]);
            Assert.Equal("MARKER", (string?)json["pii_redaction_config"]!["processed_text_type"]);
            Assert.Equal("Summarise", (string?)json["audio_to_llm_config"]!["prompts"]![0]);
            Assert.Equal("PUT", (string?)json["callback_config"]!["method"]);
            Assert.Equal("ops", (string?)json["custom_metadata"]!["team"]);
            Assert.False(json.ContainsKey("translation"));
            Assert.False(json.ContainsKey("summarization_config"));
        }

        [Fact]
        public void FromJson_KeepsUnknownFieldsAtEveryDepth_AndWritesThemBack()
        {
            const string body = "{\"audio_url\":\"https://x.test/a.wav\",\"diarization\":true,\"diarization_config\":{\"min_speakers\":1,\"enhanced\":true},\"moderation\":true}";

            var options = PreRecordedOptions.FromJson(body);
            var copy = options.Clone();

            Assert.True((bool)options.AdditionalFields!["moderation"]!);
            Assert.True((bool)options.DiarizationConfig!.AdditionalFields!["enhanced"]!);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(copy.ToJson())));
        }

        [Theory]
        [InlineData("diarization_config.min_speakers")]
        [InlineData("diarization_config.max_speakers")]
        [InlineData("subtitles_config.formats[0]")]
        [InlineData("audio_to_llm_config.prompts")]
        [InlineData("callback_config.url")]
        [InlineData("pii_redaction_config.processed_text_type")]
        [InlineData("language_config.languages[0]")]
        [InlineData("translation_config")]
        [InlineData("audio_url")]
        [InlineData("model")]
        public void Validate_NamesTheWireField_OfEachMistake(string field)
        {
            var options = field switch
            {
                "diarization_config.min_speakers" => new PreRecordedOptions { DiarizationConfig = new DiarizationConfig { MinSpeakers = 4, MaxSpeakers = 2 } },
                "diarization_config.max_speakers" => new PreRecordedOptions { DiarizationConfig = new DiarizationConfig { MaxSpeakers = 0 } },
                "subtitles_config.formats[0]" => new PreRecordedOptions { SubtitlesConfig = new SubtitlesConfig { Formats = new List<string> { " " } } },
                "audio_to_llm_config.prompts" => new PreRecordedOptions { AudioToLlm = true },
                "callback_config.url" => new PreRecordedOptions { Callback = true },
                "pii_redaction_config.processed_text_type" => new PreRecordedOptions { PiiRedactionConfig = new PiiRedactionConfig { ProcessedTextType = "" } },
                "language_config.languages[0]" => new PreRecordedOptions { LanguageConfig = new LanguageConfig { Languages = new List<string> { "EN" } } },
                "translation_config" => new PreRecordedOptions { Translation = true },
                "audio_url" => new PreRecordedOptions { AudioUrl = new Uri("file:///etc/passwd") },
                _ => new PreRecordedOptions { Model = " " },
            };

            var error = Assert.Throws<GladiaValidationException>(options.Validate);

            Assert.Equal(field, error.Field);
            Assert.StartsWith(field + ":", error.Message);
        }

        [Theory]
        [InlineData("solaria-1")]
        [InlineData("solaria-3")]
        [InlineData("solaria-fusion")]
        public void TheModelsTheSdkTypesForPreRecorded_AreKnown(string model)
        {
            Assert.Empty(new PreRecordedOptions { Model = model }.FindUnknownValues());
        }

        [Fact]
        public void ValuesThisVersionDoesNotKnow_PassValidation_AndAreEachNamedByTheirWireField()
        {
            var options = new PreRecordedOptions
            {
                Model = "solaria-9",
                LanguageConfig = new LanguageConfig { Languages = new List<string> { "en", "xx" } },
                CustomVocabularyConfig = new CustomVocabularyConfig { Vocabulary = new List<CustomVocabularyEntry> { new CustomVocabularyEntry("Gladia") { Language = "yy" } } },
                CustomVocabulary = true,
                Translation = true,
                TranslationConfig = new TranslationConfig { TargetLanguages = new List<string> { "zz" }, Model = "turbo" },
                SummarizationConfig = new SummarizationConfig { Type = "haiku" },
                SubtitlesConfig = new SubtitlesConfig { Formats = new List<string> { "srt", "ass" }, Style = "karaoke" },
                PiiRedactionConfig = new PiiRedactionConfig { EntityTypes = new List<string> { "GDPR", "SHOE_SIZE" }, ProcessedTextType = "BLUR" },
                Callback = true,
                CallbackConfig = new JobCallbackConfig { Url = new Uri("https://hooks.example.net/x"), Method = "PATCH" },
            };

            options.Validate();
            var unknown = options.FindUnknownValues().Select(v => v.ToString()).ToArray();

            Assert.Equal(new[]
            {
                "model: 'solaria-9' is not a value this version knows; sent as given.",
                "language_config.languages[1]: 'xx' is not a value this version knows; sent as given.",
                "custom_vocabulary_config.vocabulary[0].language: 'yy' is not a value this version knows; sent as given.",
                "translation_config.target_languages[0]: 'zz' is not a value this version knows; sent as given.",
                "translation_config.model: 'turbo' is not a value this version knows; sent as given.",
                "summarization_config.type: 'haiku' is not a value this version knows; sent as given.",
                "subtitles_config.formats[1]: 'ass' is not a value this version knows; sent as given.",
                "subtitles_config.style: 'karaoke' is not a value this version knows; sent as given.",
                "pii_redaction_config.entity_types[1]: 'SHOE_SIZE' is not a value this version knows; sent as given.",
                "pii_redaction_config.processed_text_type: 'BLUR' is not a value this version knows; sent as given.",
                "callback_config.method: 'PATCH' is not a value this version knows; sent as given.",
            }, unknown);
            Assert.Empty(new PreRecordedOptions
            {
                Model = "solaria-1",
                SummarizationConfig = new SummarizationConfig { Type = "concise" },
                SubtitlesConfig = new SubtitlesConfig { Formats = new List<string> { "srt", "vtt" }, Style = "compliance" },
                PiiRedactionConfig = new PiiRedactionConfig { EntityTypes = new List<string> { "GDPR", "PHONE_NUMBER" }, ProcessedTextType = "MASK" },
            }.FindUnknownValues());
        }

        [Theory]
        [InlineData("summarization_config.type")]
        [InlineData("subtitles_config.style")]
        [InlineData("callback_config.method")]
        public void EmptyValueOfAListedField_IsRefused(string field)
        {
            var options = field switch
            {
                "summarization_config.type" => new PreRecordedOptions { SummarizationConfig = new SummarizationConfig { Type = " " } },
                "subtitles_config.style" => new PreRecordedOptions { SubtitlesConfig = new SubtitlesConfig { Style = "" } },
                _ => new PreRecordedOptions { CallbackConfig = new JobCallbackConfig { Url = new Uri("https://hooks.example.net/x"), Method = " " } },
            };

            var error = Assert.Throws<GladiaValidationException>(options.Validate);

            Assert.Equal(field, error.Field);
            Assert.Contains("an empty", error.Message);
        }

        [Fact]
        public void AdditionalField_ThatIsAlsoTyped_IsRefused()
        {
            var options = new PreRecordedOptions { Diarization = true, AdditionalFields = new JsonObject { ["diarization"] = false } };

            var error = Assert.Throws<GladiaValidationException>(() => options.ToJson());

            Assert.Equal("diarization", error.Field);
        }

        [Fact]
        public void ToString_NamesTheFeatures_NeverTheUrlOrMetadata()
        {
            var options = new PreRecordedOptions
            {
                AudioUrl = new Uri("https://bucket.test/a.wav?sig=SECRET"),
                Diarization = true,
                CustomMetadata = new JsonObject { ["who"] = "alice" },
            };

            Assert.Equal("default model, diarization", options.ToString());
        }
    }
}
