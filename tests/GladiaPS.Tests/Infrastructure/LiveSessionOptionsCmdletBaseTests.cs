using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using GladiaPS.Commands;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Options;
using GladiaPS.Infrastructure;
using Xunit;
using AudioEncoding = GladiaPS.Core.Audio.AudioEncoding;

namespace GladiaPS.Tests.Infrastructure
{
    /// <summary>The init options as New-GladiaLiveSession and Send-GladiaAudio build them, through a cmdlet object made without a runspace.</summary>
    public class LiveSessionOptionsCmdletBaseTests
    {
        private static JsonObject InitBody(NewGladiaLiveSessionCommand cmdlet, SessionAudioFormat? chosen = null)
        {
            var format = cmdlet.ResolveFormat(chosen);
            return JsonNode.Parse(cmdlet.BuildOptions(format).ToJson())!.AsObject();
        }

        private static JsonNode? At(JsonObject body, string path)
        {
            JsonNode? node = body;
            foreach (var part in path.Split('.'))
            {
                node = node is JsonObject o && o.TryGetPropertyValue(part, out var next) ? next : null;
                if (node is null)
                {
                    return null;
                }
            }

            return node;
        }

        private static bool Has(JsonObject body, string path)
        {
            var parts = path.Split('.');
            JsonNode? node = body;
            foreach (var part in parts)
            {
                if (node is not JsonObject o || !o.TryGetPropertyValue(part, out var next))
                {
                    return false;
                }

                node = next;
            }

            return true;
        }

        // ---- ResolveFormat ----

        [Fact]
        public void ResolveFormat_WithNothingGiven_IsTheChosenFormat_OrTheApiDefault()
        {
            var chosen = new SessionAudioFormat(AudioEncoding.Pcm, 24, 48000, 2);

            Assert.Equal(chosen, new NewGladiaLiveSessionCommand().ResolveFormat(chosen));
            Assert.Equal(SessionAudioFormat.Default, new NewGladiaLiveSessionCommand().ResolveFormat(null));
            Assert.False(new NewGladiaLiveSessionCommand().HasFormatParameters);
            Assert.True(new NewGladiaLiveSessionCommand { Channels = 2 }.HasFormatParameters);
        }

        [Theory]
        [InlineData("wav/ulaw", AudioEncoding.MuLaw)]
        [InlineData(" WAV/ALAW ", AudioEncoding.ALaw)]
        public void ResolveFormat_G711Encoding_Implies8Bits_AndKeepsRateAndChannels(string encoding, AudioEncoding expected)
        {
            var chosen = new SessionAudioFormat(AudioEncoding.Pcm, 16, 44100, 2);

            var format = new NewGladiaLiveSessionCommand { Encoding = encoding }.ResolveFormat(chosen);

            Assert.Equal(new SessionAudioFormat(expected, 8, 44100, 2), format);
        }

        [Fact]
        public void ResolveFormat_BackToPcm_From8BitG711_Means16Bits()
        {
            var chosen = new SessionAudioFormat(AudioEncoding.MuLaw, 8, 8000, 1);

            var format = new NewGladiaLiveSessionCommand { Encoding = "wav/pcm" }.ResolveFormat(chosen);

            Assert.Equal(new SessionAudioFormat(AudioEncoding.Pcm, 16, 8000, 1), format);
        }

        [Fact]
        public void ResolveFormat_EachParameter_OverridesTheChosenFormat()
        {
            var chosen = new SessionAudioFormat(AudioEncoding.Pcm, 16, 16000, 1);

            var format = new NewGladiaLiveSessionCommand { BitDepth = 32, SampleRate = 48000, Channels = 3 }.ResolveFormat(chosen);

            Assert.Equal(new SessionAudioFormat(AudioEncoding.Pcm, 32, 48000, 3), format);
        }

