namespace GladiaPS
{
    /// <summary>
    /// One subtitle document: the cues of one session, one pre-recorded job, or one set of utterances, as SRT or WebVTT
    /// text. <see cref="ToString"/> is the text without its final line break, so <c>| Set-Content x.srt</c> (which ends
    /// the file with one) writes exactly <see cref="Text"/>.
    /// </summary>
    public sealed class GladiaSubtitle
    {
        internal GladiaSubtitle(string? id, string? path, SubtitleFormat format, string text, int cues)
        {
            Id = id;
            Path = path;
            Format = format.ToString();
            Extension = format == SubtitleFormat.WebVtt ? ".vtt" : ".srt";
            Text = text;
            Cues = cues;
        }

        /// <summary>The live session or pre-recorded job the cues come from; null for utterances piped on their own.</summary>
        public string? Id { get; }

        /// <summary>The audio file the cues come from, when it is known and is one file.</summary>
        public string? Path { get; }

        /// <summary>Srt or WebVtt: a name, so the document reads the same in ConvertTo-Json and Export-Csv.</summary>
        public string Format { get; }

        /// <summary>The whole document, LF line endings, ending with a blank line after the last cue.</summary>
        public string Text { get; }

        /// <summary>How many cues the document holds.</summary>
        public int Cues { get; }

        /// <summary>The file extension of <see cref="Format"/>, with its dot.</summary>
        public string Extension { get; }

        public override string ToString() => Text.EndsWith("\n", System.StringComparison.Ordinal) ? Text.Substring(0, Text.Length - 1) : Text;
    }
}
