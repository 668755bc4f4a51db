using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GladiaPS.Commands;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Options;
using Xunit;

namespace GladiaPS.Tests.Infrastructure
{
    /// <summary>Every field of the live init body and of the pre-recorded job body the client knows can be set through a parameter, not only through -Option.</summary>
    public class InitFieldCoverageTests
    {
        [Fact]
        public void EveryTypedInitField_IsReachableThroughAParameter()
        {
            var on = new SwitchParameter(true);
            var cmdlet = new NewGladiaLiveSessionCommand
            {
                Model = "solaria-1", Language = new[] { "en", "fr" }, CodeSwitching = on, Endpointing = 0.3, MaximumDurationWithoutEndpointing = 20,
                AudioEnhancer = on, SpeechThreshold = 0.5,
                CustomVocabulary = new object[] { new Hashtable { ["Value"] = "Gladia", ["Intensity"] = 0.5, ["Pronunciations"] = new[] { "gladya" }, ["Language"] = "en" } },
                CustomVocabularyIntensity = 0.4, CustomSpelling = new Hashtable { ["Gladia"] = "gladya" },
                TranslateTo = new[] { "fr" }, TranslationModel = "base", MatchOriginalUtterances = on, Lipsync = on, ContextAdaptation = on,
                TranslationContext = "a support call", Informal = on,
                NamedEntityRecognition = on, SentimentAnalysis = on, SummaryType = "concise", Chapterize = on,
                PartialTranscripts = on, SpeechEvents = on, LifecycleEvents = on, ReceiveAcknowledgments = on, ReceiveEvents = new[] { "final", "post" },
                CallbackUrl = new Uri("https://hooks.example.net/x"),
                CallbackConfig = new Hashtable(typeof(CallbackConfig).GetProperties().Where(p => p.PropertyType == typeof(bool?)).ToDictionary(p => (object)p.Name, p => (object)true)),
                CustomMetadata = new Hashtable { ["k"] = "v" },
            };

            var body = JsonNode.Parse(cmdlet.BuildOptions(SessionAudioFormat.Default).ToJson())!.AsObject();

            var sent = new HashSet<string>(Leaves(body, string.Empty), StringComparer.Ordinal);
            var expected = Fields(typeof(LiveSessionOptions), string.Empty).ToList();
            Assert.Contains("realtime_processing.translation_config.lipsync", expected);
            Assert.Contains("messages_config.receive_pre_processing_events", expected);
            Assert.Contains("realtime_processing.custom_vocabulary_config.vocabulary[].pronunciations", expected);
            Assert.True(expected.Count > 50, expected.Count + " fields");
            var missing = expected.Where(f => !sent.Contains(f)).ToList();
            Assert.True(missing.Count == 0, "no parameter sets: " + string.Join(", ", missing));
            Assert.Equal(false, (bool?)body["messages_config"]!["receive_errors"]);
            Assert.Equal(true, (bool?)body["messages_config"]!["receive_post_processing_events"]);
            Assert.Equal("a support call", (string?)body["realtime_processing"]!["translation_config"]!["context"]);
        }