        [Theory]
        [InlineData(null, null, 4000, null, "SampleRate", "-SampleRate 4000")]
        [InlineData(null, 12, null, null, "BitDepth", "-BitDepth 12")]
        [InlineData("wav/ulaw", 16, null, null, "BitDepth", "-BitDepth 16")]
        [InlineData(null, null, null, 9, "Channels", "-Channels 9")]
        [InlineData(null, null, null, 0, "Channels", "-Channels 0")]
        [InlineData("mp3", null, null, null, "Encoding", "-Encoding 'mp3'")]
        public void ResolveFormat_BadValue_NamesTheParameter(string? encoding, int? bitDepth, int? sampleRate, int? channels, string parameter, string messageStart)
        {
            var cmdlet = new NewGladiaLiveSessionCommand { Encoding = encoding, BitDepth = bitDepth, SampleRate = sampleRate, Channels = channels };

            var error = Assert.Throws<GladiaValidationException>(() => cmdlet.ResolveFormat(null));

            Assert.Equal(parameter, error.Field);
            Assert.StartsWith(messageStart, error.Message);
            Assert.DoesNotContain("(Parameter", error.Message);
        }

        // ---- BuildOptions ----

        [Fact]
        public void NothingGiven_SendsTheFormatOnly()
        {
            var body = InitBody(new NewGladiaLiveSessionCommand());

            Assert.Equal("wav/pcm", (string?)body["encoding"]);
            Assert.Equal(16, (int?)body["bit_depth"]);
            Assert.Equal(16000, (int?)body["sample_rate"]);
            Assert.Equal(1, (int?)body["channels"]);
            foreach (var absent in new[] { "model", "endpointing", "language_config", "pre_processing", "realtime_processing", "post_processing", "callback", "callback_config", "custom_metadata" })
            {
                Assert.False(Has(body, absent), absent + " should not be sent: " + body.ToJsonString());
            }

            Assert.True(At(body, "messages_config") is null || At(body, "messages_config")!.AsObject().Count == 0, body.ToJsonString());
        }

        [Fact]
        public void LanguageAndCodeSwitching_MapToLanguageConfig()
        {
            var body = InitBody(new NewGladiaLiveSessionCommand { Language = new[] { " en", "fr " }, CodeSwitching = new SwitchParameter(true) });

            Assert.Equal(new[] { "en", "fr" }, At(body, "language_config.languages")!.AsArray().Select(n => (string?)n));
            Assert.True((bool?)At(body, "language_config.code_switching"));
        }

        [Fact]
        public void SwitchSetToFalse_SendsFalse_WhileAnUnsetSwitchSendsNothing()
        {
            var off = InitBody(new NewGladiaLiveSessionCommand
            {
                CodeSwitching = new SwitchParameter(false),
                Summarize = new SwitchParameter(false),
                PartialTranscripts = new SwitchParameter(false),
                AudioEnhancer = new SwitchParameter(false),
                SentimentAnalysis = new SwitchParameter(false),
            });
            var unset = InitBody(new NewGladiaLiveSessionCommand());

            Assert.False((bool?)At(off, "language_config.code_switching"));
            Assert.False(Has(off, "language_config.languages"));
            Assert.False((bool?)At(off, "post_processing.summarization"));
            Assert.False((bool?)At(off, "messages_config.receive_partial_transcripts"));
            Assert.False((bool?)At(off, "pre_processing.audio_enhancer"));
            Assert.False((bool?)At(off, "realtime_processing.sentiment_analysis"));
            Assert.False(Has(unset, "language_config"));
            Assert.False(Has(unset, "post_processing"));
            Assert.False(Has(unset, "messages_config.receive_partial_transcripts"));
            Assert.False(Has(unset, "pre_processing"));
            Assert.False(Has(unset, "realtime_processing"));
        }

        [Fact]
        public void SwitchProperty_ReadsBackAsGiven()
        {
            var cmdlet = new NewGladiaLiveSessionCommand { Summarize = new SwitchParameter(true), Chapterize = new SwitchParameter(false) };

            Assert.True(cmdlet.Summarize.IsPresent);
            Assert.False(cmdlet.Chapterize.IsPresent);
        }

