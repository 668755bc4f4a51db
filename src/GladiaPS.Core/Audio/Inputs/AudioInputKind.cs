namespace GladiaPS.Core.Audio.Inputs
{
    /// <summary>Where an <see cref="AudioInput"/>'s audio comes from.</summary>
    public enum AudioInputKind
    {
        /// <summary>One file: WAV read directly, anything else decoded by ffmpeg.</summary>
        File,

        /// <summary>Several files, each one channel of one stream.</summary>
        Tracks,

        /// <summary>A stream: a WAV file's bytes, or raw samples in a stated format.</summary>
        Stream,

        /// <summary>Raw samples handed over piece by piece (an <see cref="AudioBytePipe"/>).</summary>
        Bytes,

        /// <summary>A capture device (a microphone, or an output captured by loopback); audio comes at real time.</summary>
        Device,
    }
}
