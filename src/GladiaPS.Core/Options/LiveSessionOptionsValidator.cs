using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json.Serialization;
using GladiaPS.Core.Audio;

namespace GladiaPS.Core.Options
{
    /// <summary>
    /// The server's own rules for the init body (§3, §3.1, §3.7), checked client-side so that a mistake
    /// is reported before a session is created. A server 422 remains the final word (§11 #17).
    /// </summary>
    internal static class LiveSessionOptionsValidator
    {
        internal static readonly HashSet<string> LanguageSet = new HashSet<string>(GladiaKnownValues.Languages, StringComparer.Ordinal);
        internal static readonly HashSet<string> TranslationSet = new HashSet<string>(GladiaKnownValues.TranslationLanguages, StringComparer.Ordinal);

        private static readonly Lazy<HashSet<string>> TypedFieldNames = new Lazy<HashSet<string>>(() => JsonNamesOf(typeof(LiveSessionOptions)));

        internal static ICollection<string> TypedFields => TypedFieldNames.Value;

        public static void Validate(LiveSessionOptions o)
        {
            if (o.Encoding is AudioEncoding encoding && !Enum.IsDefined(typeof(AudioEncoding), encoding))
            {
                Fail("encoding", $"{(int)encoding} is not an encoding; use one of {Join(AudioEncodings.All)}");
            }

            if (o.BitDepth is int bitDepth && bitDepth <= 0)
            {
                Fail("bit_depth", $"{bitDepth} is not a bit depth; use a positive number such as {Join(GladiaKnownValues.BitDepths)}");
            }

            if (o.Encoding is AudioEncoding enc && enc != AudioEncoding.Pcm && o.EffectiveBitDepth != 8)
            {
                var why = o.BitDepth is null ? $"bit_depth is unset and the server's default is {GladiaKnownValues.DefaultBitDepth}; set it to 8" : "use 8";
                Fail("bit_depth", $"{o.EffectiveBitDepth} does not match encoding {enc.ToWireName()}, which carries 8-bit samples only; {why}");
            }

            if (o.SampleRate is int sampleRate && sampleRate <= 0)
            {
                Fail("sample_rate", $"{sampleRate} is not a sample rate; use a positive number of hertz such as {Join(GladiaKnownValues.SampleRates)}");
            }

            if (o.Channels is int channels && (channels < GladiaKnownValues.MinChannels || channels > GladiaKnownValues.MaxChannels))
            {
                Fail("channels", $"{channels} is out of range; use {GladiaKnownValues.MinChannels} to {GladiaKnownValues.MaxChannels}");
            }

            if (o.Model != null && string.IsNullOrWhiteSpace(o.Model))
            {
                Fail("model", $"an empty model name is not allowed; leave it unset for the default or use one of {Join(GladiaKnownValues.Models)}");
            }

            CheckRange("endpointing", o.Endpointing, GladiaKnownValues.MinEndpointing, GladiaKnownValues.MaxEndpointing, "seconds");
            CheckRange("maximum_duration_without_endpointing", o.MaximumDurationWithoutEndpointing,
                GladiaKnownValues.MinMaximumDurationWithoutEndpointing, GladiaKnownValues.MaxMaximumDurationWithoutEndpointing, "seconds");

            if (o.LanguageConfig?.Languages is IList<string> languages)
            {
                CheckLanguages("language_config.languages", languages, LanguageSet);
            }

            // The docs give no range for speech_threshold; "nearer 1 is stricter" reads as a 0–1 scale.
            CheckRange("pre_processing.speech_threshold", o.PreProcessing?.SpeechThreshold, 0, 1, null);

            if (o.RealtimeProcessing is RealtimeProcessingConfig realtime)
            {
                ValidateRealtime(realtime);
            }

            if (o.PostProcessing?.SummarizationConfig?.Type is string type && string.IsNullOrWhiteSpace(type))
            {
                Fail("post_processing.summarization_config.type", $"an empty summary type is not allowed; leave it unset for the default or use one of {Join(GladiaKnownValues.SummarizationTypes)}");
            }

            ValidateCallback(o);
            ValidateAdditionalFields(o.AdditionalFields, TypedFieldNames.Value);
            ValidateNestedAdditionalFields(o, string.Empty);
        }

