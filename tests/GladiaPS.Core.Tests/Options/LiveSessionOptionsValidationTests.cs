using System;
using System.Collections.Generic;
using System.Linq;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Options;
using Xunit;

namespace GladiaPS.Core.Tests.Options
{
    public class LiveSessionOptionsValidationTests
    {
        private static GladiaValidationException Invalid(LiveSessionOptions options) =>
            Assert.Throws<GladiaValidationException>(options.Validate);

        private static string[] Unknown(LiveSessionOptions options)
        {
            options.Validate();
            return options.FindUnknownValues().Select(v => v.ToString()).ToArray();
        }

        [Fact]
        public void SampleRate_OutsideTheList_IsSentWithANotice()
        {
            Assert.Equal(new[] { "sample_rate: '22050' is not a value this version knows; sent as given." }, Unknown(new LiveSessionOptions { SampleRate = 22050 }));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-8000)]
        public void SampleRate_ThatIsNoRate_IsRejected(int rate)
        {
            var error = Invalid(new LiveSessionOptions { SampleRate = rate });
            Assert.Equal("sample_rate", error.Field);
            Assert.StartsWith($"sample_rate: {rate} is not a sample rate;", error.Message);
            Assert.IsAssignableFrom<ArgumentException>(error);
        }

        [Theory]
        [InlineData(8000)]
        [InlineData(16000)]
        [InlineData(32000)]
        [InlineData(44100)]
        [InlineData(48000)]
        public void SampleRate_InTheList_IsAccepted(int rate) => new LiveSessionOptions { SampleRate = rate }.Validate();

        [Theory]
        [InlineData(12)]
        [InlineData(64)]
        public void BitDepth_OutsideTheList_IsSentWithANotice(int depth)
        {
            Assert.Equal(new[] { $"bit_depth: '{depth}' is not a value this version knows; sent as given." }, Unknown(new LiveSessionOptions { BitDepth = depth }));
        }

        [Fact]
        public void BitDepth_Zero_IsRejected() => Assert.Equal("bit_depth", Invalid(new LiveSessionOptions { BitDepth = 0 }).Field);

        [Theory]
        [InlineData(8)]
        [InlineData(16)]
        [InlineData(24)]
        [InlineData(32)]
        public void Pcm_AcceptsEveryBitDepth(int depth) => new LiveSessionOptions { Encoding = AudioEncoding.Pcm, BitDepth = depth }.Validate();

        [Theory]
        [InlineData(AudioEncoding.ALaw, "wav/alaw")]
        [InlineData(AudioEncoding.MuLaw, "wav/ulaw")]
        public void CompandedEncodings_RequireEightBits(AudioEncoding encoding, string wire)
        {
            var error = Invalid(new LiveSessionOptions { Encoding = encoding, BitDepth = 16 });
            Assert.Equal("bit_depth", error.Field);
            Assert.Equal($"bit_depth: 16 does not match encoding {wire}, which carries 8-bit samples only; use 8.", error.Message);

            var unset = Invalid(new LiveSessionOptions { Encoding = encoding });
            Assert.Contains("the server's default is 16; set it to 8", unset.Message);

            new LiveSessionOptions { Encoding = encoding, BitDepth = 8 }.Validate();
        }

        [Theory]
        [InlineData(0)]
        [InlineData(9)]
        [InlineData(-1)]
        public void Channels_OutsideOneToEight_AreRejected(int channels)
        {
            var error = Invalid(new LiveSessionOptions { Channels = channels });
            Assert.Equal("channels", error.Field);
            Assert.Equal($"channels: {channels} is out of range; use 1 to 8.", error.Message);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(8)]
        public void Channels_AtTheBounds_AreAccepted(int channels) => new LiveSessionOptions { Channels = channels }.Validate();

        [Theory]
        [InlineData(0.009)]
        [InlineData(10.5)]
        [InlineData(double.NaN)]
        [InlineData(0)]
        public void Endpointing_OutsideRange_IsRejected(double value)
        {
            var error = Invalid(new LiveSessionOptions { Endpointing = value });
            Assert.Equal("endpointing", error.Field);
            Assert.EndsWith("is out of range; use 0.01 to 10 seconds.", error.Message);
        }

        [Theory]
        [InlineData(0.01)]
        [InlineData(10)]
        public void Endpointing_AtTheBounds_IsAccepted(double value) => new LiveSessionOptions { Endpointing = value }.Validate();

        [Theory]
        [InlineData(4.99)]
        [InlineData(61)]
        public void MaximumDurationWithoutEndpointing_OutsideRange_IsRejected(double value)
        {
            var error = Invalid(new LiveSessionOptions { MaximumDurationWithoutEndpointing = value });
            Assert.Equal("maximum_duration_without_endpointing", error.Field);
            Assert.EndsWith("is out of range; use 5 to 60 seconds.", error.Message);
        }

