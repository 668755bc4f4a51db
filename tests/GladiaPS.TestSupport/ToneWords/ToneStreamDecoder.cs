using System;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>
    /// Decodes a raw stream that arrives in pieces split anywhere (even inside a sample): whole interleaved
    /// frames are decoded, and the bytes of an incomplete frame are kept until the rest arrives.
    /// </summary>
    public sealed class ToneStreamDecoder
    {
        private readonly byte[] pending;
        private int pendingCount;

        public ToneStreamDecoder(ToneAudioFormat format)
        {
            if (format is null)
            {
                throw new ArgumentNullException(nameof(format));
            }

            format.Validate();
            Format = format;
            pending = new byte[format.BlockAlign];
        }

        public ToneAudioFormat Format { get; }

        /// <summary>Bytes of an incomplete frame held back.</summary>
        public int PendingBytes => pendingCount;

        /// <summary>Frames (samples per channel) decoded so far.</summary>
        public long FramesDecoded { get; private set; }

        /// <summary>Decodes the whole frames now available; returns one array per channel (possibly empty).</summary>
        public float[][] Decode(ReadOnlySpan<byte> bytes)
        {
            int frames = (int)((pendingCount + (long)bytes.Length) / Format.BlockAlign);
            var channels = new float[Format.Channels][];
            for (int c = 0; c < channels.Length; c++)
            {
                channels[c] = new float[frames];
            }

            Decode(ref bytes, channels, 0, frames);
            return channels;
        }

        /// <summary>
        /// Decodes up to <paramref name="maxFrames"/> (at least 1) frames from <paramref name="bytes"/> into
        /// <paramref name="destination"/>[c][offset..] and advances <paramref name="bytes"/> past what it used;
        /// a trailing incomplete frame moves into the pending bytes. Returns the frames written.
        /// </summary>
        internal int Decode(ref ReadOnlySpan<byte> bytes, float[][] destination, int offset, int maxFrames)
        {
            int blockAlign = Format.BlockAlign;
            int written = 0;
            if (pendingCount > 0)
            {
                int take = Math.Min(blockAlign - pendingCount, bytes.Length);
                bytes.Slice(0, take).CopyTo(pending.AsSpan(pendingCount));
                pendingCount += take;
                bytes = bytes.Slice(take);
                if (pendingCount < blockAlign)
                {
                    return 0;
                }

                ToneSampleCodec.DecodeFrames(pending, Format, destination, offset, 1);
                pendingCount = 0;
                written = 1;
            }

            int frames = Math.Min(bytes.Length / blockAlign, maxFrames - written);
            if (frames > 0)
            {
                ToneSampleCodec.DecodeFrames(bytes.Slice(0, frames * blockAlign), Format, destination, offset + written, frames);
                bytes = bytes.Slice(frames * blockAlign);
                written += frames;
            }

            if (bytes.Length < blockAlign)
            {
                bytes.CopyTo(pending.AsSpan(pendingCount));
                pendingCount += bytes.Length;
                bytes = ReadOnlySpan<byte>.Empty;
            }

            FramesDecoded += written;
            return written;
        }
    }
}
