using System;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;

namespace GladiaPS.Core.Tests.Audio
{
    /// <summary>Float samples in memory as a source; optionally hands out at most a few frames per read to
    /// exercise block boundaries.</summary>
    internal sealed class ArraySource : IAudioSource
    {
        private readonly float[] samples;
        private readonly int maxFramesPerRead;
        private int position;

        public ArraySource(float[] samples, int sampleRate, int channels = 1, int maxFramesPerRead = int.MaxValue)
        {
            this.samples = samples;
            this.maxFramesPerRead = maxFramesPerRead;
            Format = new AudioFormat(SampleEncoding.Float, 32, sampleRate, channels);
        }

        public AudioFormat Format { get; }

        public string? Name => "array";

        public bool Disposed { get; private set; }

        public ValueTask<int> ReadAsync(Memory<float> buffer, CancellationToken cancellationToken)
        {
            var channels = Format.Channels;
            var frames = Math.Min(Math.Min(buffer.Length / channels, maxFramesPerRead), (samples.Length - position) / channels);
            samples.AsSpan(position, frames * channels).CopyTo(buffer.Span);
            position += frames * channels;
            return new ValueTask<int>(frames * channels);
        }

        public void Dispose() => Disposed = true;
    }
}
