namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>What the start of a stream says about a WAV header.</summary>
    public enum ToneWavHeaderStatus
    {
        /// <summary>The bytes do not start with RIFF....WAVE: raw audio.</summary>
        NotWav,

        /// <summary>The bytes so far are the start of a WAV header; more are needed to reach the data chunk.</summary>
        Incomplete,

        /// <summary>A whole header up to the data chunk's payload: its length and format are known.</summary>
        Complete,

        /// <summary>A RIFF/WAVE header that cannot be used (bad fmt chunk, unsupported format, data before fmt).</summary>
        Malformed,
    }
}