        [Fact]
        public void EveryTypedPreRecordedField_IsReachableThroughAParameter()
        {
            var on = new SwitchParameter(true);
            var cmdlet = new InvokeGladiaTranscriptionCommand
            {
                Model = "solaria-1", Language = new[] { "en", "fr" }, CodeSwitching = on,
                CustomVocabulary = new object[] { new Hashtable { ["Value"] = "Gladia", ["Intensity"] = 0.5, ["Pronunciations"] = new[] { "gladya" }, ["Language"] = "en" } },
                CustomVocabularyIntensity = 0.4, CustomSpelling = new Hashtable { ["Gladia"] = "gladya" },
                TranslateTo = new[] { "fr" }, TranslationModel = "base", MatchOriginalUtterances = on, Lipsync = on, ContextAdaptation = on,
                TranslationContext = "a support call", Informal = on,
                NamedEntityRecognition = on, SentimentAnalysis = on, SummaryType = "concise", Chapterize = on,
                Speakers = 2, MinSpeakers = 1, MaxSpeakers = 3,
                SubtitleFormat = new[] { "srt", "vtt" }, SubtitleMinimumDuration = 1, SubtitleMaximumDuration = 6, SubtitleMaximumCharactersPerRow = 40,
                SubtitleMaximumRowsPerCaption = 2, SubtitleStyle = "compliance",
                PiiEntityType = new[] { "GDPR" }, PiiProcessedTextType = "MASK", Sentences = on, PunctuationEnhanced = on,
                AudioToLlm = new[] { "Summarise the call." }, AudioToLlmModel = "some-llm",
                CallbackUrl = new Uri("https://hooks.example.net/x"), CallbackConfig = new Hashtable { ["Method"] = "PUT" },
                CustomMetadata = new Hashtable { ["k"] = "v" },
            };

            var body = JsonNode.Parse(cmdlet.BuildOptions().ToJson())!.AsObject();

            var sent = new HashSet<string>(Leaves(body, string.Empty), StringComparer.Ordinal);
            // The audio's URL is each input's own (the upload's, or -Url), not an option.
            var expected = Fields(typeof(PreRecordedOptions), string.Empty).Where(f => f != "audio_url").ToList();
            Assert.Contains("translation_config.lipsync", expected);
            Assert.Contains("subtitles_config.style", expected);
            Assert.Contains("audio_to_llm_config.model", expected);
            Assert.Contains("callback_config.method", expected);
            Assert.True(expected.Count > 40, expected.Count + " fields");
            var missing = expected.Where(f => !sent.Contains(f)).ToList();
            Assert.True(missing.Count == 0, "no parameter sets: " + string.Join(", ", missing));
            Assert.Equal("PUT", (string?)body["callback_config"]!["method"]);
            Assert.Equal("a support call", (string?)body["translation_config"]!["context"]);
            Assert.Equal(true, (bool?)body["subtitles"]);
            Assert.Equal(true, (bool?)body["diarization"]);
        }

        [Fact]
        public void SharedOptions_AreDeclaredOnce_ForLiveAndPreRecorded()
        {
            // A parameter both kinds take comes from one declaration, so both map it the same way.
            var live = typeof(NewGladiaLiveSessionCommand).GetProperties().Where(p => p.GetCustomAttributes<ParameterAttribute>().Any()).ToDictionary(p => p.Name);
            var shared = typeof(InvokeGladiaTranscriptionCommand).GetProperties()
                .Where(p => p.GetCustomAttributes<ParameterAttribute>().Any() && live.ContainsKey(p.Name) && p.Name is not "ApiKey" and not "Region")
                .ToList();
            Assert.Contains(shared, p => p.Name == nameof(InvokeGladiaTranscriptionCommand.Lipsync));
            Assert.True(shared.Count >= 20, shared.Count + " shared parameters");
            Assert.All(shared, p => Assert.Equal(typeof(GladiaPS.Infrastructure.TranscriptionOptionsCmdletBase), p.DeclaringType));
            Assert.All(shared, p => Assert.Equal(p.DeclaringType, live[p.Name].DeclaringType));
        }

        [Theory]
        [InlineData(nameof(NewGladiaLiveSessionCommand.Lipsync))]
        [InlineData(nameof(NewGladiaLiveSessionCommand.TranslationContext))]
        [InlineData(nameof(NewGladiaLiveSessionCommand.Informal))]
        public void TranslationOptions_WithoutTargets_AreRefusedByName(string parameter)
        {
            var live = new NewGladiaLiveSessionCommand();
            var preRecorded = new InvokeGladiaTranscriptionCommand();
            foreach (var cmdlet in new object[] { live, preRecorded })
            {
                cmdlet.GetType().GetProperty(parameter)!.SetValue(cmdlet, parameter == nameof(live.TranslationContext) ? "x" : new SwitchParameter(true));
            }

            foreach (var build in new Action[] { () => live.BuildOptions(SessionAudioFormat.Default), () => preRecorded.BuildOptions() })
            {
                var error = Assert.Throws<GladiaValidationException>(build);
                Assert.Equal(parameter, error.Field);
                Assert.StartsWith("-" + parameter + " needs -TranslateTo", error.Message);
            }
        }

