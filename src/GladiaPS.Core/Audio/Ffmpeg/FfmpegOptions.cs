namespace GladiaPS.Core.Audio.Ffmpeg
{
    /// <summary>Options for decoding through ffmpeg.</summary>
    public sealed class FfmpegOptions
    {
        /// <summary>The ffmpeg executable; null to search PATH.</summary>
        public string? FfmpegPath { get; set; }

        /// <summary>The default of <see cref="ProbeTimeout"/>: 30 s.</summary>
        public static readonly System.TimeSpan DefaultProbeTimeout = System.TimeSpan.FromSeconds(30);

        /// <summary>
        /// How long ffprobe may take to describe a file before it is stopped and the probe fails (default 30 s; a
        /// probe of a local file normally takes well under a second, but a hung network share or a device path does not end).
        /// </summary>
        public System.TimeSpan ProbeTimeout { get; set; } = DefaultProbeTimeout;

        /// <summary>Ask ffmpeg for 32-bit float samples instead of 16-bit PCM (for sessions wider than 16 bits).</summary>
        public bool FloatSamples { get; set; }
    }
}
