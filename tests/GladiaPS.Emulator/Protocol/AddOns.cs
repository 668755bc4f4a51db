using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Emulator.Protocol
{
    /// <summary>
    /// The emulator's deterministic stand-ins for Gladia's language add-ons, so tests can predict them:
    /// translation appends <c>_&lt;target&gt;</c> to every word; named entities tag number words as
    /// <c>cardinal</c> and every other word as <c>phonetic_letter</c>; sentiment is always
    /// <c>neutral</c>/<c>neutral</c>; summaries are built from the utterance texts (see <see cref="Summarize"/>).
    /// </summary>
    internal static class AddOns
    {
        private static readonly HashSet<string> NumberWords = new(StringComparer.Ordinal) { "zero", "one", "two", "three", "four", "five" };

        public static JsonObject TranslatedUtterance(RecognizedUtterance utterance, string target) =>
            LiveMessages.Utterance(utterance.Start, utterance.End, utterance.Confidence, utterance.Channel, target,
                utterance.Words.Select(w => ($"{w.Word}_{target}", w.Start, w.End, w.Confidence)));

        public static JsonArray Entities(RecognizedUtterance utterance) => new(utterance.Words.Select(w => (JsonNode)new JsonObject
        {
            ["entity_type"] = NumberWords.Contains(w.Word) ? "cardinal" : "phonetic_letter",
            ["text"] = w.Word,
            ["start"] = LiveMessages.Seconds(w.Start),
            ["end"] = LiveMessages.Seconds(w.End),
        }).ToArray());

        public static JsonArray Sentiments(RecognizedUtterance utterance) => new(new JsonObject
        {
            ["sentiment"] = "neutral",
            ["emotion"] = "neutral",
            ["text"] = utterance.Text,
            ["start"] = LiveMessages.Seconds(utterance.Start),
            ["end"] = LiveMessages.Seconds(utterance.End),
            ["channel"] = utterance.Channel,
        });

        /// <summary>
        /// general: "&lt;N&gt; utterances, &lt;W&gt; words: &lt;full transcript&gt;"; bullet_points: one "- text" line per
        /// utterance; concise: the first utterance's text ("" when there is none).
        /// </summary>
        public static string Summarize(IReadOnlyList<RecognizedUtterance> utterances, string type)
        {
            switch (type)
            {
                case "bullet_points":
                    return string.Join("\n", utterances.Select(u => "- " + u.Text));
                case "concise":
                    return utterances.Count == 0 ? string.Empty : utterances[0].Text;
                default:
                    var words = utterances.Sum(u => u.Words.Count);
                    return $"{utterances.Count} utterances, {words} words: {string.Join(" ", utterances.Select(u => u.Text))}";
            }
        }

        public static JsonObject Block(JsonNode? results) => new()
        {
            ["success"] = true,
            ["is_empty"] = results is null || (results is JsonArray a && a.Count == 0) || (results is JsonValue v && v.ToString().Length == 0),
            ["exec_time"] = 0.0,
            ["error"] = null,
            ["results"] = results,
        };
    }
}
