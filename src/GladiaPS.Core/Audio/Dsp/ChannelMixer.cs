using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Audio.Dsp
{
    /// <summary>Applies a <see cref="ChannelMap"/> to a source, frame by frame.</summary>
    internal sealed class ChannelMixer : IAudioSource
    {
        private readonly IAudioSource source;
        private readonly ChannelMap map;
        private float[]? input;

        public ChannelMixer(IAudioSource source, ChannelMap map)
        {
            this.source = source ?? throw new ArgumentNullException(nameof(source));
            this.map = map ?? throw new ArgumentNullException(nameof(map));
            if (map.InputChannels != source.Format.Channels)
            {
                throw new ArgumentException(
                    $"The channel map takes {map.InputChannels} channel(s) but the source has {source.Format.Channels}.", nameof(map));
            }

            Format = source.Format.With(source.Format.SampleRate, map.OutputChannels);
        }

        public AudioFormat Format { get; }

        public string? Name => source.Name;

        public async ValueTask<int> ReadAsync(Memory<float> buffer, CancellationToken cancellationToken)
        {
            var frames = buffer.Length / map.OutputChannels;
            if (frames == 0)
            {
                throw new ArgumentException("The buffer must hold at least one frame.", nameof(buffer));
            }

            var inChannels = map.InputChannels;
            var needed = frames * inChannels;
            if (input is null || input.Length < needed)
            {
                if (input is not null)
                {
                    ArrayPool<float>.Shared.Return(input);
                }

                input = ArrayPool<float>.Shared.Rent(needed);
            }

            var read = await source.ReadAsync(input.AsMemory(0, needed), cancellationToken).ConfigureAwait(false);
            var readFrames = read / inChannels;
            Mix(input.AsSpan(0, readFrames * inChannels), buffer.Span, readFrames);
            return readFrames * map.OutputChannels;
        }

        public void Dispose()
        {
            if (input is not null)
            {
                ArrayPool<float>.Shared.Return(input);
                input = null;
            }

            source.Dispose();
        }

        [MethodImpl(HotLoop.FullyOptimized)]
        private void Mix(ReadOnlySpan<float> samples, Span<float> destination, int frames)
        {
            var inChannels = map.InputChannels;
            var outChannels = map.OutputChannels;
            if (outChannels == 1 && inChannels == 2)
            {
                var left = map.Gain(0, 0);
                var right = map.Gain(0, 1);
                for (int f = 0, i = 0; f < frames; f++, i += 2)
                {
                    destination[f] = samples[i] * left + samples[i + 1] * right;
                }

                return;
            }

            for (var o = 0; o < outChannels; o++)
            {
                var row = map.Row(o);
                for (var f = 0; f < frames; f++)
                {
                    var frame = samples.Slice(f * inChannels, inChannels);
                    var sum = 0f;
                    for (var i = 0; i < inChannels; i++)
                    {
                        sum += frame[i] * row[i];
                    }

                    destination[f * outChannels + o] = sum;
                }
            }
        }
    }
}
