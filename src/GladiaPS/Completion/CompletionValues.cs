using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Options;

namespace GladiaPS.Completion
{
    /// <summary>A value to suggest and what it means.</summary>
    public sealed class CompletionValue
    {
        public CompletionValue(string value, string description)
        {
            Value = value;
            Description = description;
        }

        public string Value { get; }

        public string Description { get; }

        public override string ToString() => Value;
    }

    /// <summary>The values GladiaPS suggests, kept apart from PowerShell so they can be checked on their own.</summary>
    public static class CompletionValues
    {
        public static IReadOnlyList<CompletionValue> Languages { get; } = WithNames(GladiaKnownValues.Languages);

        public static IReadOnlyList<CompletionValue> TranslationLanguages { get; } = WithNames(GladiaKnownValues.TranslationLanguages);

        public static IReadOnlyList<CompletionValue> Models { get; } = GladiaKnownValues.Models
            .Select(m => new CompletionValue(m, m == GladiaKnownValues.DefaultModel ? m + " (the default)" : m)).ToArray();

        /// <summary>Models of both kinds: the live ones and the pre-recorded (batch) ones.</summary>
        public static IReadOnlyList<CompletionValue> PreRecordedModels { get; } = GladiaKnownValues.PreRecordedModels
            .Select(m => new CompletionValue(m, m + " (pre-recorded)")).ToArray();

        public static IReadOnlyList<CompletionValue> SubtitleFormats { get; } = new[]
        {
            new CompletionValue("srt", "srt: SubRip"),
            new CompletionValue("vtt", "vtt: WebVTT"),
        };

        public static IReadOnlyList<CompletionValue> PiiProcessedTextTypes { get; } = new[]
        {
            new CompletionValue("MARKER", "MARKER: the entity's type in its place, e.g. [PHONE_NUMBER]"),
            new CompletionValue("MASK", "MASK: the entity masked, e.g. #####"),
        };

        public static IReadOnlyList<CompletionValue> SubtitleStyles { get; } = GladiaKnownValues.SubtitleStyles
            .Select(s => new CompletionValue(s, s)).ToArray();

        public static IReadOnlyList<CompletionValue> PiiEntityTypes { get; } = GladiaKnownValues.PiiEntityTypes
            .Select(t => new CompletionValue(t, t)).ToArray();

        public static IReadOnlyList<CompletionValue> Regions { get; } = new[]
        {
            new CompletionValue("eu-west", "eu-west: Europe"),
            new CompletionValue("us-west", "us-west: United States"),
        };

        public static IReadOnlyList<CompletionValue> Encodings { get; } = new[]
        {
            new CompletionValue("wav/pcm", "wav/pcm: linear PCM, 8, 16, 24 or 32 bits"),
            new CompletionValue("wav/alaw", "wav/alaw: G.711 A-law, 8 bits (telephony, Europe)"),
            new CompletionValue("wav/ulaw", "wav/ulaw: G.711 mu-law, 8 bits (telephony, North America)"),
        };

        public static IReadOnlyList<CompletionValue> SampleRates { get; } = GladiaKnownValues.SampleRates
            .Select(r => new CompletionValue(r.ToString(CultureInfo.InvariantCulture), r.ToString(CultureInfo.InvariantCulture) + " Hz")).ToArray();

        public static IReadOnlyList<CompletionValue> BitDepths { get; } = GladiaKnownValues.BitDepths
            .Select(b => new CompletionValue(b.ToString(CultureInfo.InvariantCulture), b + "-bit" + (b == 8 ? " (the only depth of wav/alaw and wav/ulaw)" : string.Empty))).ToArray();

        public static IReadOnlyList<CompletionValue> TranslationModels { get; } = GladiaKnownValues.TranslationModels
            .Select(m => new CompletionValue(m, m)).ToArray();

        public static IReadOnlyList<CompletionValue> SummaryTypes { get; } = GladiaKnownValues.SummarizationTypes
            .Select(t => new CompletionValue(t, t)).ToArray();

        public static IReadOnlyList<CompletionValue> MessageTypes { get; } = new[]
        {
            new CompletionValue(LiveMessageTypes.Transcript, "transcript: partial and final utterances"),
            new CompletionValue(LiveMessageTypes.SpeechStart, "speech_start: speech began on a channel"),
            new CompletionValue(LiveMessageTypes.SpeechEnd, "speech_end: speech ended on a channel"),
            new CompletionValue(LiveMessageTypes.Translation, "translation: an utterance translated"),
            new CompletionValue(LiveMessageTypes.NamedEntityRecognition, "named_entity_recognition: entities of an utterance"),
            new CompletionValue(LiveMessageTypes.SentimentAnalysis, "sentiment_analysis: sentiment of an utterance"),
            new CompletionValue(LiveMessageTypes.PostTranscript, "post_transcript: the whole transcript after the recording"),
            new CompletionValue(LiveMessageTypes.PostFinalTranscript, "post_final_transcript: the final result"),
            new CompletionValue(LiveMessageTypes.PostSummarization, "post_summarization: the summary"),
            new CompletionValue(LiveMessageTypes.PostChapterization, "post_chapterization: the chapters"),
            new CompletionValue(LiveMessageTypes.StartSession, "start_session: the session started"),
            new CompletionValue(LiveMessageTypes.StartRecording, "start_recording: the first audio arrived"),
            new CompletionValue(LiveMessageTypes.EndRecording, "end_recording: the recording ended"),
            new CompletionValue(LiveMessageTypes.EndSession, "end_session: the session ended"),
            new CompletionValue(LiveMessageTypes.Error, "error: an error from the server or the client"),
            new CompletionValue(LiveMessageTypes.AudioChunk, "audio_chunk: acknowledgments of audio (only when requested)"),
            new CompletionValue(LiveMessageTypes.StopRecording, "stop_recording: acknowledgment of the stop (only when requested)"),
        };

        /// <summary>Values whose code starts with <paramref name="word"/>, then those whose description contains it ("fren" finds fr).</summary>
        public static IEnumerable<CompletionValue> Match(IEnumerable<CompletionValue> values, string word)
        {
            var list = values as IReadOnlyList<CompletionValue> ?? values.ToList();
            var byCode = list.Where(v => v.Value.StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList();
            var byDescription = word.Length < 2
                ? Enumerable.Empty<CompletionValue>()
                : list.Where(v => !byCode.Contains(v) && v.Description.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);
            return byCode.Concat(byDescription);
        }

        private static IReadOnlyList<CompletionValue> WithNames(IEnumerable<string> codes) =>
            codes.Select(code => new CompletionValue(code, code + ": " + LanguageName(code))).ToArray();

        private static string LanguageName(string code)
        {
            switch (code)
            {
                case "jw": return "Javanese";
                case "haw": return "Hawaiian";
                case "no": return "Norwegian";
            }

            try
            {
                var culture = CultureInfo.GetCultureInfo(code);
                // Invariant-globalization hosts (and unknown codes) give back the code itself.
                return string.IsNullOrEmpty(culture.EnglishName) || culture.EnglishName.StartsWith("Unknown", StringComparison.Ordinal) ||
                       string.Equals(culture.EnglishName, code, StringComparison.OrdinalIgnoreCase)
                    ? code
                    : culture.EnglishName;
            }
            catch (CultureNotFoundException)
            {
                return code;
            }
        }
    }
}
