using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio.Containers;

namespace GladiaPS.Core.Audio.Streaming
{
    /// <summary>
    /// Encodes a source already at the session's rate and channels into the session's bytes and cuts it into
    /// chunks of a given duration (100 ms by default), never more than <see cref="MaxChunkBytes"/> and always on
    /// whole sample frames. Every chunk is full except the last. A WAV or raw source already in the session's
    /// encoding, bit depth, rate and channels is passed through byte for byte (<see cref="IsPassthrough"/>), so
    /// nothing is lost to the float conversion (32-bit PCM keeps its low 8 bits, every G.711 code is kept).
    /// </summary>
    internal sealed class AudioChunker : IDisposable
    {
        /// <summary>The largest chunk sent: half the server's 1 MiB frame limit, as the reference SDK replays.</summary>
        public const int MaxChunkBytes = 512 * 1024;

        public static readonly TimeSpan DefaultChunkDuration = TimeSpan.FromMilliseconds(100);

        private readonly IAudioSource source;
        private readonly StreamAudioSource? stored;
        private float[]? samples;
        private long framesWritten;
        private long chunkIndex;

        public AudioChunker(IAudioSource source, SessionAudioFormat format, TimeSpan? chunkDuration = null)
        {
            this.source = source ?? throw new ArgumentNullException(nameof(source));
            Format = format ?? throw new ArgumentNullException(nameof(format));
            if (source.Format.SampleRate != format.SampleRate || source.Format.Channels != format.Channels)
            {
                throw new ArgumentException(
                    $"The source is {source.Format.SampleRate} Hz with {source.Format.Channels} channel(s); the session format is " +
                    $"{format}. Convert it first (AudioConverter.ToSessionLayout).", nameof(source));
            }

            var duration = chunkDuration ?? DefaultChunkDuration;
            if (duration <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(chunkDuration), duration, "The chunk duration must be positive.");
            }

            var frames = (long)Math.Round(duration.Ticks * (double)format.SampleRate / TimeSpan.TicksPerSecond);
            FramesPerChunk = (int)Math.Max(1, Math.Min(frames, MaxChunkBytes / format.BlockAlign));
            samples = ArrayPool<float>.Shared.Rent(Math.Min(FramesPerChunk, 8192) * format.Channels);
            stored = source is StreamAudioSource streamSource && IsStoredAs(streamSource.Format, format) ? streamSource : null;
        }

        /// <summary>Whether the source's bytes are sent as they are stored, without decoding and encoding them.</summary>
        public bool IsPassthrough => stored is not null;

        public SessionAudioFormat Format { get; }

        public int FramesPerChunk { get; }

        public int BytesPerChunk => FramesPerChunk * Format.BlockAlign;

        /// <summary>Frames encoded so far.</summary>
        public long FramesWritten => framesWritten;

        /// <summary>Fills <paramref name="destination"/> with the next chunk's bytes (at most <see cref="BytesPerChunk"/>)
        /// and returns how many were written: a full chunk, fewer only at the end, 0 after it.</summary>
        public async ValueTask<int> ReadChunkAsync(Memory<byte> destination, CancellationToken cancellationToken)
        {
            var buffer = samples ?? throw new ObjectDisposedException(nameof(AudioChunker));
            var blockAlign = Format.BlockAlign;
            var maxFrames = Math.Min(FramesPerChunk, destination.Length / blockAlign);
            if (maxFrames == 0)
            {
                throw new ArgumentException("The destination must hold at least one frame.", nameof(destination));
            }

            var channels = Format.Channels;
            var frames = 0;
            if (stored is not null)
            {
                while (frames < maxFrames)
                {
                    var copied = await stored.ReadStoredAsync(destination.Slice(frames * blockAlign, (maxFrames - frames) * blockAlign),
                        cancellationToken).ConfigureAwait(false);
                    if (copied <= 0)
                    {
                        break;
                    }

                    frames += copied / blockAlign;
                }

                framesWritten += frames;
                return frames * blockAlign;
            }

            while (frames < maxFrames)
            {
                var want = Math.Min(maxFrames - frames, buffer.Length / channels);
                var read = await source.ReadAsync(buffer.AsMemory(0, want * channels), cancellationToken).ConfigureAwait(false);
                if (read <= 0)
                {
                    break;
                }

                SampleCodec.Encode(buffer.AsSpan(0, read), destination.Span.Slice(frames * blockAlign), Format.Encoding, Format.BitDepth);
                frames += read / channels;
            }

            framesWritten += frames;
            return frames * blockAlign;
        }

        /// <summary>The chunks, in order, each with its own buffer.</summary>
        public async IAsyncEnumerable<AudioChunk> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            while (true)
            {
                var offset = framesWritten;
                var data = new byte[BytesPerChunk];
                var length = await ReadChunkAsync(data, cancellationToken).ConfigureAwait(false);
                if (length == 0)
                {
                    yield break;
                }

                yield return new AudioChunk(chunkIndex++, offset, length / Format.BlockAlign, Format.SampleRate,
                    new ReadOnlyMemory<byte>(data, 0, length));
            }
        }

        // Whether samples stored as `input` are already the bytes the session takes (8-bit PCM is unsigned in both).
        private static bool IsStoredAs(AudioFormat input, SessionAudioFormat session) =>
            input.SampleRate == session.SampleRate && input.Channels == session.Channels && input.BitsPerSample == session.BitDepth &&
            input.Encoding == session.Encoding switch
            {
                AudioEncoding.ALaw => SampleEncoding.ALaw,
                AudioEncoding.MuLaw => SampleEncoding.MuLaw,
                _ => SampleEncoding.Pcm,
            };

        public void Dispose()
        {
            if (samples is not null)
            {
                ArrayPool<float>.Shared.Return(samples);
                samples = null;
            }

            source.Dispose();
        }
    }
}
