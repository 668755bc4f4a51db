using GladiaPS.Core.Audio;
using System.Collections.Generic;
using GladiaPS.Core.Configuration;

namespace GladiaPS.Core.Options
{
    /// <summary>
    /// The values the live API documents, for validation and tab completion: language codes (§3.7),
    /// models, regions, encodings, bit depths, sample rates and add-on settings.
    /// </summary>
    public static class GladiaKnownValues
    {
        /// <summary>Transcription language codes (99): <c>language_config.languages</c> and vocabulary <c>language</c>.</summary>
        public static IReadOnlyList<string> Languages { get; } = new[]
        {
            "af", "am", "ar", "as", "az", "ba", "be", "bg", "bn", "bo", "br", "bs", "ca", "cs", "cy", "da", "de", "el",
            "en", "es", "et", "eu", "fa", "fi", "fo", "fr", "gl", "gu", "ha", "haw", "he", "hi", "hr", "ht", "hu", "hy",
            "id", "is", "it", "ja", "jw", "ka", "kk", "km", "kn", "ko", "la", "lb", "ln", "lo", "lt", "lv", "mg", "mi",
            "mk", "ml", "mn", "mr", "ms", "mt", "my", "ne", "nl", "nn", "no", "oc", "pa", "pl", "ps", "pt", "ro", "ru",
            "sa", "sd", "si", "sk", "sl", "sn", "so", "sq", "sr", "su", "sv", "sw", "ta", "te", "tg", "th", "tk", "tl",
            "tr", "tt", "uk", "ur", "uz", "vi", "yi", "yo", "zh",
        };

        /// <summary>Translation target codes (100): the transcription codes plus <c>wo</c>.</summary>
        public static IReadOnlyList<string> TranslationLanguages { get; } = BuildTranslationLanguages();

        /// <summary>Models the docs name. Any string is passed through; these are for completion.</summary>
        public static IReadOnlyList<string> Models { get; } = new[] { "solaria-1", "solaria-2" };

        /// <summary>
        /// Pre-recorded models: those the official SDK (2.1.0) types for <c>model</c> (solaria-1 the default). Any string is
        /// passed through; these are for completion, and others get a warning.
        /// </summary>
        public static IReadOnlyList<string> PreRecordedModels { get; } = new[] { "solaria-1", "solaria-3", "solaria-fusion" };

        /// <summary>Subtitle formats the server writes for a pre-recorded job (<c>subtitles_config.formats</c>).</summary>
        public static IReadOnlyList<string> SubtitleFormats { get; } = new[] { "srt", "vtt" };

        /// <summary><c>subtitles_config.style</c> values.</summary>
        public static IReadOnlyList<string> SubtitleStyles { get; } = new[] { "default", "compliance" };

        /// <summary><c>pii_redaction_config.processed_text_type</c> values.</summary>
        public static IReadOnlyList<string> PiiProcessedTextTypes { get; } = new[] { "MARKER", "MASK" };

        /// <summary><c>pii_redaction_config.entity_types</c> presets and entity types of the API's schema (for completion and notices; others are passed through).</summary>
        public static IReadOnlyList<string> PiiEntityTypes { get; } = new[]
        {
            "APPI", "APPI_SENSITIVE", "CCI", "CORE_ENTITIES", "CPRA", "GDPR", "GDPR_SENSITIVE", "HEALTH_INFORMATION",
            "HIPAA_SAFE_HARBOR", "LIDI", "NUMERICAL_EXCL_PCI", "PCI", "QUEBEC_PRIVACY_ACT", "ACCOUNT_NUMBER", "AGE", "DATE",
            "DATE_INTERVAL", "DOB", "DRIVER_LICENSE", "DURATION", "EMAIL_ADDRESS", "EVENT", "FILENAME", "GENDER", "HEALTHCARE_NUMBER",
            "IP_ADDRESS", "LANGUAGE", "LOCATION", "LOCATION_ADDRESS", "LOCATION_ADDRESS_STREET", "LOCATION_CITY", "LOCATION_COORDINATE",
            "LOCATION_COUNTRY", "LOCATION_STATE", "LOCATION_ZIP", "MARITAL_STATUS", "MONEY", "NAME", "NAME_FAMILY", "NAME_GIVEN",
            "NAME_MEDICAL_PROFESSIONAL", "NUMERICAL_PII", "OCCUPATION", "ORGANIZATION", "ORGANIZATION_MEDICAL_FACILITY", "ORIGIN",
            "PASSPORT_NUMBER", "PASSWORD", "PHONE_NUMBER", "PHYSICAL_ATTRIBUTE", "POLITICAL_AFFILIATION", "RELIGION", "SEXUALITY",
            "SSN", "TIME", "URL", "USERNAME", "VEHICLE_ID", "ZODIAC_SIGN", "BLOOD_TYPE", "CONDITION", "DOSE", "DRUG", "INJURY",
            "MEDICAL_PROCESS", "STATISTICS", "BANK_ACCOUNT", "CREDIT_CARD", "CREDIT_CARD_EXPIRATION", "CVV", "ROUTING_NUMBER",
            "CORPORATE_ACTION", "DAY", "EFFECT", "FINANCIAL_METRIC", "MEDICAL_CODE", "MONTH", "ORGANIZATION_ID", "PRODUCT",
            "PROJECT", "TREND", "YEAR",
        };

        /// <summary><c>callback_config.method</c> values of a pre-recorded job.</summary>
        public static IReadOnlyList<string> CallbackMethods { get; } = new[] { "POST", "PUT" };

        /// <summary>Processing regions.</summary>
        public static IReadOnlyList<string> Regions => GladiaRegions.All;

        /// <summary>Audio encodings' wire names.</summary>
        public static IReadOnlyList<string> Encodings => AudioEncodings.All;

        /// <summary><c>bit_depth</c> values.</summary>
        public static IReadOnlyList<int> BitDepths { get; } = new[] { 8, 16, 24, 32 };

        /// <summary><c>sample_rate</c> values in Hz.</summary>
        public static IReadOnlyList<int> SampleRates { get; } = new[] { 8000, 16000, 32000, 44100, 48000 };

        /// <summary><c>post_processing.summarization_config.type</c> values.</summary>
        public static IReadOnlyList<string> SummarizationTypes { get; } = new[] { "general", "bullet_points", "concise" };

        /// <summary><c>realtime_processing.translation_config.model</c> values.</summary>
        public static IReadOnlyList<string> TranslationModels { get; } = new[] { "base", "batch", "enhanced" };

        /// <summary>Job statuses, as used by the list filter.</summary>
        public static IReadOnlyList<string> JobStatuses { get; } = new[] { "queued", "processing", "done", "error" };

        public const int MinChannels = 1;
        public const int MaxChannels = 8;
        public const double MinEndpointing = 0.01;
        public const double MaxEndpointing = 10;
        public const double MinMaximumDurationWithoutEndpointing = 5;
        public const double MaxMaximumDurationWithoutEndpointing = 60;

        /// <summary>Server defaults (§3) used when a field is not set.</summary>
        public const int DefaultBitDepth = 16;
        public const int DefaultSampleRate = 16000;
        public const int DefaultChannels = 1;
        public const string DefaultModel = "solaria-1";

        private static IReadOnlyList<string> BuildTranslationLanguages()
        {
            var list = new List<string>(Languages) { "wo" };
            list.Sort(System.StringComparer.Ordinal);
            return list.AsReadOnly();
        }
    }
}
