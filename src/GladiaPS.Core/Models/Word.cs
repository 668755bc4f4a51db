using System;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>One word of an utterance with its timing (§6.11). Times are seconds from the start of the session's audio.</summary>
    public sealed class Word
    {
        /// <summary>The word as the API wrote it (it may carry punctuation or a leading space).</summary>
        public string Text { get; internal set; } = string.Empty;

        public double Start { get; internal set; }

        public double End { get; internal set; }

        public double? Confidence { get; internal set; }

        /// <summary>The same word with its times moved on by <paramref name="seconds"/> (a later session's offset in its input).</summary>
        public Word OffsetBy(double seconds) => new Word { Text = Text, Start = Start + seconds, End = End + seconds, Confidence = Confidence };

        public override string ToString() => Text.Trim();

        internal static Word FromJson(JsonElement element) => new Word
        {
            Text = TolerantJson.GetString(element, "word") ?? string.Empty,
            Start = TolerantJson.GetSeconds(element, "start") ?? 0,
            End = TolerantJson.GetSeconds(element, "end") ?? 0,
            Confidence = TolerantJson.GetDouble(element, "confidence"),
        };
    }
}
