using System;
using System.Collections.Generic;
using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>
    /// One chapter of <c>post_chapterization</c>, read from either documented shape (§6.9):
    /// <c>{headline, start, end, keywords}</c> or <c>{start_time, end_time, summary}</c>, and the fields a result's
    /// chapters carry besides (<c>gist</c>, <c>extractive_summary</c>, <c>sentences</c>, <c>text</c>).
    /// </summary>
    public sealed class Chapter
    {
        public string? Headline { get; internal set; }

        public string? Summary { get; internal set; }

        public double? Start { get; internal set; }

        public double? End { get; internal set; }

        public IReadOnlyList<string> Keywords { get; internal set; } = Array.Empty<string>();

        /// <summary>The chapter in a few words.</summary>
        public string? Gist { get; internal set; }

        /// <summary>The chapter's summary made of its own sentences (a list of sentences is joined with spaces).</summary>
        public string? ExtractiveSummary { get; internal set; }

        /// <summary>The chapter's sentences, as text.</summary>
        public IReadOnlyList<string> Sentences { get; internal set; } = Array.Empty<string>();

        /// <summary>The chapter's text.</summary>
        public string? Text { get; internal set; }

        public override string ToString() => Headline ?? Summary ?? string.Empty;

        internal static Chapter FromJson(JsonElement element) => new Chapter
        {
            Headline = TolerantJson.GetString(element, "headline"),
            Summary = TolerantJson.GetString(element, "summary") ?? TolerantJson.GetString(element, "abstractive_summary"),
            Start = TolerantJson.GetSeconds(element, "start") ?? TolerantJson.GetSeconds(element, "start_time"),
            End = TolerantJson.GetSeconds(element, "end") ?? TolerantJson.GetSeconds(element, "end_time"),
            Keywords = TolerantJson.GetStringList(element, "keywords"),
            Gist = TolerantJson.GetString(element, "gist"),
            ExtractiveSummary = TolerantJson.GetString(element, "extractive_summary") ?? JoinedOrNull(TolerantJson.GetStringList(element, "extractive_summary")),
            Sentences = SentencesOf(element),
            Text = TolerantJson.GetString(element, "text"),
        };

        private static string? JoinedOrNull(IReadOnlyList<string> parts) => parts.Count == 0 ? null : string.Join(" ", parts);

        // A list of strings, of objects with a sentence or text, or one string.
        private static IReadOnlyList<string> SentencesOf(JsonElement element)
        {
            if (TolerantJson.GetString(element, "sentences") is { } single)
            {
                return new[] { single };
            }

            if (TolerantJson.GetArray(element, "sentences") is not { } array)
            {
                return Array.Empty<string>();
            }

            var sentences = new List<string>();
            foreach (var item in array.EnumerateArray())
            {
                var text = item.ValueKind == JsonValueKind.Object
                    ? TolerantJson.GetString(item, "sentence") ?? TolerantJson.GetString(item, "text")
                    : TolerantJson.AsString(item);
                if (text is not null)
                {
                    sentences.Add(text);
                }
            }

            return sentences;
        }
    }
}
