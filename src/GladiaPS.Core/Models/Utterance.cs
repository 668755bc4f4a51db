using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>
    /// A stretch of speech on one channel (§6.11). Every field is optional on the wire (abbreviated
    /// examples omit confidence, words and even is_final), so absent numbers are null here.
    /// </summary>
    public sealed class Utterance
    {
        /// <summary>The utterance text, trimmed of the surrounding whitespace the API may send.</summary>
        public string Text { get; internal set; } = string.Empty;

        public double Start { get; internal set; }

        public double End { get; internal set; }

        public double? Confidence { get; internal set; }

        /// <summary>0-based audio channel; 0 when the API left it out.</summary>
        public int Channel { get; internal set; }

        /// <summary>Speaker number, present only when diarization applies.</summary>
        public int? Speaker { get; internal set; }

        public string? Language { get; internal set; }

        /// <summary>The words with their times; as a string (a CSV column), the words themselves.</summary>
        public IReadOnlyList<Word> Words { get; internal set; } = JoinedList<Word>.Empty;

        /// <summary>The utterance as the server sent it (JSON).</summary>
        public string Raw { get; internal set; } = "{}";

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "[{0:0.00}-{1:0.00} ch{2}] {3}", Start, End, Channel, Text);

        /// <summary>Reads an utterance from its JSON text; fields that are missing or malformed are left empty.</summary>
        /// <exception cref="FormatException">A time is NaN, infinite or beyond ±10^7 s.</exception>
        public static Utterance Parse(string json)
        {
            using var document = TolerantJson.TryParseDocument(json);
            return document is null ? new Utterance() : FromJson(document.RootElement);
        }

        internal static Utterance FromJson(JsonElement element) => new Utterance
        {
            Raw = element.ValueKind == JsonValueKind.Undefined ? "{}" : element.GetRawText(),
            Text = (TolerantJson.GetString(element, "text") ?? string.Empty).Trim(),
            Start = TolerantJson.GetSeconds(element, "start") ?? 0,
            End = TolerantJson.GetSeconds(element, "end") ?? 0,
            Confidence = TolerantJson.GetDouble(element, "confidence"),
            Channel = TolerantJson.GetInt32(element, "channel") ?? 0,
            Speaker = TolerantJson.GetInt32(element, "speaker"),
            Language = TolerantJson.GetString(element, "language"),
            Words = TolerantJson.GetObjectList(element, "words", Word.FromJson, JoinedList.WordSeparator),
        };
    }
}
