using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Audio
{
    /// <summary>
    /// Decodes stored samples from a stream, a block at a time through a pooled buffer: the common part of the WAV
    /// and raw readers. Reads stop at the declared length or the end of the stream, whichever comes first; a
    /// declared length the stream does not reach and a partial last frame are reported as warnings.
    /// </summary>
    public abstract class StreamAudioSource : IAudioSource
    {
        private readonly Stream stream;
        private readonly bool leaveOpen;
        private readonly Action<AudioWarning>? onWarning;
        private readonly List<AudioWarning> warnings = new();
        private readonly long? declaredLength;
        private byte[]? block;
        private int carried;
        private long remaining;
        private long bytesRead;
        private bool ended;

        private protected StreamAudioSource(Stream stream, bool leaveOpen, string? name, AudioFormat format, long? dataLength,
            AudioReadOptions? options, IEnumerable<AudioWarning>? headerWarnings)
        {
            this.stream = stream ?? throw new ArgumentNullException(nameof(stream));
            this.leaveOpen = leaveOpen;
            Name = name;
            Format = format ?? throw new ArgumentNullException(nameof(format));
            onWarning = options?.OnWarning;
            declaredLength = dataLength;
            remaining = dataLength ?? long.MaxValue;
            var blockSize = Math.Max(options?.BlockSize ?? 64 * 1024, format.BlockAlign);
            block = ArrayPool<byte>.Shared.Rent(blockSize - blockSize % format.BlockAlign);
            if (headerWarnings is not null)
            {
                warnings.AddRange(headerWarnings);
            }
        }

        public AudioFormat Format { get; }

        public string? Name { get; }

        /// <summary>Warnings found so far (header oddities, truncation), in order.</summary>
        public IReadOnlyList<AudioWarning> Warnings => warnings;

        /// <summary>Bytes of sample data consumed so far.</summary>
        public long BytesRead => bytesRead;

        public async ValueTask<int> ReadAsync(Memory<float> buffer, CancellationToken cancellationToken)
        {
            var bytes = block ?? throw new ObjectDisposedException(GetType().Name);
            if (buffer.Length < Format.Channels)
            {
                throw new ArgumentException("The buffer must hold at least one frame.", nameof(buffer));
            }

            var filled = await FillFramesAsync(bytes, buffer.Length / Format.Channels, cancellationToken).ConfigureAwait(false);
            var samples = SampleCodec.DecodeWholeFrames(bytes, filled, buffer.Span, Format, out carried);
            return samples > 0 ? samples : EndOfInput();
        }

        /// <summary>
        /// Copies the next whole frames of stored bytes, exactly as they are in the input, into
        /// <paramref name="destination"/> and returns how many bytes it wrote; 0 means the end. This is the
        /// passthrough for input already in the session's format: nothing goes through float, so 32-bit PCM keeps
        /// every bit and every G.711 code (mu-law's negative zero included) is sent as stored.
        /// </summary>
        internal async ValueTask<int> ReadStoredAsync(Memory<byte> destination, CancellationToken cancellationToken)
        {
            var bytes = block ?? throw new ObjectDisposedException(GetType().Name);
            var blockAlign = Format.BlockAlign;
            if (destination.Length < blockAlign)
            {
                throw new ArgumentException("The destination must hold at least one frame.", nameof(destination));
            }

            var filled = await FillFramesAsync(bytes, destination.Length / blockAlign, cancellationToken).ConfigureAwait(false);
            var whole = filled - filled % blockAlign;
            carried = filled - whole;
            bytes.AsSpan(0, whole).CopyTo(destination.Span);
            if (whole == 0)
            {
                return EndOfInput();
            }

            if (carried > 0)
            {
                Buffer.BlockCopy(bytes, whole, bytes, 0, carried);
            }

            return whole;
        }

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            var bytes = block;
            block = null;
            if (bytes is not null)
            {
                ArrayPool<byte>.Shared.Return(bytes);
                if (!leaveOpen)
                {
                    stream.Dispose();
                }
            }
        }

        private protected void Warn(string message)
        {
            var warning = new AudioWarning(Name, message);
            warnings.Add(warning);
            onWarning?.Invoke(warning);
        }

        // Reads up to maxFrames whole frames (bounded by the block and the declared length) into the block after
        // the partial frame carried from the last read; returns the bytes now held.
        private Task<int> FillFramesAsync(byte[] bytes, int maxFrames, CancellationToken cancellationToken)
        {
            var blockAlign = Format.BlockAlign;
            var frames = Math.Min(maxFrames, bytes.Length / blockAlign);
            var wanted = (int)Math.Min((long)frames * blockAlign, Math.Min(remaining, int.MaxValue) + carried);
            return FillAsync(bytes, wanted, cancellationToken);
        }

        // Nothing whole was left: a partial frame at the end is dropped with a warning.
        private int EndOfInput()
        {
            if (carried > 0)
            {
                Warn($"the audio ends with a partial frame of {carried} byte(s) (a frame is {Format.BlockAlign} bytes); it was dropped.");
                carried = 0;
            }

            return 0;
        }

        // Fills bytes[carried..wanted) from the stream; returns the bytes now held, short only at the end.
        private async Task<int> FillAsync(byte[] bytes, int wanted, CancellationToken cancellationToken)
        {
            var filled = carried;
            while (filled < wanted && !ended)
            {
                var read = await stream.ReadAsync(bytes, filled, wanted - filled, cancellationToken).ConfigureAwait(false);
                if (read <= 0)
                {
                    ended = true;
                    if (declaredLength is long declared && remaining > 0)
                    {
                        Warn($"the data chunk declares {declared} bytes but the input ends after {bytesRead}; " +
                             "the audio was read as far as it goes.");
                    }

                    break;
                }

                filled += read;
                bytesRead += read;
                remaining -= read;
            }

            return filled;
        }
    }
}
