using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary>
    /// The body of <c>POST /v2/pre-recorded</c>. Every field but <see cref="AudioUrl"/> is optional; unset
    /// fields are not sent and the server's defaults apply. <see cref="Validate"/> checks them before a job
    /// is created. <see cref="AdditionalFields"/> passes extra top-level fields through for options the API
    /// adds later, and each nested object's own <c>AdditionalFields</c> does the same at its depth.
    /// </summary>
    public sealed class PreRecordedOptions
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

        /// <summary>
        /// Extra top-level fields merged into the body as they are. A name that is also a typed field is
        /// refused by <see cref="Validate"/> and <see cref="ToJson"/>.
        /// </summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary>Checks every set field; <see cref="AudioUrl"/> may still be unset (the upload fills it).</summary>
        /// <exception cref="GladiaValidationException">The first problem found; <see cref="GladiaValidationException.Field"/> is its wire path.</exception>
        public void Validate() => PreRecordedOptionsValidator.Validate(this);

        /// <summary>The body as JSON: snake_case, unset fields left out, additional fields merged.</summary>
        /// <exception cref="GladiaValidationException">An additional field clashes with a typed one.</exception>
        public string ToJson() => ToJsonObject().ToJsonString();

        /// <summary>The body as a mutable JSON object.</summary>
        /// <exception cref="GladiaValidationException">An additional field clashes with a typed one.</exception>
        public JsonObject ToJsonObject()
        {
            PreRecordedOptionsValidator.ValidateAdditionalFields(this);
            var body = TypedFieldsToJsonObject();
            NestedAdditionalFields.MergeInto(this, body);
            if (AdditionalFields != null)
            {
                foreach (var field in AdditionalFields)
                {
                    body[field.Key] = field.Value?.DeepClone();
                }
            }

            return body;
        }

        /// <summary>Reads a body; fields without a typed property land in the <c>AdditionalFields</c> of their object.</summary>
        /// <exception cref="JsonException">The text is not a JSON object of this shape.</exception>
        public static PreRecordedOptions FromJson(string json)
        {
            var node = JsonNode.Parse(json) as JsonObject
                ?? throw new JsonException("The pre-recorded body must be a JSON object.");
            var options = node.Deserialize(OptionsJsonContext.Default.PreRecordedOptions)
                ?? throw new JsonException("The pre-recorded body must be a JSON object.");
            NestedAdditionalFields.CollectFrom(node, options);
            foreach (var field in node)
            {
                if (!PreRecordedOptionsValidator.TypedFields.Contains(field.Key))
                {
                    options.AdditionalFields ??= new JsonObject();
                    options.AdditionalFields[field.Key] = field.Value?.DeepClone();
                }
            }

            return options;
        }

        /// <summary>A deep copy, additional fields included (at every depth).</summary>
        public PreRecordedOptions Clone()
        {
            var copy = TypedFieldsToJsonObject().Deserialize(OptionsJsonContext.Default.PreRecordedOptions)!;
            NestedAdditionalFields.Copy(this, copy);
            copy.AdditionalFields = (JsonObject?)AdditionalFields?.DeepClone();
            return copy;
        }

        private JsonObject TypedFieldsToJsonObject() =>
            JsonSerializer.SerializeToNode(this, OptionsJsonContext.Default.PreRecordedOptions)!.AsObject();

        /// <summary>The model and the features asked for; never the URL, metadata or callback.</summary>
        public override string ToString()
        {
            var parts = new System.Collections.Generic.List<string> { Model ?? "default model" };
            AddIf(parts, Diarization, "diarization");
            AddIf(parts, Subtitles, "subtitles");
            AddIf(parts, PiiRedaction, "pii_redaction");
            AddIf(parts, Sentences, "sentences");
            AddIf(parts, Translation, "translation");
            AddIf(parts, Summarization, "summarization");
            AddIf(parts, AudioToLlm, "audio_to_llm");
            return string.Join(", ", parts);
        }

        private static void AddIf(System.Collections.Generic.List<string> parts, bool? enabled, string name)
        {
            if (enabled == true)
            {
                parts.Add(name);
            }
        }
    }
}