        /// <summary>The JSON names of a type's typed fields: what its <c>AdditionalFields</c> must not name again.</summary>
        internal static HashSet<string> JsonNamesOf(Type type) =>
            new HashSet<string>(
                type.GetProperties()
                    .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
                    .Where(name => name != null)!,
                StringComparer.Ordinal);

        /// <summary>Top-level <c>AdditionalFields</c>: no empty names, and none that is also a typed field (it would be written twice).</summary>
        internal static void ValidateAdditionalFields(System.Text.Json.Nodes.JsonObject? fields, ICollection<string> typedFields)
        {
            if (fields is null)
            {
                return;
            }

            foreach (var field in fields)
            {
                if (string.IsNullOrWhiteSpace(field.Key))
                {
                    Fail("AdditionalFields", "a field with an empty name cannot be sent");
                }

                if (typedFields.Contains(field.Key))
                {
                    throw new GladiaValidationException(field.Key,
                        $"{field.Key}: given both as a typed option and in AdditionalFields; set it through the typed option only.");
                }
            }
        }

        /// <summary>
        /// The nested objects' <c>AdditionalFields</c>: no empty names, and no name that is also a typed field of
        /// the same object (it would be written twice). Walks every typed object of the options, at any depth.
        /// </summary>
        public static void ValidateNestedAdditionalFields(object? value, string path)
        {
            if (value is null)
            {
                return;
            }

            if (value is System.Collections.IEnumerable items && !(value is string))
            {
                var index = 0;
                foreach (var item in items)
                {
                    ValidateNestedAdditionalFields(item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");
                    index++;
                }

                return;
            }

            var type = value.GetType();
            var root = typeof(IRequestBodyRoot).IsAssignableFrom(type);
            if (type.Namespace != typeof(LiveSessionOptions).Namespace || type.IsEnum || root && path.Length > 0)
            {
                return;
            }

            var typedNames = new HashSet<string>(StringComparer.Ordinal);
            System.Text.Json.Nodes.JsonObject? additional = null;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length != 0)
                {
                    continue;
                }

                var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
                if (name != null)
                {
                    typedNames.Add(name);
                    ValidateNestedAdditionalFields(property.GetValue(value), path.Length == 0 ? name : path + "." + name);
                }
                else if (property.Name == nameof(LiveSessionOptions.AdditionalFields) && !root)
                {
                    additional = property.GetValue(value) as System.Text.Json.Nodes.JsonObject;
                }
            }

            if (type == typeof(CustomVocabularyEntry))
            {
                typedNames.UnionWith(new[] { "value", "intensity", "pronunciations", "language" });
            }

            if (additional is null)
            {
                return;
            }

            foreach (var field in additional)
            {
                var where = path + "." + field.Key;
                if (string.IsNullOrWhiteSpace(field.Key))
                {
                    Fail(path + ".AdditionalFields", "a field with an empty name cannot be sent");
                }

                if (typedNames.Contains(field.Key))
                {
                    throw new GladiaValidationException(where,
                        $"{where}: given both as a typed option and in AdditionalFields; set it through the typed option only.");
                }
            }
        }

        private static void ValidateRealtime(RealtimeProcessingConfig r) =>
            ValidateVocabularySpellingTranslation("realtime_processing.", r.CustomVocabulary, r.CustomVocabularyConfig,
                r.CustomSpelling, r.CustomSpellingConfig, r.Translation, r.TranslationConfig);

