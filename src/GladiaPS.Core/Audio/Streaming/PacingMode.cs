namespace GladiaPS.Core.Audio.Streaming
{
    /// <summary>How fast chunks are released.</summary>
    public enum PacingMode
    {
        /// <summary>As fast as the consumer takes them.</summary>
        AsFastAsPossible,

        /// <summary>At the rate of the audio: chunk k no earlier than t0 + its start time, against a monotonic clock.</summary>
        RealTime,
    }
}
