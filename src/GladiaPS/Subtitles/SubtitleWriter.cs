using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GladiaPS.Subtitles
{
    /// <summary>
    /// Writes utterances as SRT or WebVTT: cues in time order, long utterances split into cues of at most
    /// <see cref="MaxLines"/> lines of <see cref="MaxLineLength"/> characters, timed by their words when known
    /// (else by their share of the text), and the channel as the speaker when there is more than one.
    /// </summary>
    public sealed class SubtitleWriter
    {
        /// <summary>Characters per line (42 is the common broadcast guideline).</summary>
        public int MaxLineLength { get; set; } = 42;

        public int MaxLines { get; set; } = 2;

        /// <summary>Label each cue with its channel; null decides by whether there is more than one channel.</summary>
        public bool? SpeakerLabels { get; set; }

        public string Write(IEnumerable<SubtitleCue> cues, SubtitleFormat format) => Write(cues, format, out _);

        /// <summary>The document, and how many cues it holds once long utterances are split.</summary>
        public string Write(IEnumerable<SubtitleCue> cues, SubtitleFormat format, out int cueCount)
        {
            if (MaxLineLength < 10)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxLineLength), MaxLineLength, "A subtitle line needs at least 10 characters.");
            }

            if (MaxLines < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxLines), MaxLines, "A cue needs at least one line.");
            }

            var ordered = cues.Where(c => !string.IsNullOrWhiteSpace(c.Text)).OrderBy(c => c.Start).ThenBy(c => c.Channel).ToList();
            // Labels by default when there is more than one voice to tell apart: several speakers, or several channels.
            var labels = SpeakerLabels ?? (ordered.Any(c => c.Speaker is not null)
                ? ordered.Select(c => c.Speaker).Distinct().Count() > 1
                : ordered.Select(c => c.Channel).Distinct().Count() > 1);
            var text = new StringBuilder();
            if (format == SubtitleFormat.WebVtt)
            {
                text.Append("WEBVTT\n\n");
            }

            // Split first, then order: a long utterance's later pieces interleave with what another channel said meanwhile.
            var pieces = ordered
                .SelectMany(cue => Split(cue).Select(piece => (piece.Start, piece.End, piece.Lines, cue.Channel, cue.Label)))
                .OrderBy(piece => piece.Start).ThenBy(piece => piece.Channel)
                .ToList();
            var number = 1;
            foreach (var (start, end, lines, _, label) in pieces)
            {
                if (format == SubtitleFormat.Srt)
                {
                    text.Append(number.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    text.Append(Time(start, ',')).Append(" --> ").Append(Time(end, ',')).Append('\n');
                    var body = string.Join("\n", lines);
                    text.Append(labels ? "[" + label + "] " + body : body).Append("\n\n");
                }
                else
                {
                    text.Append(Time(start, '.')).Append(" --> ").Append(Time(end, '.')).Append('\n');
                    var body = string.Join("\n", lines.Select(EscapeVtt));
                    text.Append(labels ? "<v " + label + ">" + body : body).Append("\n\n");
                }

                number++;
            }

            cueCount = pieces.Count;
            return text.ToString();
        }

        /// <summary>The cue's words packed into lines, lines into cues, each cue timed from its first word to its last.</summary>
        private IEnumerable<(double Start, double End, IReadOnlyList<string> Lines)> Split(SubtitleCue cue)
        {
            var words = cue.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var timed = cue.Words.Count == words.Length;
            var totalChars = Math.Max(1, words.Sum(w => w.Length + 1));
            var charsBefore = 0;
            var index = 0;
            while (index < words.Length)
            {
                var first = index;
                var lines = new List<string>();
                while (lines.Count < MaxLines && index < words.Length)
                {
                    var line = new StringBuilder(words[index++]);
                    while (index < words.Length && line.Length + 1 + words[index].Length <= MaxLineLength)
                    {
                        line.Append(' ').Append(words[index++]);
                    }

                    lines.Add(line.ToString());
                }

                var chars = words.Skip(first).Take(index - first).Sum(w => w.Length + 1);
                double start, end;
                if (timed)
                {
                    start = first == 0 ? cue.Start : cue.Words[first].Start;
                    end = index == words.Length ? cue.End : cue.Words[index - 1].End;
                }
                else
                {
                    var span = Math.Max(0, cue.End - cue.Start);
                    start = cue.Start + span * charsBefore / totalChars;
                    end = cue.Start + span * (charsBefore + chars) / totalChars;
                }

                charsBefore += chars;
                yield return (start, Math.Max(start, end), lines);
            }
        }

        private static string Time(double seconds, char fractionSeparator)
        {
            // Cues are checked before they get here; the clamp keeps a bad time from overflowing all the same.
            var milliseconds = (long)Math.Round(Math.Min(Math.Max(0, double.IsNaN(seconds) ? 0 : seconds), 1e7) * 1000, MidpointRounding.AwayFromZero);
            var t = TimeSpan.FromMilliseconds(milliseconds);
            return string.Format(CultureInfo.InvariantCulture, "{0:00}:{1:00}:{2:00}{3}{4:000}", (long)t.TotalHours, t.Minutes, t.Seconds, fractionSeparator, t.Milliseconds);
        }

        private static string EscapeVtt(string line) => line.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("-->", "--&gt;");
    }
}
