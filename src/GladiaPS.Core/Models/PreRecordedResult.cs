using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>
    /// A pre-recorded job's <c>result</c>: the transcription (utterances with their speaker when diarization
    /// ran, words, subtitles, sentences; redacted when PII redaction ran) and the add-ons. Blocks without a
    /// typed property (chapterization, moderation, fields the API adds later) are kept in <see cref="OtherFields"/>.
    /// </summary>
    public sealed class PreRecordedResult
    {
        private static readonly HashSet<string> Typed = new HashSet<string>(StringComparer.Ordinal)
        {
            "metadata", "transcription", "translation", "summarization", "named_entity_recognition",
            "sentiment_analysis", "audio_to_llm", "sentences",
        };

        public LiveResultMetadata? Metadata { get; internal set; }

        public Transcription? Transcription { get; internal set; }

        public TranslationBlock? Translation { get; internal set; }

        public SummarizationBlock? Summarization { get; internal set; }

        public NamedEntityRecognitionBlock? NamedEntityRecognition { get; internal set; }

        public SentimentAnalysisBlock? SentimentAnalysis { get; internal set; }

        public AudioToLlmBlock? AudioToLlm { get; internal set; }

        /// <summary>Every other field of the result, as plain dictionaries, arrays and values.</summary>
        public IReadOnlyDictionary<string, object?> OtherFields { get; internal set; } = new Dictionary<string, object?>();

        /// <summary>The whole transcript text, or an empty string when there is none.</summary>
        public string FullTranscript => Transcription?.FullTranscript ?? string.Empty;

        public IReadOnlyList<Utterance> Utterances => Transcription?.Utterances ?? Array.Empty<Utterance>();

        public IReadOnlyList<Sentence> Sentences => Transcription?.Sentences ?? Array.Empty<Sentence>();

        public IReadOnlyList<SubtitleFile> Subtitles => Transcription?.Subtitles ?? Array.Empty<SubtitleFile>();

        /// <summary>The summary text, when summarization ran.</summary>
        public string? Summary => Summarization?.Results;

        public override string ToString() => FullTranscript;

        /// <summary>Reads a result from a JSON object; missing or malformed fields are left empty.</summary>
        public static PreRecordedResult FromJson(JsonElement element)
        {
            var result = new PreRecordedResult();
            if (element.ValueKind != JsonValueKind.Object)
            {
                return result;
            }

            result.Metadata = TolerantJson.GetObject(element, "metadata") is { } metadata ? LiveResultMetadata.FromJson(metadata) : null;
            result.Transcription = TolerantJson.GetObject(element, "transcription") is { } transcription ? Transcription.FromJson(transcription) : null;
            result.Translation = TolerantJson.GetObject(element, "translation") is { } translation ? TranslationBlock.FromJson(translation) : null;
            result.Summarization = TolerantJson.GetObject(element, "summarization") is { } summary ? SummarizationBlock.FromJson(summary) : null;
            result.NamedEntityRecognition = TolerantJson.GetObject(element, "named_entity_recognition") is { } ner ? NamedEntityRecognitionBlock.FromJson(ner) : null;
            result.SentimentAnalysis = TolerantJson.GetObject(element, "sentiment_analysis") is { } sentiment ? SentimentAnalysisBlock.FromJson(sentiment) : null;
            result.AudioToLlm = TolerantJson.GetObject(element, "audio_to_llm") is { } llm ? AudioToLlmBlock.FromJson(llm) : null;

            // Older answers put sentences beside the transcription rather than in it.
            if (result.Transcription is { } t && t.Sentences.Count == 0 && TolerantJson.TryGetProperty(element, "sentences", out var sentences))
            {
                t.Sentences = Sentence.ReadAll(sentences);
            }

            var other = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!Typed.Contains(property.Name))
                {
                    other[property.Name] = TolerantJson.ToPlainValue(property.Value);
                }
            }

            result.OtherFields = other;
            return result;
        }
    }
}