        [Fact]
        public void MaximumDurationWithoutEndpointing_AtTheBounds_IsAccepted()
        {
            new LiveSessionOptions { MaximumDurationWithoutEndpointing = 5 }.Validate();
            new LiveSessionOptions { MaximumDurationWithoutEndpointing = 60 }.Validate();
        }

        [Fact]
        public void Model_AnyNonEmptyString_IsPassedThrough()
        {
            new LiveSessionOptions { Model = "solaria-3-preview" }.Validate();
            Assert.Equal("model", Invalid(new LiveSessionOptions { Model = " " }).Field);
        }

        [Fact]
        public void UnknownTranscriptionLanguage_IsSentWithANoticeThatHasItsIndex()
        {
            var notices = new LiveSessionOptions { LanguageConfig = new LanguageConfig { Languages = new[] { "en", "english" } } }.FindUnknownValues();
            var notice = Assert.Single(notices);
            Assert.Equal("language_config.languages[1]", notice.Field);
            Assert.Equal("english", notice.Value);
            Assert.Equal("language_config.languages[1]: 'english' is not a value this version knows; sent as given.", notice.ToString());
        }

        [Fact]
        public void UppercaseLanguage_IsRejectedWithALowercaseHint()
        {
            var error = Invalid(new LiveSessionOptions { LanguageConfig = new LanguageConfig { Languages = new[] { "FR" } } });
            Assert.Equal("language_config.languages[0]: 'FR' is written differently from the code the API takes; codes are lowercase: use 'fr'.", error.Message);
        }

        [Fact]
        public void EmptyLanguage_IsRejected() =>
            Assert.Equal("language_config.languages[1]", Invalid(new LiveSessionOptions { LanguageConfig = new LanguageConfig { Languages = new[] { "en", " " } } }).Field);

        [Fact]
        public void Wolof_IsATranslationTargetButNotATranscriptionLanguage()
        {
            Assert.Equal(new[] { "language_config.languages[0]: 'wo' is not a value this version knows; sent as given." },
                Unknown(new LiveSessionOptions { LanguageConfig = new LanguageConfig { Languages = new[] { "wo" } } }));

            Assert.Empty(Unknown(new LiveSessionOptions
            {
                RealtimeProcessing = new RealtimeProcessingConfig { Translation = true, TranslationConfig = new TranslationConfig { TargetLanguages = new[] { "wo", "haw" } } },
            }));
        }

        [Fact]
        public void DuplicateLanguage_IsRejected()
        {
            var error = Invalid(new LiveSessionOptions { LanguageConfig = new LanguageConfig { Languages = new[] { "en", "en" } } });
            Assert.Equal("language_config.languages: 'en' is listed more than once.", error.Message);
        }

        [Fact]
        public void UnknownTranslationTarget_IsSentWithANotice()
        {
            Assert.Equal(new[] { "realtime_processing.translation_config.target_languages[1]: 'klingon' is not a value this version knows; sent as given." },
                Unknown(new LiveSessionOptions
                {
                    RealtimeProcessing = new RealtimeProcessingConfig { TranslationConfig = new TranslationConfig { TargetLanguages = new[] { "fr", "klingon" } } },
                }));
        }

        [Fact]
        public void TranslationWithoutTargets_IsRejected()
        {
            Assert.Equal("realtime_processing.translation_config",
                Invalid(new LiveSessionOptions { RealtimeProcessing = new RealtimeProcessingConfig { Translation = true } }).Field);
            Assert.Equal("realtime_processing.translation_config.target_languages",
                Invalid(new LiveSessionOptions { RealtimeProcessing = new RealtimeProcessingConfig { TranslationConfig = new TranslationConfig { TargetLanguages = new string[0] } } }).Field);
        }

        [Fact]
        public void UnknownModels_AreSentWithANotice()
        {
            Assert.Equal(
                new[]
                {
                    "model: 'solaria-3' is not a value this version knows; sent as given.",
                    "realtime_processing.custom_vocabulary_config.vocabulary[0].language: 'zz' is not a value this version knows; sent as given.",
                    "realtime_processing.translation_config.model: 'turbo' is not a value this version knows; sent as given.",
                },
                Unknown(new LiveSessionOptions
                {
                    Model = "solaria-3",
                    RealtimeProcessing = new RealtimeProcessingConfig
                    {
                        CustomVocabulary = true,
                        CustomVocabularyConfig = new CustomVocabularyConfig { Vocabulary = new[] { new CustomVocabularyEntry("Gladia") { Language = "zz" } } },
                        TranslationConfig = new TranslationConfig { TargetLanguages = new[] { "fr" }, Model = "turbo" },
                    },
                }));
        }