        [Fact]
        public void TranslateTo_MapsToTranslationConfig_WithItsModel()
        {
            var body = InitBody(new NewGladiaLiveSessionCommand { TranslateTo = new[] { "fr", "de" }, TranslationModel = "enhanced" });

            Assert.True((bool?)At(body, "realtime_processing.translation"));
            Assert.Equal(new[] { "fr", "de" }, At(body, "realtime_processing.translation_config.target_languages")!.AsArray().Select(n => (string?)n));
            Assert.Equal("enhanced", (string?)At(body, "realtime_processing.translation_config.model"));
        }

        [Fact]
        public void TranslationModel_WithoutTranslateTo_NamesBoth()
        {
            var error = Assert.Throws<GladiaValidationException>(() => InitBody(new NewGladiaLiveSessionCommand { TranslationModel = "base" }));

            Assert.Equal("TranslationModel", error.Field);
            Assert.Contains("-TranslateTo", error.Message);
        }

        [Fact]
        public void Summarize_AndSummaryType_MapToPostProcessing_SummaryTypeImpliesSummarize()
        {
            var summarize = InitBody(new NewGladiaLiveSessionCommand { Summarize = new SwitchParameter(true), Chapterize = new SwitchParameter(true) });
            var typed = InitBody(new NewGladiaLiveSessionCommand { SummaryType = "bullet_points" });

            Assert.True((bool?)At(summarize, "post_processing.summarization"));
            Assert.True((bool?)At(summarize, "post_processing.chapterization"));
            Assert.False(Has(summarize, "post_processing.summarization_config"));
            Assert.True((bool?)At(typed, "post_processing.summarization"));
            Assert.Equal("bullet_points", (string?)At(typed, "post_processing.summarization_config.type"));
        }

        [Fact]
        public void UnknownValues_AreSentAndNamedByTheirParameter()
        {
            var cmdlet = new NewGladiaLiveSessionCommand
            {
                SummaryType = "haiku", Language = new[] { "en", "zz" }, TranslateTo = new[] { "xx-not" }, Model = "solaria-9", TranslationModel = "turbo",
                Option = new System.Collections.Hashtable { ["post_processing"] = new System.Collections.Hashtable { ["summarization_config"] = new System.Collections.Hashtable { ["type"] = "limerick" } } },
            };
            var options = cmdlet.BuildOptions(SessionAudioFormat.Default);

            Assert.Equal("limerick", options.PostProcessing!.SummarizationConfig!.Type);
            Assert.Equal(new[] { "en", "zz" }, options.LanguageConfig!.Languages);
            var warnings = options.FindUnknownValues().Select(v => UnknownValueWarnings.Text(v, LiveSessionOptionsCmdletBase.ParameterFor(v.Field))).ToArray();
            Assert.Equal(
                new[]
                {
                    "-Model: 'solaria-9' is not a value this version knows; sent as given.",
                    "-Language: 'zz' is not a value this version knows; sent as given.",
                    "-TranslateTo: 'xx-not' is not a value this version knows; sent as given.",
                    "-TranslationModel: 'turbo' is not a value this version knows; sent as given.",
                    "-SummaryType: 'limerick' is not a value this version knows; sent as given.",
                },
                warnings);
        }

        [Fact]
        public void CustomVocabulary_TakesStringsAndHashtables_WithPropertyOrWireNames()
        {
            var body = InitBody(new NewGladiaLiveSessionCommand
            {
                CustomVocabulary = new object[]
                {
                    "Gladia",
                    new PSObject("wrapped"),
                    new Hashtable { ["Value"] = "Solaria", ["Intensity"] = 0.8, ["Pronunciations"] = new object[] { "so laria", "solar ya" }, ["language"] = "en" },
                },
                CustomVocabularyIntensity = 0.4,
            });

            Assert.True((bool?)At(body, "realtime_processing.custom_vocabulary"));
            Assert.Equal(0.4, (double?)At(body, "realtime_processing.custom_vocabulary_config.default_intensity"));
            var vocabulary = At(body, "realtime_processing.custom_vocabulary_config.vocabulary")!.AsArray();
            Assert.Equal(3, vocabulary.Count);
            Assert.Equal("Gladia", (string?)vocabulary[0]);
            Assert.Equal("wrapped", (string?)vocabulary[1]);
            var entry = vocabulary[2]!.AsObject();
            Assert.Equal("Solaria", (string?)entry["value"]);
            Assert.Equal(0.8, (double?)entry["intensity"]);
            Assert.Equal(new[] { "so laria", "solar ya" }, entry["pronunciations"]!.AsArray().Select(n => (string?)n));
            Assert.Equal("en", (string?)entry["language"]);
        }

