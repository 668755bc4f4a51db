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
    /// <summary>Every field of the live init body the client knows can be set through a parameter, not only through -Option.</summary>
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

        [Theory]
        [InlineData(nameof(NewGladiaLiveSessionCommand.Lipsync))]
        [InlineData(nameof(NewGladiaLiveSessionCommand.TranslationContext))]
        [InlineData(nameof(NewGladiaLiveSessionCommand.Informal))]
        public void TranslationOptions_WithoutTargets_AreRefusedByName(string parameter)
        {
            var cmdlet = new NewGladiaLiveSessionCommand();
            typeof(NewGladiaLiveSessionCommand).GetProperty(parameter)!.SetValue(cmdlet,
                parameter == nameof(cmdlet.TranslationContext) ? "x" : new SwitchParameter(true));

            var error = Assert.Throws<GladiaValidationException>(() => cmdlet.BuildOptions(SessionAudioFormat.Default));
            Assert.Equal(parameter, error.Field);
            Assert.StartsWith("-" + parameter + " needs -TranslateTo", error.Message);
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
