using System;

namespace GladiaPS.Core.Audio.Streaming
{
    /// <summary>
    /// A piece of encoded audio ready to send: whole sample frames in the session's byte format, with its place
    /// in the stream. <see cref="Data"/> belongs to the chunk (it is not reused).
    /// </summary>
    internal sealed class AudioChunk
    {
        public AudioChunk(long index, long frameOffset, int frames, int sampleRate, ReadOnlyMemory<byte> data)
        {
            Index = index;
            FrameOffset = frameOffset;
            Frames = frames;
            SampleRate = sampleRate;
            Data = data;
        }

        /// <summary>0 for the first chunk of the stream, then 1, 2…</summary>
        public long Index { get; }

        /// <summary>Frames before this chunk in the stream.</summary>
        public long FrameOffset { get; }

        public int Frames { get; }

        public int SampleRate { get; }

        public ReadOnlyMemory<byte> Data { get; }

        /// <summary>Where the chunk starts in the audio, computed from its frame offset (never accumulated).</summary>
        public TimeSpan Start => FramesToTime(FrameOffset, SampleRate);

        public TimeSpan Duration => FramesToTime(Frames, SampleRate);

        internal static TimeSpan FramesToTime(long frames, int sampleRate) =>
            new(frames / sampleRate * TimeSpan.TicksPerSecond + frames % sampleRate * TimeSpan.TicksPerSecond / sampleRate);
    }
}
