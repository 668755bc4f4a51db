namespace GladiaPS
{
    /// <summary>How fast Send-GladiaAudio sends: as fast as the server acknowledges, or at the audio's own speed.</summary>
    public enum AudioPace
    {
        /// <summary>As fast as acknowledgments allow (files, bytes, streams).</summary>
        Max,

        /// <summary>One second of audio per second (what a live source does; for demos and load tests).</summary>
        RealTime,
    }
}