        [Fact]
        public void CustomVocabulary_ItemOfTheWrongType_NamesTheParameterAndTheItem()
        {
            var error = Assert.Throws<GladiaValidationException>(() => InitBody(new NewGladiaLiveSessionCommand { CustomVocabulary = new object[] { "ok", 42 } }));

            Assert.Equal("CustomVocabulary", error.Field);
            Assert.Contains("item 1", error.Message);
            Assert.Contains("Int32", error.Message);
        }

        [Fact]
        public void CustomVocabularyIntensity_WithoutWords_IsRefused()
        {
            var error = Assert.Throws<GladiaValidationException>(() => InitBody(new NewGladiaLiveSessionCommand { CustomVocabularyIntensity = 0.5 }));

            Assert.Equal("CustomVocabularyIntensity", error.Field);
        }

        [Fact]
        public void CustomSpelling_MapsEachSpellingToItsHeardForms()
        {
            var body = InitBody(new NewGladiaLiveSessionCommand
            {
                CustomSpelling = new Hashtable { ["Gladia"] = new object[] { "gladya", "gladiah" }, ["SQL"] = "sequel" },
            });

            Assert.True((bool?)At(body, "realtime_processing.custom_spelling"));
            var dictionary = At(body, "realtime_processing.custom_spelling_config.spelling_dictionary")!.AsObject();
            Assert.Equal(new[] { "gladya", "gladiah" }, dictionary["Gladia"]!.AsArray().Select(n => (string?)n));
            Assert.Equal(new[] { "sequel" }, dictionary["SQL"]!.AsArray().Select(n => (string?)n));
        }

        [Fact]
        public void CallbackUrl_TurnsCallbacksOn_WithTheUrl()
        {
            var body = InitBody(new NewGladiaLiveSessionCommand { CallbackUrl = new Uri("http://127.0.0.1:9/hook") });

            Assert.True((bool?)body["callback"]);
            Assert.Equal("http://127.0.0.1:9/hook", (string?)At(body, "callback_config.url"));
        }

        [Fact]
        public void CallbackConfig_TakesWireOrPropertyNames()
        {
            var body = InitBody(new NewGladiaLiveSessionCommand
            {
                CallbackUrl = new Uri("http://127.0.0.1:9/hook"),
                CallbackConfig = new Hashtable { ["receive_partial_transcripts"] = true, ["ReceiveSpeechEvents"] = false, ["receive-errors"] = "true" },
            });

            Assert.True((bool?)body["callback"]);
            Assert.Equal("http://127.0.0.1:9/hook", (string?)At(body, "callback_config.url"));
            Assert.True((bool?)At(body, "callback_config.receive_partial_transcripts"));
            Assert.False((bool?)At(body, "callback_config.receive_speech_events"));
            Assert.True((bool?)At(body, "callback_config.receive_errors"));
        }

        [Fact]
        public void CallbackConfig_UrlInTheHashtable_IsUsed()
        {
            var body = InitBody(new NewGladiaLiveSessionCommand { CallbackConfig = new Hashtable { ["url"] = "http://127.0.0.1:9/other" } });

            Assert.True((bool?)body["callback"]);
            Assert.Equal("http://127.0.0.1:9/other", (string?)At(body, "callback_config.url"));
        }

