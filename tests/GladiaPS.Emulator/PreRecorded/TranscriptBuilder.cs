using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Emulator.PreRecorded
{
    /// <summary>
    /// A pre-recorded result from tone words (README "Pre-recorded"): recognition per channel, then the stand-ins
    /// for what a speech model would add — diarization, PII redaction, subtitles, sentences, summary, audio-to-LLM.
    /// Every rule is deterministic so a test can predict the result word for word.
    /// </summary>
    internal static class TranscriptBuilder
    {
        /// <summary>The words that count as personal data for the PII stand-in: the vocabulary's digits.</summary>
        public static readonly IReadOnlySet<string> DigitWords = new HashSet<string>(StringComparer.Ordinal) { "zero", "one", "two", "three", "four", "five" };

        public static JsonObject Build(string wavPath, JsonObject request, double duration, int channels, double transcriptionSeconds)
        {
            var utterances = ToneRecognizer.RecognizeWav(File.ReadAllBytes(wavPath));
            var language = request["language_config"]?["languages"] is JsonArray { Count: > 0 } languages ? (string?)languages[0] ?? "en" : "en";
            var speakers = request["diarization"]?.GetValue<bool>() == true ? SpeakerCount(request["diarization_config"] as JsonObject) : 0;
            var pii = request["pii_redaction"]?.GetValue<bool>() == true;
            var mask = (string?)request["pii_redaction_config"]?["processed_text_type"] == "MASK";

            var perChannelIndex = new Dictionary<int, int>();
            var items = new List<(RecognizedUtterance Utterance, int? Speaker, string Text, JsonArray Words)>();
            foreach (var utterance in utterances.OrderBy(u => u.Start).ThenBy(u => u.Channel))
            {
                perChannelIndex.TryGetValue(utterance.Channel, out var index);
                perChannelIndex[utterance.Channel] = index + 1;
                int? speaker = speakers > 0 ? utterance.Channel * speakers + index % speakers : null;
                var words = new JsonArray();
                foreach (var word in utterance.Words)
                {
                    words.Add(new JsonObject
                    {
                        ["word"] = (words.Count == 0 ? string.Empty : " ") + Redact(word.Word, pii, mask),
                        ["start"] = Math.Round(word.Start, 3),
                        ["end"] = Math.Round(word.End, 3),
                        ["confidence"] = Math.Round(word.Confidence, 3),
                    });
                }

                var text = string.Join(" ", utterance.Words.Select(w => Redact(w.Word, pii, mask)));
                items.Add((utterance, speaker, text, words));
            }

            var utteranceArray = new JsonArray();
            foreach (var (u, speaker, text, words) in items)
            {
                var node = new JsonObject
                {
                    ["start"] = Math.Round(u.Start, 3),
                    ["end"] = Math.Round(u.End, 3),
                    ["confidence"] = Math.Round(u.Confidence, 3),
                    ["channel"] = u.Channel,
                    ["words"] = words,
                    ["text"] = text,
                    ["language"] = language,
                };
                if (speaker is int s)
                {
                    node["speaker"] = s;
                }

                utteranceArray.Add(node);
            }

            var fullTranscript = string.Join(" ", items.Select(i => i.Text));
            var transcription = new JsonObject
            {
                ["full_transcript"] = fullTranscript,
                ["languages"] = new JsonArray(language),
                ["utterances"] = utteranceArray,
            };

            if (request["subtitles"]?.GetValue<bool>() == true)
            {
                var formats = request["subtitles_config"]?["formats"] is JsonArray f && f.Count > 0
                    ? f.Select(x => (string?)x ?? "srt").ToArray()
                    : new[] { "srt" };
                transcription["subtitles"] = new JsonArray(formats.Select(format => (JsonNode)new JsonObject
                {
                    ["format"] = format,
                    ["subtitles"] = Subtitles(format, items.Select(i => (i.Utterance.Start, i.Utterance.End, i.Text))),
                }).ToArray());
            }

            if (request["sentences"]?.GetValue<bool>() == true)
            {
                transcription["sentences"] = new JsonArray(Block(new JsonArray(items.Select(i => (JsonNode)JsonValue.Create(Sentence(i.Text))!).ToArray())));
            }

            var result = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["audio_duration"] = Math.Round(duration, 3),
                    ["number_of_distinct_channels"] = channels,
                    ["billing_time"] = Math.Round(duration, 3),
                    ["transcription_time"] = Math.Round(transcriptionSeconds, 3),
                },
                ["transcription"] = transcription,
            };

            if (request["summarization"]?.GetValue<bool>() == true)
            {
                result["summarization"] = Block(JsonValue.Create(Summary(items.Count, fullTranscript)));
            }

            if (request["sentiment_analysis"]?.GetValue<bool>() == true)
            {
                // The live stand-in's rule (neutral/neutral per utterance); results is a string holding the JSON, as the job schema types it.
                result["sentiment_analysis"] = Block(JsonValue.Create(new JsonArray(items.Select(i => (JsonNode)new JsonObject
                {
                    ["sentiment"] = "neutral",
                    ["emotion"] = "neutral",
                    ["text"] = i.Text,
                    ["start"] = Math.Round(i.Utterance.Start, 3),
                    ["end"] = Math.Round(i.Utterance.End, 3),
                    ["channel"] = i.Utterance.Channel,
                }).ToArray()).ToJsonString()));
            }

            if (request["audio_to_llm"]?.GetValue<bool>() == true && request["audio_to_llm_config"]?["prompts"] is JsonArray prompts)
            {
                result["audio_to_llm"] = Block(new JsonArray(prompts.Select(p => (JsonNode)Block(new JsonObject
                {
                    ["prompt"] = (string?)p,
                    ["response"] = AudioToLlmResponse((string?)p ?? string.Empty, fullTranscript),
                })).ToArray()));
            }

            return result;
        }

        /// <summary>Diarization stand-in: the number of speakers to cycle through (number_of_speakers, else min_speakers, else 2; at most max_speakers).</summary>
        public static int SpeakerCount(JsonObject? config)
        {
            var count = (int?)config?["number_of_speakers"] ?? Math.Max((int?)config?["min_speakers"] ?? 2, 1);
            if ((int?)config?["max_speakers"] is int max && max >= 1)
            {
                count = Math.Min(count, max);
            }

            return Math.Max(1, count);
        }

        public static string Redact(string word, bool pii, bool mask) =>
            !pii || !DigitWords.Contains(word) ? word : mask ? new string('#', word.Length) : "[NUMERICAL_PII]";

        public static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1) + ".";

        public static string Summary(int utterances, string fullTranscript) =>
            string.Format(CultureInfo.InvariantCulture, "{0} utterances, {1} words.", utterances,
                fullTranscript.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);

        public static string AudioToLlmResponse(string prompt, string fullTranscript) =>
            string.Format(CultureInfo.InvariantCulture, "{0} -> {1} characters of transcript.", prompt, fullTranscript.Length);

        public static string Subtitles(string format, IEnumerable<(double Start, double End, string Text)> cues)
        {
            var vtt = format == "vtt";
            var text = new StringBuilder(vtt ? "WEBVTT\n\n" : string.Empty);
            var n = 0;
            foreach (var (start, end, line) in cues)
            {
                n++;
                if (!vtt)
                {
                    text.Append(n.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }

                text.Append(Time(start, vtt)).Append(" --> ").Append(Time(end, vtt)).Append('\n').Append(line).Append("\n\n");
            }

            return text.ToString();
        }

        private static string Time(double seconds, bool vtt)
        {
            var t = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
            return string.Format(CultureInfo.InvariantCulture, "{0:00}:{1:00}:{2:00}{3}{4:000}", (int)t.TotalHours, t.Minutes, t.Seconds, vtt ? '.' : ',', t.Milliseconds);
        }

        private static JsonObject Block(JsonNode? results) => new JsonObject
        {
            ["success"] = true,
            ["is_empty"] = false,
            ["exec_time"] = 0.01,
            ["error"] = null,
            ["results"] = results,
        };
    }
}