        [Theory]
        [InlineData("SubtitleMinimumDuration", 45.0, "-SubtitleMinimumDuration: subtitles_config.minimum_duration: 45 is out of range")]
        [InlineData("SubtitleMaximumRowsPerCaption", 0, "-SubtitleMaximumRowsPerCaption: subtitles_config.maximum_rows_per_caption: 0 is too small")]
        [InlineData("SubtitleStyle", " ", "-SubtitleStyle: subtitles_config.style: an empty subtitle style is not allowed")]
        [InlineData("PiiProcessedTextType", "", "-PiiProcessedTextType: pii_redaction_config.processed_text_type: an empty redaction style is not allowed")]
        public void PreRecordedOnlyOptions_OutOfRange_NameTheParameter(string parameter, object value, string message)
        {
            var cmdlet = new InvokeGladiaTranscriptionCommand();
            typeof(InvokeGladiaTranscriptionCommand).GetProperty(parameter)!.SetValue(cmdlet, value);

            var error = Assert.Throws<GladiaValidationException>(() => cmdlet.BuildOptions());

            Assert.Equal(parameter, error.Field);
            Assert.StartsWith(message, error.Message);
        }

        [Theory]
        [InlineData("SubtitleFormat", "ass", "subtitles_config.formats[0]")]
        [InlineData("SubtitleStyle", "karaoke", "subtitles_config.style")]
        [InlineData("SummaryType", "haiku", "summarization_config.type")]
        [InlineData("Model", "solaria-9", "model")]
        [InlineData("Language", "xx", "language_config.languages[0]")]
        [InlineData("PiiProcessedTextType", "BLUR", "pii_redaction_config.processed_text_type")]
        public void PreRecordedValuesThisVersionDoesNotKnow_AreSent_AndTheirNoticeNamesTheParameter(string parameter, string value, string field)
        {
            var cmdlet = new InvokeGladiaTranscriptionCommand();
            var property = typeof(InvokeGladiaTranscriptionCommand).GetProperty(parameter)!;
            property.SetValue(cmdlet, property.PropertyType == typeof(string[]) ? new[] { value } : value);

            var options = cmdlet.BuildOptions();
            var unknown = Assert.Single(options.FindUnknownValues());

            Assert.Equal(field, unknown.Field);
            Assert.Contains(value, options.ToJson());
            Assert.Equal("-" + parameter + ": '" + value + "' is not a value this version knows; sent as given.",
                GladiaPS.Infrastructure.UnknownValueWarnings.Text(unknown, InvokeGladiaTranscriptionCommand.ParameterFor(unknown.Field)));
        }

        [Fact]
        public void AudioToLlmModel_WithoutPrompts_IsRefusedByName()
        {
            var error = Assert.Throws<GladiaValidationException>(() => new InvokeGladiaTranscriptionCommand { AudioToLlmModel = "m" }.BuildOptions());

            Assert.Equal("AudioToLlmModel", error.Field);
        }

        // The wire paths of a typed options class, down to its leaves; a list of objects counts as its item type.
        private static IEnumerable<string> Fields(Type type, string path)
        {
            if (type == typeof(CustomVocabularyEntry))
            {
                return new[] { "value", "intensity", "pronunciations", "language" }.Select(f => path + "[]." + f);
            }

            return type.GetProperties(BindingFlags.Public | BindingFlags.Instance).SelectMany(p =>
            {
                var name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
                if (name is null)
                {
                    return Enumerable.Empty<string>();
                }

                var here = path.Length == 0 ? name : path + "." + name;
                var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
                var item = t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t) ? t.GetGenericArguments().Last() : null;
                if (item == typeof(CustomVocabularyEntry))
                {
                    return Fields(item, here);
                }

                return t.Namespace == typeof(LiveSessionOptions).Namespace && t.IsClass && !t.IsEnum && item is null ? Fields(t, here) : new[] { here };
            });
        }

        private static IEnumerable<string> Leaves(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject obj when path.EndsWith("spelling_dictionary", StringComparison.Ordinal) || path == "custom_metadata":
                    return new[] { path };
                case JsonObject obj:
                    return obj.SelectMany(p => Leaves(p.Value, path.Length == 0 ? p.Key : path + "." + p.Key).Append(path.Length == 0 ? p.Key : path + "." + p.Key));
                case JsonArray array when array.Count > 0 && array[0] is JsonObject:
                    return array.SelectMany(i => Leaves(i, path + "[]")).Append(path);
                default:
                    return new[] { path };
            }
        }
    }
}
