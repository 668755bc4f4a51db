using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Audio.Containers
{
    /// <summary>
    /// Decodes stored samples from a stream, read a block ahead through a pooled buffer: the common part of the WAV
    /// and raw readers. Reads stop at the declared length or the end of the stream, whichever comes first; a
    /// declared length the stream does not reach and a partial last frame are reported as warnings.
    /// </summary>
    internal abstract class StreamAudioSource : IAudioSource
    {
        private readonly Stream stream;
        private readonly bool leaveOpen;
        private readonly Action<AudioWarning>? onWarning;
        private readonly List<AudioWarning> warnings = new();
        private readonly long? declaredLength;
        private readonly int capacity;
        private readonly PooledBuffer<byte> block;
        private int start;
        private int end;
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
            var blockSize = Math.Max(options?.BlockSize ?? AudioReadOptions.DefaultBlockSize, format.BlockAlign);
            capacity = blockSize - blockSize % format.BlockAlign;
            block = new PooledBuffer<byte>(capacity, GetType().Name);
            if (headerWarnings is not null)
            {
                warnings.AddRange(headerWarnings);
            }
        }

        public AudioFormat Format { get; }

        public string? Name { get; }

        /// <summary>Warnings found so far (header oddities, truncation), in order.</summary>
        public IReadOnlyList<AudioWarning> Warnings => warnings;

        /// <summary>Bytes of sample data read from the input so far (a block may be read ahead of the samples
        /// returned).</summary>
        public long BytesRead => bytesRead;

        public async ValueTask<int> ReadAsync(Memory<float> buffer, CancellationToken cancellationToken)
        {
            var bytes = block.Enter();
            try
            {
                var blockAlign = Format.BlockAlign;
                if (buffer.Length < Format.Channels)
                {
                    throw new ArgumentException("The buffer must hold at least one frame.", nameof(buffer));
                }

                if (end - start < blockAlign && !await FillAsync(bytes, cancellationToken).ConfigureAwait(false))
                {
                    return EndOfInput();
                }

                var frames = Math.Min(buffer.Length / Format.Channels, (end - start) / blockAlign);
                var samples = frames * Format.Channels;
                SampleCodec.Decode(bytes.AsSpan(start, frames * blockAlign), buffer.Span.Slice(0, samples), Format.Encoding, Format.BitsPerSample);
                start += frames * blockAlign;
                return samples;
            }
            finally
            {
                block.Exit();
            }
        }

        /// <summary>
        /// Copies the next whole frames of stored bytes, exactly as they are in the input, into
        /// <paramref name="destination"/> and returns how many bytes it wrote; 0 means the end. This is the
        /// passthrough for input already in the session's format: nothing goes through float, so 32-bit PCM keeps
        /// every bit and every G.711 code (mu-law's negative zero included) is sent as stored.
        /// </summary>
        internal async ValueTask<int> ReadStoredAsync(Memory<byte> destination, CancellationToken cancellationToken)
        {
            var bytes = block.Enter();
            try
            {
                var blockAlign = Format.BlockAlign;
                if (destination.Length < blockAlign)
                {
                    throw new ArgumentException("The destination must hold at least one frame.", nameof(destination));
                }

                if (end - start < blockAlign && !await FillAsync(bytes, cancellationToken).ConfigureAwait(false))
                {
                    return EndOfInput();
                }

                var length = Math.Min(destination.Length / blockAlign, (end - start) / blockAlign) * blockAlign;
                bytes.AsSpan(start, length).CopyTo(destination.Span);
                start += length;
                return length;
            }
            finally
            {
                block.Exit();
            }
        }

        /// <summary>
        /// Reads ahead until a whole frame is in, without taking it: false when the input holds no audio at all. Lets an
        /// input be checked before anything is created for it while its bytes stay stored as they are (the passthrough).
        /// </summary>
        internal async ValueTask<bool> HasAudioAsync(CancellationToken cancellationToken)
        {
            var bytes = block.Enter();
            try
            {
                return end - start >= Format.BlockAlign || await FillAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                block.Exit();
            }
        }

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>
        /// Disposes the stream (unless left open) and returns the pooled block, at once or, when a read is in
        /// progress, as soon as that read ends: a read never works on an array the pool has handed out again.
        /// </summary>
        protected virtual void Dispose(bool disposing)
        {
            if (block.Dispose() && !leaveOpen)
            {
                stream.Dispose();
            }
        }

        private protected void Warn(string message)
        {
            var warning = new AudioWarning(Name, message);
            warnings.Add(warning);
            onWarning?.Invoke(warning);
        }

        // Reads ahead into the block (as much as one read of the stream gives, up to a block or the declared length)
        // until it holds at least one whole frame; false when the input ends first. Callers are then served from
        // the block without touching the stream, so a consumer asking for small pieces costs one read per block,
        // not one per piece, and a slow pipe is passed on as soon as a frame has arrived.
        private async ValueTask<bool> FillAsync(byte[] bytes, CancellationToken cancellationToken)
        {
            var blockAlign = Format.BlockAlign;
            if (start > 0)
            {
                Buffer.BlockCopy(bytes, start, bytes, 0, end - start);
                end -= start;
                start = 0;
            }

            while (end < blockAlign && !ended)
            {
                var wanted = (int)Math.Min(capacity - end, remaining);
                if (wanted <= 0)
                {
                    ended = true;
                    break;
                }

                var read = await stream.ReadAsync(bytes, end, wanted, cancellationToken).ConfigureAwait(false);
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

                end += read;
                bytesRead += read;
                remaining -= read;
            }

            return end >= blockAlign;
        }

        // Nothing whole is left: a partial frame at the end is dropped with a warning.
        private int EndOfInput()
        {
            var partial = end - start;
            if (partial > 0)
            {
                Warn($"the audio ends with a partial frame of {partial} byte(s) (a frame is {Format.BlockAlign} bytes); it was dropped.");
                start = end;
            }

            return 0;
        }
    }
}
