using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace GladiaPS.Core.Audio.Ffmpeg
{
    /// <summary>
    /// What ffmpeg or ffprobe wrote on failure, cut to the one line that says why: a broken file can make ffmpeg write a
    /// line per bad frame, and an error message of hundreds of lines hides its point. The whole text stays available
    /// (<see cref="AudioFormatException.ToolOutput"/>) for -Verbose.
    /// </summary>
    internal static class ToolOutput
    {
        // "[aac @ 0x5570e0ec8bc0] " names a component and an address: the address means nothing to a user.
        private static readonly Regex ComponentPrefix = new Regex(@"^\[(?<component>[^\]@]+?) @ 0x[0-9a-fA-F]+\]\s*", RegexOptions.CultureInvariant);

        /// <summary>
        /// The telling line of <paramref name="output"/>: among its last three lines, the last one a component wrote (its
        /// own words, "[alsa @ 0x…] cannot open audio device"), else the last line; then how many lines there were.
        /// </summary>
        public static string Summarize(string output, string tool, int? totalLines = null)
        {
            var lines = (output ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            if (lines.Count == 0)
            {
                return "no message.";
            }

            var tail = lines.Skip(Math.Max(0, lines.Count - 3)).ToList();
            var line = tail.LastOrDefault(l => ComponentPrefix.IsMatch(l)) ?? tail[tail.Count - 1];
            line = ComponentPrefix.Replace(line, string.Empty);
            var count = Math.Max(lines.Count, totalLines ?? 0);
            return count == 1
                ? line
                : line + string.Format(CultureInfo.InvariantCulture, " ({0} wrote {1} lines; -Verbose shows {2}.)", tool, count,
                    count > lines.Count ? "the last of them" : "them");
        }

        /// <summary>An error for a tool that failed: the telling line in the message, the whole output kept for -Verbose.</summary>
        public static AudioFormatException Failure(string? source, string what, string output, string tool, int? totalLines = null)
        {
            var trimmed = (output ?? string.Empty).Trim();
            return new AudioFormatException(source, AudioFormatError.DecoderFailed, what + ": " + Summarize(trimmed, tool, totalLines))
            {
                ToolOutput = trimmed.IndexOf('\n') < 0 ? null : trimmed,
            };
        }
    }
}
