using System;
using System.Collections.Generic;
using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>
    /// One chapter of <c>post_chapterization</c>, read from either documented shape (§6.9):
    /// <c>{headline, start, end, keywords}</c> or <c>{start_time, end_time, summary}</c>.
    /// </summary>
    public sealed class Chapter
    {
        public string? Headline { get; internal set; }

        public string? Summary { get; internal set; }

        public double? Start { get; internal set; }

        public double? End { get; internal set; }

        public IReadOnlyList<string> Keywords { get; internal set; } = Array.Empty<string>();

        public override string ToString() => Headline ?? Summary ?? string.Empty;

        internal static Chapter FromJson(JsonElement element) => new Chapter
        {
            Headline = TolerantJson.GetString(element, "headline"),
            Summary = TolerantJson.GetString(element, "summary") ?? TolerantJson.GetString(element, "abstractive_summary"),
            Start = TolerantJson.GetSeconds(element, "start") ?? TolerantJson.GetSeconds(element, "start_time"),
            End = TolerantJson.GetSeconds(element, "end") ?? TolerantJson.GetSeconds(element, "end_time"),
            Keywords = TolerantJson.GetStringList(element, "keywords"),
        };
    }
}
