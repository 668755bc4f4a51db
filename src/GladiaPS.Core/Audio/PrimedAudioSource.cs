using System;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio.Containers;

namespace GladiaPS.Core.Audio
{
    /// <summary>
    /// An opened input whose first audio has already been read, to prove that it yields audio before a session or a job
    /// is created for it: a file ffmpeg cannot decode, an empty stream or a device that fails to start is then one error
    /// and nothing on the server. Reads give that first block back, then go on from the input.
    /// </summary>
    internal sealed class PrimedAudioSource : IAudioSource
    {
        /// <summary>At most 10 s at 48 kHz read ahead, whatever the window asks.</summary>
        private const int MaxWindowFrames = 480_000;

        private readonly IAudioSource _inner;
        private float[]? _first;
        private int _offset;
        private int _count;

        private PrimedAudioSource(IAudioSource inner, float[] first, int count)
        {
            _inner = inner;
            _first = first;
            _count = count;
        }

        public AudioFormat Format => _inner.Format;

        public string? Name => _inner.Name;

        /// <summary>
        /// Reads <paramref name="source"/>'s first audio and returns a source that reads it all from the start (a WAV or raw
        /// source only reads ahead, so its bytes still pass through as stored). The caller keeps disposing
        /// <paramref name="source"/> when this throws; otherwise it disposes the result, which disposes the source.
        /// </summary>
        /// <exception cref="AudioFormatException">The input yields no audio (<see cref="AudioFormatError.NoAudio"/>), or
        /// reading it failed (ffmpeg's error).</exception>
        /// <param name="source">The opened input.</param>
        /// <param name="window">How much audio to read ahead (or up to the end) when the input is decoded (ffmpeg: a broken
        /// file often decodes for a moment before it fails); a live input or a WAV gives its first audio only.</param>
        /// <param name="cancellationToken">Cancels the reading.</param>
        public static async Task<IAudioSource> PrimeAsync(IAudioSource source, TimeSpan window, CancellationToken cancellationToken)
        {
            if (source is StreamAudioSource stored)
            {
                return await stored.HasAudioAsync(cancellationToken).ConfigureAwait(false) ? source : throw NoAudio(source);
            }

            var channels = source.Format.Channels;
            var frames = (int)Math.Max(1, Math.Min(window.TotalSeconds * source.Format.SampleRate, MaxWindowFrames));
            var first = new float[frames * channels];
            var filled = 0;
            while (filled < first.Length)
            {
                var read = await source.ReadAsync(first.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read <= 0)
                {
                    break;
                }

                filled += read;
                if (window <= TimeSpan.Zero)
                {
                    break;
                }
            }

            return filled > 0 ? new PrimedAudioSource(source, first, filled) : throw NoAudio(source);
        }

        public async ValueTask<int> ReadAsync(Memory<float> buffer, CancellationToken cancellationToken)
        {
            var first = _first;
            if (first is null)
            {
                return await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            var channels = Format.Channels;
            var whole = Math.Min(buffer.Length / channels * channels, _count - _offset);
            if (whole == 0)
            {
                throw new ArgumentException("The buffer must hold at least one frame.", nameof(buffer));
            }

            first.AsSpan(_offset, whole).CopyTo(buffer.Span);
            _offset += whole;
            if (_offset == _count)
            {
                _first = null;
            }

            return whole;
        }

        public void Dispose() => _inner.Dispose();

        private static AudioFormatException NoAudio(IAudioSource source) =>
            new AudioFormatException(source.Name, AudioFormatError.NoAudio, "it holds no audio: there is nothing to transcribe.");
    }
}
