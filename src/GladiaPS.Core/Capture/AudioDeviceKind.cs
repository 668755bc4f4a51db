namespace GladiaPS.Core.Capture
{
    public enum AudioDeviceKind
    {
        /// <summary>A microphone or line input.</summary>
        Capture,

        /// <summary>An output whose sound is captured: what the computer plays.</summary>
        Loopback,
    }
}
