using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GladiaPS.Core.Options
{
    /// <summary>
    /// The body of <c>POST /v2/pre-recorded</c>. Every field but <see cref="AudioUrl"/> is optional; unset
    /// fields are not sent and the server's defaults apply. <see cref="Validate"/> checks them before a job
    /// is created. <see cref="AdditionalFields"/> passes extra top-level fields through for options the API
    /// adds later, and each nested object's own <c>AdditionalFields</c> does the same at its depth.
    /// </summary>
    public sealed class PreRecordedOptions : TranscriptionRequestOptions<PreRecordedOptions>
    {
        /// <summary><c>audio_url</c>: the <c>audio_url</c> an upload returned, or a public audio or video URL.</summary>
        [JsonPropertyName("audio_url")]
        public Uri? AudioUrl { get; set; }

        /// <summary><c>model</c>: any string is passed through; see <see cref="GladiaKnownValues.PreRecordedModels"/>.</summary>
        [JsonPropertyName("model")]
        public string? Model { get; set; }

        [JsonPropertyName("language_config")]
        public LanguageConfig? LanguageConfig { get; set; }

        [JsonPropertyName("custom_vocabulary")]
        public bool? CustomVocabulary { get; set; }

        [JsonPropertyName("custom_vocabulary_config")]
        public CustomVocabularyConfig? CustomVocabularyConfig { get; set; }

        [JsonPropertyName("custom_spelling")]
        public bool? CustomSpelling { get; set; }

        [JsonPropertyName("custom_spelling_config")]
        public CustomSpellingConfig? CustomSpellingConfig { get; set; }

        /// <summary><c>callback</c>: send the finished result to <c>callback_config.url</c>.</summary>
        [JsonPropertyName("callback")]
        public bool? Callback { get; set; }

        [JsonPropertyName("callback_config")]
        public JobCallbackConfig? CallbackConfig { get; set; }

        /// <summary><c>subtitles</c>: have the server write subtitle files (<see cref="SubtitlesConfig"/>).</summary>
        [JsonPropertyName("subtitles")]
        public bool? Subtitles { get; set; }

        [JsonPropertyName("subtitles_config")]
        public SubtitlesConfig? SubtitlesConfig { get; set; }

        /// <summary><c>diarization</c>: label each utterance with its speaker.</summary>
        [JsonPropertyName("diarization")]
        public bool? Diarization { get; set; }

        [JsonPropertyName("diarization_config")]
        public DiarizationConfig? DiarizationConfig { get; set; }

        [JsonPropertyName("translation")]
        public bool? Translation { get; set; }

        [JsonPropertyName("translation_config")]
        public TranslationConfig? TranslationConfig { get; set; }

        [JsonPropertyName("summarization")]
        public bool? Summarization { get; set; }

        [JsonPropertyName("summarization_config")]
        public SummarizationConfig? SummarizationConfig { get; set; }

        [JsonPropertyName("named_entity_recognition")]
        public bool? NamedEntityRecognition { get; set; }

        [JsonPropertyName("sentiment_analysis")]
        public bool? SentimentAnalysis { get; set; }

        /// <summary><c>chapterization</c>: cut the transcript into chapters with headlines and summaries.</summary>
        [JsonPropertyName("chapterization")]
        public bool? Chapterization { get; set; }

        /// <summary><c>audio_to_llm</c>: answer <c>audio_to_llm_config.prompts</c> about the transcript.</summary>
        [JsonPropertyName("audio_to_llm")]
        public bool? AudioToLlm { get; set; }

        [JsonPropertyName("audio_to_llm_config")]
        public AudioToLlmConfig? AudioToLlmConfig { get; set; }

        /// <summary><c>pii_redaction</c>: the transcript comes back with personal data replaced.</summary>
        [JsonPropertyName("pii_redaction")]
        public bool? PiiRedaction { get; set; }

        [JsonPropertyName("pii_redaction_config")]
        public PiiRedactionConfig? PiiRedactionConfig { get; set; }

        /// <summary><c>sentences</c>: also return the transcript cut into sentences.</summary>
        [JsonPropertyName("sentences")]
        public bool? Sentences { get; set; }

        [JsonPropertyName("punctuation_enhanced")]
        public bool? PunctuationEnhanced { get; set; }

        /// <summary><c>custom_metadata</c>: any JSON object; returned with the job and filterable in the list.</summary>
        [JsonPropertyName("custom_metadata")]
        public JsonObject? CustomMetadata { get; set; }

        /// <summary>Checks every set field; <see cref="AudioUrl"/> may still be unset (the upload fills it).</summary>
        /// <exception cref="GladiaValidationException">The first problem found; <see cref="GladiaValidationException.Field"/> is its wire path.</exception>
        public override void Validate() => PreRecordedOptionsValidator.Validate(this);

        /// <inheritdoc/>
        public override IReadOnlyList<GladiaUnknownValue> FindUnknownValues() => PreRecordedOptionsValidator.FindUnknownValues(this);

        /// <summary>Reads a body; fields without a typed property land in the <c>AdditionalFields</c> of their object.</summary>
        /// <exception cref="JsonException">The text is not a JSON object of this shape.</exception>
        public static PreRecordedOptions FromJson(string json) =>
            Read(json, OptionsJsonContext.Default.PreRecordedOptions, PreRecordedOptionsValidator.TypedFields, "The pre-recorded body");

        private protected override JsonObject? Metadata { get => CustomMetadata; set => CustomMetadata = value; }

        private protected override JsonTypeInfo<PreRecordedOptions> TypeInfo => OptionsJsonContext.Default.PreRecordedOptions;

        private protected override ICollection<string> TypedFieldNames => PreRecordedOptionsValidator.TypedFields;

        /// <summary>The model and the features asked for; never the URL, metadata or callback.</summary>
        public override string ToString()
        {
            var parts = new List<string> { Model ?? "default model" };
            AddIf(parts, Diarization, "diarization");
            AddIf(parts, Subtitles, "subtitles");
            AddIf(parts, PiiRedaction, "pii_redaction");
            AddIf(parts, Sentences, "sentences");
            AddIf(parts, Translation, "translation");
            AddIf(parts, Summarization, "summarization");
            AddIf(parts, Chapterization, "chapterization");
            AddIf(parts, AudioToLlm, "audio_to_llm");
            return string.Join(", ", parts);
        }

        private static void AddIf(List<string> parts, bool? enabled, string name)
        {
            if (enabled == true)
            {
                parts.Add(name);
            }
        }
    }
}
