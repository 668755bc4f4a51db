using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Audio.Dsp
{
    /// <summary>
    /// Several tracks as the channels of one stream (one participant per channel): every track is down-mixed to
    /// mono and resampled to a common rate, then track k becomes channel k. Samples stay aligned from the first
    /// frame; a track that ends early is padded with silence until the longest one ends.
    /// </summary>
    internal sealed class MultiTrackSource : IAudioSource
    {
        private readonly IAudioSource[] tracks;
        private readonly bool[] ended;
        private float[]? trackBuffer;

        /// <param name="tracks">The inputs, in channel order; the multi-track source owns and disposes them.</param>
        /// <param name="sampleRate">The common rate every track is converted to.</param>
        public MultiTrackSource(IReadOnlyList<IAudioSource> tracks, int sampleRate)
        {
            if (tracks is null || tracks.Count == 0)
            {
                throw new ArgumentException("At least one track is required.", nameof(tracks));
            }

            if (tracks.Count > AudioFormat.MaxChannels)
            {
                throw new ArgumentException($"At most {AudioFormat.MaxChannels} tracks can be combined.", nameof(tracks));
            }

            this.tracks = new IAudioSource[tracks.Count];
            var formats = new AudioFormat[tracks.Count];
            for (var i = 0; i < tracks.Count; i++)
            {
                var track = tracks[i] ?? throw new ArgumentException("A track is null.", nameof(tracks));
                formats[i] = track.Format;
                this.tracks[i] = AudioConverter.ToLayout(track, sampleRate, 1);
            }

            TrackFormats = formats;

            ended = new bool[tracks.Count];
            Format = new AudioFormat(SampleEncoding.Float, 32, sampleRate, tracks.Count);
        }

        /// <summary>32-bit float at the common rate, one channel per track.</summary>
        public AudioFormat Format { get; }

        public string? Name => null;

        /// <summary>Each track's format as it was given, for <see cref="SessionFormatChooser.ChooseForTracks"/>.</summary>
        public IReadOnlyList<AudioFormat> TrackFormats { get; }

        public async ValueTask<int> ReadAsync(Memory<float> buffer, CancellationToken cancellationToken)
        {
            var channels = tracks.Length;
            var frames = buffer.Length / channels;
            if (frames == 0)
            {
                throw new ArgumentException("The buffer must hold at least one frame.", nameof(buffer));
            }

            trackBuffer ??= ArrayPool<float>.Shared.Rent(Math.Max(frames, 4096));
            frames = Math.Min(frames, trackBuffer.Length);
            buffer.Span.Slice(0, frames * channels).Clear();
            var produced = 0;
            for (var t = 0; t < channels; t++)
            {
                // Each track fills exactly `frames` frames unless it ends, so the tracks stay sample-aligned.
                var filled = 0;
                while (!ended[t] && filled < frames)
                {
                    var read = await tracks[t].ReadAsync(trackBuffer.AsMemory(0, frames - filled), cancellationToken).ConfigureAwait(false);
                    if (read <= 0)
                    {
                        ended[t] = true;
                        break;
                    }

                    var span = buffer.Span;
                    for (var i = 0; i < read; i++)
                    {
                        span[(filled + i) * channels + t] = trackBuffer[i];
                    }

                    filled += read;
                }

                produced = Math.Max(produced, filled);
            }

            return produced * channels;
        }

        public void Dispose()
        {
            if (trackBuffer is not null)
            {
                ArrayPool<float>.Shared.Return(trackBuffer);
                trackBuffer = null;
            }

            foreach (var track in tracks)
            {
                track.Dispose();
            }
        }
    }
}