        /// <summary>Custom vocabulary, custom spelling and translation, which live and pre-recorded share; <paramref name="prefix"/> is where they sit on the wire.</summary>
        internal static void ValidateVocabularySpellingTranslation(string prefix, bool? customVocabulary, CustomVocabularyConfig? customVocabularyConfig,
            bool? customSpelling, CustomSpellingConfig? customSpellingConfig, bool? translate, TranslationConfig? translationConfig)
        {
            var r = new RealtimeProcessingConfig
            {
                CustomVocabulary = customVocabulary,
                CustomVocabularyConfig = customVocabularyConfig,
                CustomSpelling = customSpelling,
                CustomSpellingConfig = customSpellingConfig,
                Translation = translate,
                TranslationConfig = translationConfig,
            };
            if (r.CustomVocabulary == true && r.CustomVocabularyConfig is null)
            {
                Fail(prefix + "custom_vocabulary_config", "is required when custom_vocabulary is true; give at least one vocabulary item");
            }

            if (r.CustomVocabularyConfig is CustomVocabularyConfig vocabulary)
            {
                var field = prefix + "custom_vocabulary_config.vocabulary";
                if (vocabulary.Vocabulary is null || vocabulary.Vocabulary.Count == 0)
                {
                    Fail(field, "is required and must hold at least one item");
                }

                for (var i = 0; i < vocabulary.Vocabulary!.Count; i++)
                {
                    var entry = vocabulary.Vocabulary[i];
                    var itemField = $"{field}[{i}]";
                    if (entry is null || string.IsNullOrWhiteSpace(entry.Value))
                    {
                        Fail(itemField, "has no value; each item needs the text to write into the transcript");
                    }

                    CheckIntensity(itemField + ".intensity", entry!.Intensity);
                    if (entry.Language != null)
                    {
                        CheckLanguageShape(itemField + ".language", entry.Language, LanguageSet);
                    }

                    if (entry.Pronunciations != null && entry.Pronunciations.Any(string.IsNullOrWhiteSpace))
                    {
                        Fail(itemField + ".pronunciations", "contains an empty pronunciation");
                    }
                }

                CheckIntensity(prefix + "custom_vocabulary_config.default_intensity", vocabulary.DefaultIntensity);
            }

            if (r.CustomSpelling == true && r.CustomSpellingConfig is null)
            {
                Fail(prefix + "custom_spelling_config", "is required when custom_spelling is true; give a spelling_dictionary");
            }

            if (r.CustomSpellingConfig is CustomSpellingConfig spelling)
            {
                var field = prefix + "custom_spelling_config.spelling_dictionary";
                if (spelling.SpellingDictionary is null || spelling.SpellingDictionary.Count == 0)
                {
                    Fail(field, "is required and must hold at least one spelling");
                }

                foreach (var pair in spelling.SpellingDictionary!)
                {
                    if (string.IsNullOrWhiteSpace(pair.Key))
                    {
                        Fail(field, "contains an empty spelling");
                    }

                    if (pair.Value is null || pair.Value.Count == 0 || pair.Value.Any(string.IsNullOrWhiteSpace))
                    {
                        Fail($"{field}.{pair.Key}", "needs one or more non-empty variants to replace");
                    }
                }
            }

            if (r.Translation == true && r.TranslationConfig is null)
            {
                Fail(prefix + "translation_config", "is required when translation is true; give target_languages");
            }

            if (r.TranslationConfig is TranslationConfig translation)
            {
                var field = prefix + "translation_config.target_languages";
                if (translation.TargetLanguages is null || translation.TargetLanguages.Count == 0)
                {
                    Fail(field, "is required and must hold at least one language code");
                }

                CheckLanguages(field, translation.TargetLanguages!, TranslationSet);
                if (translation.Model != null && string.IsNullOrWhiteSpace(translation.Model))
                {
                    Fail(prefix + "translation_config.model", $"an empty model name is not allowed; leave it unset for the default or use one of {Join(GladiaKnownValues.TranslationModels)}");
                }
            }
        }

        private static void ValidateCallback(LiveSessionOptions o)
        {
            if (o.Callback == true && o.CallbackConfig?.Url is null)
            {
                Fail("callback_config.url", "is required when callback is true");
            }

            if (o.CallbackConfig?.Url is Uri url)
            {
                if (!url.IsAbsoluteUri || (url.Scheme != "http" && url.Scheme != "https"))
                {
                    Fail("callback_config.url", "must be an absolute http or https URL");
                }
            }
        }