        [Fact]
        public void Vocabulary_Rules()
        {
            Assert.Equal("realtime_processing.custom_vocabulary_config",
                Invalid(new LiveSessionOptions { RealtimeProcessing = new RealtimeProcessingConfig { CustomVocabulary = true } }).Field);

            Assert.Equal("realtime_processing.custom_vocabulary_config.vocabulary",
                Invalid(Vocabulary(new List<CustomVocabularyEntry>())).Field);

            Assert.Equal("realtime_processing.custom_vocabulary_config.vocabulary[1]",
                Invalid(Vocabulary(new List<CustomVocabularyEntry> { "ok", "" })).Field);

            Assert.Equal("realtime_processing.custom_vocabulary_config.vocabulary[0].language",
                Invalid(Vocabulary(new List<CustomVocabularyEntry> { new CustomVocabularyEntry("Nguyen") { Language = "VI" } })).Field);

            Assert.Equal("realtime_processing.custom_vocabulary_config.vocabulary[0].intensity",
                Invalid(Vocabulary(new List<CustomVocabularyEntry> { new CustomVocabularyEntry("Nguyen") { Intensity = double.PositiveInfinity } })).Field);

            Assert.Equal("realtime_processing.custom_vocabulary_config.vocabulary[0].intensity: 1.5 is out of range; use 0 to 1.",
                Invalid(Vocabulary(new List<CustomVocabularyEntry> { new CustomVocabularyEntry("Nguyen") { Intensity = 1.5 } })).Message);

            var defaultIntensity = Vocabulary(new List<CustomVocabularyEntry> { "x" });
            defaultIntensity.RealtimeProcessing!.CustomVocabularyConfig!.DefaultIntensity = -0.1;
            Assert.Equal("realtime_processing.custom_vocabulary_config.default_intensity", Invalid(defaultIntensity).Field);

            Vocabulary(new List<CustomVocabularyEntry> { "Kubernetes", new CustomVocabularyEntry("Nguyen") { Language = "vi", Intensity = 0.5 } }).Validate();
        }

        [Fact]
        public void Spelling_Rules()
        {
            Assert.Equal("realtime_processing.custom_spelling_config",
                Invalid(new LiveSessionOptions { RealtimeProcessing = new RealtimeProcessingConfig { CustomSpelling = true } }).Field);

            var empty = new LiveSessionOptions
            {
                RealtimeProcessing = new RealtimeProcessingConfig
                {
                    CustomSpellingConfig = new CustomSpellingConfig { SpellingDictionary = new Dictionary<string, IList<string>> { ["Gladia"] = new string[0] } },
                },
            };
            Assert.Equal("realtime_processing.custom_spelling_config.spelling_dictionary.Gladia", Invalid(empty).Field);
        }

        [Fact]
        public void SpeechThreshold_OutsideZeroToOne_IsRejected()
        {
            var error = Invalid(new LiveSessionOptions { PreProcessing = new PreProcessingConfig { SpeechThreshold = 1.5 } });
            Assert.Equal("pre_processing.speech_threshold: 1.5 is out of range; use 0 to 1.", error.Message);
            new LiveSessionOptions { PreProcessing = new PreProcessingConfig { SpeechThreshold = 0.7 } }.Validate();
        }

        [Fact]
        public void SummarizationType_OutsideTheList_IsSentWithANotice()
        {
            Assert.Equal(new[] { "post_processing.summarization_config.type: 'haiku' is not a value this version knows; sent as given." },
                Unknown(new LiveSessionOptions { PostProcessing = new PostProcessingConfig { Summarization = true, SummarizationConfig = new SummarizationConfig { Type = "haiku" } } }));
            Assert.Empty(Unknown(new LiveSessionOptions { PostProcessing = new PostProcessingConfig { Summarization = true, SummarizationConfig = new SummarizationConfig { Type = "concise" } } }));
        }

        [Fact]
        public void Callback_RequiresAnAbsoluteHttpUrl()
        {
            Assert.Equal("callback_config.url: is required when callback is true.", Invalid(new LiveSessionOptions { Callback = true }).Message);
            Assert.Equal("callback_config.url",
                Invalid(new LiveSessionOptions { CallbackConfig = new CallbackConfig { Url = new Uri("ftp://hooks.example.net/x") } }).Field);
            Assert.Equal("callback_config.url",
                Invalid(new LiveSessionOptions { CallbackConfig = new CallbackConfig { Url = new Uri("/hook", UriKind.Relative) } }).Field);
            new LiveSessionOptions { Callback = true, CallbackConfig = new CallbackConfig { Url = new Uri("https://hooks.example.net/x") } }.Validate();
        }

        [Fact]
        public void UndefinedEncodingValue_IsRejected()
        {
            Assert.Equal("encoding", Invalid(new LiveSessionOptions { Encoding = (AudioEncoding)42 }).Field);
        }

        private static LiveSessionOptions Vocabulary(IList<CustomVocabularyEntry> entries) => new LiveSessionOptions
        {
            RealtimeProcessing = new RealtimeProcessingConfig
            {
                CustomVocabulary = true,
                CustomVocabularyConfig = new CustomVocabularyConfig { Vocabulary = entries },
            },
        };
    }
}