        [Fact]
        public void CallbackConfig_UnknownKey_NamesTheParameterAndTheKey()
        {
            var error = Assert.Throws<GladiaValidationException>(() => InitBody(new NewGladiaLiveSessionCommand
            {
                CallbackUrl = new Uri("http://127.0.0.1:9/hook"),
                CallbackConfig = new Hashtable { ["receive_everything"] = true },
            }));

            Assert.Equal("CallbackConfig", error.Field);
            Assert.Contains("-CallbackConfig", error.Message);
            Assert.Contains("receive_everything", error.Message);
        }

        [Fact]
        public void CallbackConfig_ValueOfTheWrongType_NamesTheKey()
        {
            var error = Assert.Throws<GladiaValidationException>(() => InitBody(new NewGladiaLiveSessionCommand
            {
                CallbackConfig = new Hashtable { ["url"] = "not an absolute url" },
            }));

            Assert.Equal("CallbackConfig", error.Field);
            Assert.Contains("'url'", error.Message);
            Assert.Contains("absolute URL", error.Message);
        }

        // A hashtable read from a file or a CSV carries 'false' as text; PowerShell's own conversion makes any non-empty
        // string $true, so the opposite of what was written would be sent.
        [Fact]
        public void CallbackConfig_TheStringFalse_SendsFalse()
        {
            var body = InitBody(new NewGladiaLiveSessionCommand
            {
                CallbackConfig = new Hashtable { ["url"] = "http://127.0.0.1:9/hook", ["receive_errors"] = "false" },
            });

            Assert.False((bool?)At(body, "callback_config.receive_errors"));
        }

        [Fact]
        public void CustomVocabulary_BadHashtable_NamesTheItemAndTheKey()
        {
            var unknown = Assert.Throws<GladiaValidationException>(() => InitBody(new NewGladiaLiveSessionCommand
            {
                CustomVocabulary = new object[] { "ok", new Hashtable { ["Value"] = "x", ["Strength"] = 1 } },
            }));
            var wrongType = Assert.Throws<GladiaValidationException>(() => InitBody(new NewGladiaLiveSessionCommand
            {
                CustomVocabulary = new object[] { new Hashtable { ["Value"] = "x", ["Intensity"] = "high" } },
            }));
            var noValue = Assert.Throws<GladiaValidationException>(() => InitBody(new NewGladiaLiveSessionCommand
            {
                CustomVocabulary = new object[] { new Hashtable { ["Intensity"] = 0.5 } },
            }));

            Assert.StartsWith("-CustomVocabulary[1]", unknown.Message);
            Assert.Contains("'Strength'", unknown.Message);
            Assert.StartsWith("-CustomVocabulary[0]", wrongType.Message);
            Assert.Contains("number", wrongType.Message);
            Assert.Equal("CustomVocabulary", noValue.Field);
            Assert.Contains("no value", noValue.Message);
        }

        [Fact]
        public void CustomSpelling_WithoutVariants_NamesCustomSpelling()
        {
            var error = Assert.Throws<GladiaValidationException>(() => InitBody(new NewGladiaLiveSessionCommand
            {
                CustomSpelling = new Hashtable { ["Gladia"] = null },
            }));

            Assert.Equal("CustomSpelling", error.Field);
            Assert.StartsWith("-CustomSpelling", error.Message);
        }

        [Fact]
        public void Language_InCapitals_IsRefused_WithTheCodeToUse()
        {
            var error = Assert.Throws<GladiaValidationException>(() => InitBody(new NewGladiaLiveSessionCommand { Language = new[] { "EN" } }));

            Assert.Equal("Language", error.Field);
            Assert.Contains("'en'", error.Message);
        }

        [Fact]
        public void CustomMetadata_IsSentAsGiven()
        {
            var body = InitBody(new NewGladiaLiveSessionCommand
            {
                CustomMetadata = new Hashtable { ["customer"] = "acme", ["priority"] = 3, ["nested"] = new Hashtable { ["flag"] = true } },
            });

            Assert.Equal("acme", (string?)At(body, "custom_metadata.customer"));
            Assert.Equal(3, (int?)At(body, "custom_metadata.priority"));
            Assert.True((bool?)At(body, "custom_metadata.nested.flag"));
        }

