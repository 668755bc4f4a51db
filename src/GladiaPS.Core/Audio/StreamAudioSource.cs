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
            var blockAlign = Format.BlockAlign;
            var frames = Math.Min(buffer.Length / Format.Channels, (bytes.Length - bytes.Length % blockAlign) / blockAlign);
            if (frames <= 0)
            {
                if (buffer.Length < Format.Channels)
                {
                    throw new ArgumentException("The buffer must hold at least one frame.", nameof(buffer));
                }

                return 0;
            }

            var wanted = (int)Math.Min(frames * blockAlign, Math.Min(remaining, int.MaxValue) + carried);
            var filled = await FillAsync(bytes, wanted, cancellationToken).ConfigureAwait(false);
            var samples = SampleCodec.DecodeWholeFrames(bytes, filled, buffer.Span, Format, out carried);
            if (samples > 0)
            {
                return samples;
            }

            if (carried > 0)
            {
                Warn($"the audio ends with a partial frame of {carried} byte(s) (a frame is {blockAlign} bytes); it was dropped.");
                carried = 0;
            }

            return 0;
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
