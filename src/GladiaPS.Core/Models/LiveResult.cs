using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>
    /// A live session's result (§9.2): the <c>result</c> of a job and the data of
    /// <c>post_final_transcript</c>. Fields the API may add later stay available in the raw JSON of the
    /// job or message that carries it (nested objects keep no copy of their own, so a long session's
    /// result is held once).
    /// </summary>
    public sealed class LiveResult
    {
        public LiveResultMetadata? Metadata { get; internal set; }

        public Transcription? Transcription { get; internal set; }

        public TranslationBlock? Translation { get; internal set; }

        public SummarizationBlock? Summarization { get; internal set; }

        public NamedEntityRecognitionBlock? NamedEntityRecognition { get; internal set; }

        public SentimentAnalysisBlock? SentimentAnalysis { get; internal set; }

        public ChapterizationBlock? Chapterization { get; internal set; }

        /// <summary>
        /// The socket messages the server kept, one JSON text per entry. The sources disagree on whether
        /// entries are strings or objects (§11 #11); a string is kept as is, anything else as its JSON.
        /// </summary>
        public IReadOnlyList<string> Messages { get; internal set; } = Array.Empty<string>();

        /// <summary>The whole transcript text, or an empty string when there is none.</summary>
        public string FullTranscript => Transcription?.FullTranscript ?? string.Empty;

        public IReadOnlyList<Utterance> Utterances => Transcription?.Utterances ?? Array.Empty<Utterance>();

        public override string ToString() => FullTranscript;

        /// <summary>Reads a result from its JSON text; throws <see cref="FormatException"/> when it is not a JSON object.</summary>
        public static LiveResult Parse(string json)
        {
            if (json is null)
            {
                throw new ArgumentNullException(nameof(json));
            }

            using var document = TolerantJson.TryParseDocument(json);
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The live result is not a JSON object.");
            }

            return FromJson(document.RootElement);
        }

        /// <summary>Reads a result from a JSON object; missing or malformed fields are left empty.</summary>
        public static LiveResult FromJson(JsonElement element)
        {
            var result = new LiveResult();
            if (element.ValueKind != JsonValueKind.Object)
            {
                return result;
            }

            result.Metadata = Read(element, "metadata", LiveResultMetadata.FromJson);
            result.Transcription = Read(element, "transcription", Transcription.FromJson);
            result.Translation = Read(element, "translation", TranslationBlock.FromJson);
            result.Summarization = Read(element, "summarization", SummarizationBlock.FromJson);
            result.NamedEntityRecognition = Read(element, "named_entity_recognition", NamedEntityRecognitionBlock.FromJson);
            result.SentimentAnalysis = Read(element, "sentiment_analysis", SentimentAnalysisBlock.FromJson);
            result.Chapterization = Read(element, "chapterization", ChapterizationBlock.FromJson);

            if (TolerantJson.GetArray(element, "messages") is { } messages)
            {
                var list = new List<string>();
                foreach (var entry in messages.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.String)
                    {
                        list.Add(entry.GetString() ?? string.Empty);
                    }
                    else if (entry.ValueKind != JsonValueKind.Null)
                    {
                        list.Add(entry.GetRawText());
                    }
                }

                result.Messages = list;
            }

            return result;
        }

        private static T? Read<T>(JsonElement parent, string name, Func<JsonElement, T> read)
            where T : class =>
            TolerantJson.GetObject(parent, name) is { } value ? read(value) : null;
    }
}
