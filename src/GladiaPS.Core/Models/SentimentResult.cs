using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>The sentiment of a stretch of text (§6.7).</summary>
    public sealed class SentimentResult
    {
        public string Sentiment { get; internal set; } = string.Empty;

        public string? Emotion { get; internal set; }

        public string Text { get; internal set; } = string.Empty;

        public double? Start { get; internal set; }

        public double? End { get; internal set; }

        public int? Channel { get; internal set; }

        public override string ToString() => Sentiment + (Emotion is null ? string.Empty : "/" + Emotion) + ": " + Text;

        internal static SentimentResult FromJson(JsonElement element) => new SentimentResult
        {
            Sentiment = TolerantJson.GetString(element, "sentiment") ?? string.Empty,
            Emotion = TolerantJson.GetString(element, "emotion"),
            Text = TolerantJson.GetString(element, "text") ?? string.Empty,
            Start = TolerantJson.GetSeconds(element, "start"),
            End = TolerantJson.GetSeconds(element, "end"),
            Channel = TolerantJson.GetInt32(element, "channel"),
        };

        /// <summary>
        /// Reads sentiment <c>results</c> in any of the shapes the sources show (§11 #14): an array of
        /// objects, a single object, or a string that may itself hold JSON. A string that is not JSON is
        /// returned in <paramref name="text"/>.
        /// </summary>
        internal static IReadOnlyList<SentimentResult> ReadResults(JsonElement? value, out string? text)
        {
            text = null;
            if (value is not { } results)
            {
                return Array.Empty<SentimentResult>();
            }

            switch (results.ValueKind)
            {
                case JsonValueKind.Array:
                    return TolerantJson.ReadObjects(results, FromJson);
                case JsonValueKind.Object:
                    return new[] { FromJson(results) };
                case JsonValueKind.String:
                    text = results.GetString();
                    var trimmed = text?.TrimStart() ?? string.Empty;
                    if (trimmed.StartsWith("[", StringComparison.Ordinal) || trimmed.StartsWith("{", StringComparison.Ordinal))
                    {
                        using var document = TolerantJson.TryParseDocument(trimmed);
                        if (document is not null)
                        {
                            return ReadResults(document.RootElement, out _);
                        }
                    }

                    return Array.Empty<SentimentResult>();
                default:
                    return Array.Empty<SentimentResult>();
            }
        }
    }
}
