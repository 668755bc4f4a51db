using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>
    /// One sentence of a pre-recorded transcript. The API has sent sentences both as add-on blocks whose
    /// <c>results</c> are plain strings and as objects with text, times, channel and speaker; both are read,
    /// and what a shape does not carry is left null.
    /// </summary>
    public sealed class Sentence
    {
        public string Text { get; internal set; } = string.Empty;

        public double? Start { get; internal set; }

        public double? End { get; internal set; }

        public int? Channel { get; internal set; }

        public int? Speaker { get; internal set; }

        public override string ToString() => Text;

        /// <summary>Every sentence of a <c>sentences</c> value: an array of blocks or sentence objects, or one block.</summary>
        internal static IReadOnlyList<Sentence> ReadAll(JsonElement value)
        {
            var list = new List<Sentence>();
            Collect(value, list, 0);
            return list.Count == 0 ? Array.Empty<Sentence>() : list;
        }

        private static void Collect(JsonElement value, List<Sentence> into, int depth)
        {
            if (depth > 3)
            {
                return;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    into.Add(new Sentence { Text = (value.GetString() ?? string.Empty).Trim() });
                    break;
                case JsonValueKind.Array:
                    foreach (var item in value.EnumerateArray())
                    {
                        Collect(item, into, depth + 1);
                    }

                    break;
                case JsonValueKind.Object:
                    if (TolerantJson.TryGetProperty(value, "results", out var results))
                    {
                        Collect(results, into, depth + 1);
                    }
                    else
                    {
                        into.Add(new Sentence
                        {
                            Text = (TolerantJson.GetString(value, "sentence") ?? TolerantJson.GetString(value, "text") ?? string.Empty).Trim(),
                            Start = TolerantJson.GetDouble(value, "start"),
                            End = TolerantJson.GetDouble(value, "end"),
                            Channel = TolerantJson.GetInt32(value, "channel"),
                            Speaker = TolerantJson.GetInt32(value, "speaker"),
                        });
                    }

                    break;
            }
        }
    }
}