        [Fact]
        public void CustomMetadata_ValueThatIsNotJson_NamesTheParameterAndTheKey()
        {
            var error = Assert.Throws<GladiaValidationException>(() => InitBody(new NewGladiaLiveSessionCommand
            {
                CustomMetadata = new Hashtable { ["ticket"] = new object() },
            }));

            Assert.StartsWith("-CustomMetadata.ticket", error.Message);
            Assert.Contains("CustomMetadata", error.Field);
        }

        [Fact]
        public void Option_MergesIntoTypedSections_AndKeepsUnknownTopLevelFields()
        {
            var body = InitBody(new NewGladiaLiveSessionCommand
            {
                TranslateTo = new[] { "fr" },
                Option = new Hashtable
                {
                    ["realtime_processing"] = new Hashtable { ["translation_config"] = new Hashtable { ["informal"] = true } },
                    ["future_top_level"] = new Hashtable { ["depth"] = 2, ["inner"] = new Hashtable { ["deeper"] = "yes" } },
                },
            });

            Assert.True((bool?)At(body, "realtime_processing.translation"));
            Assert.Equal(new[] { "fr" }, At(body, "realtime_processing.translation_config.target_languages")!.AsArray().Select(n => (string?)n));
            Assert.True((bool?)At(body, "realtime_processing.translation_config.informal"));
            Assert.Equal(2, (int?)At(body, "future_top_level.depth"));
            Assert.Equal("yes", (string?)At(body, "future_top_level.inner.deeper"));
        }

        // The parameter's help says fields the module has no parameter for are merged "at any depth"; a field the
        // client does not know inside a section it does know (realtime_processing) must reach the server too.
        [Fact]
        public void Option_KeepsUnknownFieldsNestedInKnownSections()
        {
            var body = InitBody(new NewGladiaLiveSessionCommand
            {
                TranslateTo = new[] { "fr" },
                Option = new Hashtable
                {
                    ["realtime_processing"] = new Hashtable
                    {
                        ["translation_config"] = new Hashtable { ["future_knob"] = "x" },
                        ["future_addon"] = true,
                    },
                },
            });

            Assert.Equal("x", (string?)At(body, "realtime_processing.translation_config.future_knob"));
            Assert.True((bool?)At(body, "realtime_processing.future_addon"));
        }

        [Fact]
        public void Option_ReplacesAScalarField()
        {
            var body = InitBody(new NewGladiaLiveSessionCommand { Model = "solaria-1", Option = new Hashtable { ["model"] = "solaria-2" } });

            Assert.Equal("solaria-2", (string?)body["model"]);
        }

        [Fact]
        public void Option_OfTheWrongShape_NamesOption()
        {
            var error = Assert.Throws<GladiaValidationException>(() => InitBody(new NewGladiaLiveSessionCommand
            {
                Option = new Hashtable { ["language_config"] = "en" },
            }));

            // Field comes back as "-Option" here where other errors give the bare parameter name (reported).
            Assert.Equal("Option", error.Field.TrimStart('-'));
            Assert.StartsWith("-Option", error.Message);
        }

        [Theory]
        [InlineData(50.0)]
        [InlineData(0.0)]
        public void Endpointing_OutOfRange_NamesEndpointing(double seconds)
        {
            var error = Assert.Throws<GladiaValidationException>(() => InitBody(new NewGladiaLiveSessionCommand { Endpointing = seconds }));

            Assert.Equal("Endpointing", error.Field);
            Assert.StartsWith("-Endpointing", error.Message);
            Assert.Contains("0.01 to 10", error.Message);
        }