        internal static void CheckLanguages(string field, IList<string> codes, HashSet<string> known)
        {
            for (var i = 0; i < codes.Count; i++)
            {
                CheckLanguageShape($"{field}[{i}]", codes[i], known);
            }

            var duplicate = codes.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null)
            {
                Fail(field, $"'{duplicate.Key}' is listed more than once");
            }
        }

        // A code this version does not know is sent (a language Gladia adds later); only what cannot be a code is refused.
        internal static void CheckLanguageShape(string field, string? code, HashSet<string> known)
        {
            if (code is null || string.IsNullOrWhiteSpace(code))
            {
                Fail(field, "an empty language code is not allowed; use a code such as en, fr, de");
            }

            var lower = code!.Trim().ToLowerInvariant();
            if (lower != code && known.Contains(lower))
            {
                Fail(field, $"'{code}' is written differently from the code the API takes; codes are lowercase: use '{lower}'");
            }
        }

        /// <summary>Values in fields whose values Gladia lists that this version does not know; they are sent as given.</summary>
        public static IReadOnlyList<GladiaUnknownValue> FindUnknownValues(LiveSessionOptions o)
        {
            var found = new List<GladiaUnknownValue>();
            if (o.BitDepth is int bitDepth && !GladiaKnownValues.BitDepths.Contains(bitDepth))
            {
                found.Add(new GladiaUnknownValue("bit_depth", bitDepth.ToString(CultureInfo.InvariantCulture)));
            }

            if (o.SampleRate is int sampleRate && !GladiaKnownValues.SampleRates.Contains(sampleRate))
            {
                found.Add(new GladiaUnknownValue("sample_rate", sampleRate.ToString(CultureInfo.InvariantCulture)));
            }

            GladiaUnknownValue.Check("model", o.Model, GladiaKnownValues.Models, found);
            FindSharedUnknownValues("realtime_processing.", o.LanguageConfig, o.RealtimeProcessing?.CustomVocabularyConfig, o.RealtimeProcessing?.TranslationConfig, found);
            GladiaUnknownValue.Check("post_processing.summarization_config.type", o.PostProcessing?.SummarizationConfig?.Type, GladiaKnownValues.SummarizationTypes, found);
            return found;
        }

        /// <summary>Unknown values in the sections live and pre-recorded share; <paramref name="prefix"/> is where vocabulary and translation sit on the wire.</summary>
        internal static void FindSharedUnknownValues(string prefix, LanguageConfig? language, CustomVocabularyConfig? vocabularyConfig,
            TranslationConfig? translation, List<GladiaUnknownValue> found)
        {
            CheckEach("language_config.languages", language?.Languages, GladiaKnownValues.Languages, found);
            var vocabulary = vocabularyConfig?.Vocabulary;
            for (var i = 0; vocabulary is not null && i < vocabulary.Count; i++)
            {
                GladiaUnknownValue.Check($"{prefix}custom_vocabulary_config.vocabulary[{i}].language", vocabulary[i]?.Language, GladiaKnownValues.Languages, found);
            }

            CheckEach(prefix + "translation_config.target_languages", translation?.TargetLanguages, GladiaKnownValues.TranslationLanguages, found);
            GladiaUnknownValue.Check(prefix + "translation_config.model", translation?.Model, GladiaKnownValues.TranslationModels, found);
        }

        internal static void CheckEach(string field, IList<string>? codes, IReadOnlyList<string> known, List<GladiaUnknownValue> found)
        {
            for (var i = 0; codes is not null && i < codes.Count; i++)
            {
                GladiaUnknownValue.Check($"{field}[{i}]", codes[i], known, found);
            }
        }

        internal static void CheckRange(string field, double? value, double min, double max, string? unit)
        {
            if (value is not double v)
            {
                return;
            }

            var suffix = unit is null ? string.Empty : " " + unit;
            if (double.IsNaN(v) || double.IsInfinity(v) || v < min || v > max)
            {
                Fail(field, $"{Format(v)} is out of range; use {Format(min)} to {Format(max)}{suffix}");
            }
        }

        internal static void CheckIntensity(string field, double? value)
        {
            if (value is double v && (double.IsNaN(v) || v < 0 || v > 1))
            {
                Fail(field, $"{Format(v)} is out of range; use 0 to 1");
            }
        }

        internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        internal static string Join<T>(IEnumerable<T> values) => string.Join(", ", values);

        internal static void Fail(string field, string problem) =>
            throw new GladiaValidationException(field, $"{field}: {problem}.");
    }
}
