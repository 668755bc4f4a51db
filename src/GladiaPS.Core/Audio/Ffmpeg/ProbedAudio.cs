namespace GladiaPS.Core.Audio.Ffmpeg
{
    /// <summary>What ffprobe says about a file's first audio stream.</summary>
    internal sealed class ProbedAudio
    {
        public ProbedAudio(string codecName, AudioFormat format)
        {
            CodecName = codecName;
            Format = format;
        }

        /// <summary>ffmpeg's name for the codec: mp3, aac, opus, flac, pcm_s16le…</summary>
        public string CodecName { get; }

        /// <summary>The stream's rate and channels, with the sample encoding its decoder yields.</summary>
        public AudioFormat Format { get; }

        public override string ToString() => CodecName + ", " + Format;
    }
}