        [Theory]
        [InlineData(nameof(NewGladiaLiveSessionCommand.MaximumDurationWithoutEndpointing))]
        [InlineData(nameof(NewGladiaLiveSessionCommand.SpeechThreshold))]
        [InlineData(nameof(NewGladiaLiveSessionCommand.Language))]
        [InlineData(nameof(NewGladiaLiveSessionCommand.TranslateTo))]
        [InlineData(nameof(NewGladiaLiveSessionCommand.Model))]
        [InlineData(nameof(NewGladiaLiveSessionCommand.SummaryType))]
        public void OtherBadValues_NameTheirParameter(string parameter)
        {
            var cmdlet = new NewGladiaLiveSessionCommand();
            switch (parameter)
            {
                case nameof(cmdlet.MaximumDurationWithoutEndpointing): cmdlet.MaximumDurationWithoutEndpointing = 1; break;
                case nameof(cmdlet.SpeechThreshold): cmdlet.SpeechThreshold = 2; break;
                case nameof(cmdlet.Language): cmdlet.Language = new[] { "en", "EN" }; break;
                case nameof(cmdlet.TranslateTo): cmdlet.TranslateTo = new[] { "fr", " " }; break;
                case nameof(cmdlet.SummaryType): cmdlet.SummaryType = " "; break;
                case nameof(cmdlet.Model): cmdlet.Model = "  "; break;
            }

            var error = Assert.Throws<GladiaValidationException>(() => InitBody(cmdlet));

            Assert.Equal(parameter, error.Field);
            Assert.StartsWith("-" + parameter, error.Message);
        }

        [Fact]
        public void ValidValues_AreSentAsGiven()
        {
            var body = InitBody(new NewGladiaLiveSessionCommand
            {
                Model = "solaria-1",
                Endpointing = 0.3,
                MaximumDurationWithoutEndpointing = 30,
                SpeechThreshold = 0.6,
                NamedEntityRecognition = new SwitchParameter(true),
                SpeechEvents = new SwitchParameter(true),
                LifecycleEvents = new SwitchParameter(true),
                ReceiveAcknowledgments = new SwitchParameter(true),
            });

            Assert.Equal("solaria-1", (string?)body["model"]);
            Assert.Equal(0.3, (double?)body["endpointing"]);
            Assert.Equal(30, (double?)body["maximum_duration_without_endpointing"]);
            Assert.Equal(0.6, (double?)At(body, "pre_processing.speech_threshold"));
            Assert.True((bool?)At(body, "realtime_processing.named_entity_recognition"));
            Assert.True((bool?)At(body, "messages_config.receive_speech_events"));
            Assert.True((bool?)At(body, "messages_config.receive_lifecycle_events"));
            Assert.True((bool?)At(body, "messages_config.receive_acknowledgments"));
        }

        [Fact]
        public void TheFormat_IsWrittenAsTheResolvedSessionFormat()
        {
            var cmdlet = new NewGladiaLiveSessionCommand { Encoding = "wav/alaw", SampleRate = 8000 };

            var body = InitBody(cmdlet, new SessionAudioFormat(AudioEncoding.Pcm, 16, 44100, 2));

            Assert.Equal("wav/alaw", (string?)body["encoding"]);
            Assert.Equal(8, (int?)body["bit_depth"]);
            Assert.Equal(8000, (int?)body["sample_rate"]);
            Assert.Equal(2, (int?)body["channels"]);
        }

        [Fact]
        public void ParameterFor_MapsWireFieldsToParameters()
        {
            Assert.Equal("CallbackUrl", GladiaPS.Infrastructure.LiveSessionOptionsCmdletBase.ParameterFor("callback_config.url"));
            Assert.Equal("TranslationModel", GladiaPS.Infrastructure.LiveSessionOptionsCmdletBase.ParameterFor("realtime_processing.translation_config.model"));
            Assert.Equal("TranslateTo", GladiaPS.Infrastructure.LiveSessionOptionsCmdletBase.ParameterFor("realtime_processing.translation_config.target_languages[0]"));
            Assert.Equal("SpeechThreshold", GladiaPS.Infrastructure.LiveSessionOptionsCmdletBase.ParameterFor("pre_processing.speech_threshold"));
            Assert.Equal("Option", GladiaPS.Infrastructure.LiveSessionOptionsCmdletBase.ParameterFor("something_new"));
        }
    }
}
