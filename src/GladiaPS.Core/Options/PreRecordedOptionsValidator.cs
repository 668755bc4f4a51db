using System;
using System.Collections.Generic;
using System.Linq;
using static GladiaPS.Core.Options.LiveSessionOptionsValidator;

namespace GladiaPS.Core.Options
{
    /// <summary>
    /// The server's rules for a pre-recorded job body, checked client-side with the same checks and messages as
    /// the live options, so a mistake is reported before a file is uploaded. A server 422 remains the final word.
    /// </summary>
    internal static class PreRecordedOptionsValidator
    {
        private static readonly Lazy<HashSet<string>> TypedFieldNames = new Lazy<HashSet<string>>(() => JsonNamesOf(typeof(PreRecordedOptions)));

        internal static ICollection<string> TypedFields => TypedFieldNames.Value;

        public static void Validate(PreRecordedOptions o)
        {
            if (o.AudioUrl is Uri url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            {
                Fail("audio_url", "must be an absolute http or https URL");
            }

            if (o.Model != null && string.IsNullOrWhiteSpace(o.Model))
            {
                Fail("model", $"an empty model name is not allowed; leave it unset for the default or use one of {Join(GladiaKnownValues.PreRecordedModels)}");
            }

            if (o.LanguageConfig?.Languages is IList<string> languages)
            {
                CheckLanguages("language_config.languages", languages, LanguageSet);
            }

            ValidateVocabularySpellingTranslation(string.Empty, o.CustomVocabulary, o.CustomVocabularyConfig,
                o.CustomSpelling, o.CustomSpellingConfig, o.Translation, o.TranslationConfig);
            ValidateDiarization(o.DiarizationConfig);
            ValidateSubtitles(o.SubtitlesConfig);

            NotBlank("summarization_config.type", o.SummarizationConfig?.Type, "summary type", GladiaKnownValues.SummarizationTypes);

            ValidatePii(o.PiiRedactionConfig);
            ValidateAudioToLlm(o);
            ValidateCallback(o);
            ValidateAdditionalFields(o.AdditionalFields, TypedFieldNames.Value);
            ValidateNestedAdditionalFields(o, string.Empty);
        }

        private static void ValidateDiarization(DiarizationConfig? d)
        {
            if (d is null)
            {
                return;
            }

            CheckSpeakers("diarization_config.number_of_speakers", d.NumberOfSpeakers);
            CheckSpeakers("diarization_config.min_speakers", d.MinSpeakers);
            CheckSpeakers("diarization_config.max_speakers", d.MaxSpeakers);
            if (d.MinSpeakers is int min && d.MaxSpeakers is int max && min > max)
            {
                Fail("diarization_config.min_speakers", $"{min} is more than max_speakers ({max})");
            }

            if (d.NumberOfSpeakers is int n && ((d.MinSpeakers is int low && n < low) || (d.MaxSpeakers is int high && n > high)))
            {
                Fail("diarization_config.number_of_speakers", $"{n} is outside min_speakers..max_speakers");
            }
        }

        private static void CheckSpeakers(string field, int? value)
        {
            if (value is int v && v < 1)
            {
                Fail(field, $"{v} is too small; use 1 or more");
            }
        }

        private static void ValidateSubtitles(SubtitlesConfig? s)
        {
            if (s is null)
            {
                return;
            }

            if (s.Formats != null)
            {
                for (var i = 0; i < s.Formats.Count; i++)
                {
                    if (string.IsNullOrWhiteSpace(s.Formats[i]))
                    {
                        Fail($"subtitles_config.formats[{i}]", $"an empty subtitle format is not allowed; use one of {Join(GladiaKnownValues.SubtitleFormats)}");
                    }
                }
            }

            CheckRange("subtitles_config.minimum_duration", s.MinimumDuration, 0, 30, "seconds");
            CheckRange("subtitles_config.maximum_duration", s.MaximumDuration, 0, 30, "seconds");
            if (s.MinimumDuration is double min && s.MaximumDuration is double max && min > max)
            {
                Fail("subtitles_config.minimum_duration", $"{Format(min)} is more than maximum_duration ({Format(max)})");
            }

            if (s.MaximumCharactersPerRow is int chars && chars < 1)
            {
                Fail("subtitles_config.maximum_characters_per_row", $"{chars} is too small; use 1 or more");
            }

            if (s.MaximumRowsPerCaption is int rows && rows < 1)
            {
                Fail("subtitles_config.maximum_rows_per_caption", $"{rows} is too small; use 1 or more");
            }

            NotBlank("subtitles_config.style", s.Style, "subtitle style", GladiaKnownValues.SubtitleStyles);
        }

        private static void ValidatePii(PiiRedactionConfig? p)
        {
            if (p is null)
            {
                return;
            }

            NotBlank("pii_redaction_config.processed_text_type", p.ProcessedTextType, "redaction style", GladiaKnownValues.PiiProcessedTextTypes);

            if (p.EntityTypes != null && p.EntityTypes.Any(string.IsNullOrWhiteSpace))
            {
                Fail("pii_redaction_config.entity_types", "contains an empty entity type");
            }
        }

        private static void ValidateAudioToLlm(PreRecordedOptions o)
        {
            var prompts = o.AudioToLlmConfig?.Prompts;
            if (o.AudioToLlm == true && (prompts is null || prompts.Count == 0))
            {
                Fail("audio_to_llm_config.prompts", "is required when audio_to_llm is true; give at least one prompt");
            }

            if (prompts != null && prompts.Any(string.IsNullOrWhiteSpace))
            {
                Fail("audio_to_llm_config.prompts", "contains an empty prompt");
            }
        }

        private static void ValidateCallback(PreRecordedOptions o)
        {
            if (o.Callback == true && o.CallbackConfig?.Url is null)
            {
                Fail("callback_config.url", "is required when callback is true");
            }

            if (o.CallbackConfig?.Url is Uri url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            {
                Fail("callback_config.url", "must be an absolute http or https URL");
            }

            NotBlank("callback_config.method", o.CallbackConfig?.Method, "method", GladiaKnownValues.CallbackMethods);
        }

        // A value of a listed field that this version does not know is sent, with a notice (FindUnknownValues); only one
        // that cannot be a value at all is refused.
        private static void NotBlank(string field, string? value, string what, IEnumerable<string> known)
        {
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                Fail(field, $"an empty {what} is not allowed; leave it unset for the default or use one of {Join(known)}");
            }
        }

        /// <summary>Values in fields whose values Gladia lists that this version does not know; they are sent as given.</summary>
        public static IReadOnlyList<GladiaUnknownValue> FindUnknownValues(PreRecordedOptions o)
        {
            var found = new List<GladiaUnknownValue>();
            GladiaUnknownValue.Check("model", o.Model, GladiaKnownValues.PreRecordedModels, found);
            FindSharedUnknownValues(string.Empty, o.LanguageConfig, o.CustomVocabularyConfig, o.TranslationConfig, found);
            GladiaUnknownValue.Check("summarization_config.type", o.SummarizationConfig?.Type, GladiaKnownValues.SummarizationTypes, found);
            CheckEach("subtitles_config.formats", o.SubtitlesConfig?.Formats, GladiaKnownValues.SubtitleFormats, found);
            GladiaUnknownValue.Check("subtitles_config.style", o.SubtitlesConfig?.Style, GladiaKnownValues.SubtitleStyles, found);
            CheckEach("pii_redaction_config.entity_types", o.PiiRedactionConfig?.EntityTypes, GladiaKnownValues.PiiEntityTypes, found);
            GladiaUnknownValue.Check("pii_redaction_config.processed_text_type", o.PiiRedactionConfig?.ProcessedTextType, GladiaKnownValues.PiiProcessedTextTypes, found);
            GladiaUnknownValue.Check("callback_config.method", o.CallbackConfig?.Method, GladiaKnownValues.CallbackMethods, found);
            return found;
        }
    }
}
