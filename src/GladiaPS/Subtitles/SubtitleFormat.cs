namespace GladiaPS
{
    /// <summary>Subtitle file formats ConvertTo-GladiaSubtitle writes.</summary>
    public enum SubtitleFormat
    {
        /// <summary>SubRip (.srt).</summary>
        Srt,

        /// <summary>WebVTT (.vtt), with the speaker or channel as a voice tag.</summary>
        WebVtt,
    }
}
