namespace GladiaPS.Core.Audio
{
    /// <summary>Options for decoding through ffmpeg.</summary>
    public sealed class FfmpegOptions
    {
        /// <summary>The ffmpeg executable; null to search PATH.</summary>
        public string? FfmpegPath { get; set; }

        /// <summary>Ask ffmpeg for 32-bit float samples instead of 16-bit PCM (for sessions wider than 16 bits).</summary>
        public bool FloatSamples { get; set; }
    }
}
