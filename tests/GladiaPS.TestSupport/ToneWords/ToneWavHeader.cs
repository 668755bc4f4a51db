using System;
using System.Buffers.Binary;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>Recognises a RIFF/WAVE header at the start of a stream, skipping chunks up to <c>data</c>.</summary>
    public static class ToneWavHeader
    {
        /// <summary>Headers longer than this (unusual metadata chunks) are treated as malformed.</summary>
        public const int MaximumHeaderLength = 1 << 20;

        /// <summary>
        /// True when <paramref name="start"/> begins with a complete, usable WAV header; <paramref name="headerLength"/>
        /// is then the offset of the first sample byte and <paramref name="format"/> the stream's format.
        /// </summary>
        public static bool TryParse(ReadOnlySpan<byte> start, out int headerLength, out ToneAudioFormat? format) =>
            Probe(start, out headerLength, out format, out _) == ToneWavHeaderStatus.Complete;

        /// <summary>
        /// Classifies the start of a stream. <see cref="ToneWavHeaderStatus.Incomplete"/> means: wait for more bytes.
        /// <paramref name="problem"/> explains <see cref="ToneWavHeaderStatus.Malformed"/>.
        /// </summary>
        public static ToneWavHeaderStatus Probe(
            ReadOnlySpan<byte> start, out int headerLength, out ToneAudioFormat? format, out string? problem) =>
            Parse(start, out headerLength, out format, out problem, out _);

        /// <summary>As <see cref="Probe"/>, and also the declared data chunk size.</summary>
        internal static ToneWavHeaderStatus Parse(
            ReadOnlySpan<byte> start, out int headerLength, out ToneAudioFormat? format, out string? problem, out uint dataSize)
        {
            headerLength = 0;
            format = null;
            problem = null;
            dataSize = 0;

            if (!MatchesPrefix(start, 0, "RIFF") || !MatchesPrefix(start, 8, "WAVE"))
            {
                return ToneWavHeaderStatus.NotWav;
            }

            if (start.Length < 12)
            {
                return ToneWavHeaderStatus.Incomplete;
            }

            int p = 12;
            while (true)
            {
                if (p > MaximumHeaderLength)
                {
                    problem = $"No data chunk within the first {MaximumHeaderLength} bytes.";
                    return ToneWavHeaderStatus.Malformed;
                }

                if (start.Length < p + 8)
                {
                    return ToneWavHeaderStatus.Incomplete;
                }

                ReadOnlySpan<byte> id = start.Slice(p, 4);
                uint size = BinaryPrimitives.ReadUInt32LittleEndian(start.Slice(p + 4));
                if (MatchesPrefix(id, 0, "data"))
                {
                    if (format is null)
                    {
                        problem = "The data chunk comes before any fmt chunk.";
                        return ToneWavHeaderStatus.Malformed;
                    }

                    headerLength = p + 8;
                    dataSize = size;
                    return ToneWavHeaderStatus.Complete;
                }

                long next = p + 8L + size + (size % 2);
                if (MatchesPrefix(id, 0, "fmt "))
                {
                    if (start.Length < p + 8 + Math.Min(size, 64u))
                    {
                        return ToneWavHeaderStatus.Incomplete;
                    }

                    format = ParseFormat(start.Slice(p + 8, (int)Math.Min(size, 64u)), out problem);
                    if (format is null)
                    {
                        return ToneWavHeaderStatus.Malformed;
                    }
                }

                if (next > MaximumHeaderLength)
                {
                    problem = $"A '{System.Text.Encoding.ASCII.GetString(id.ToArray())}' chunk of {size} bytes precedes the data chunk.";
                    return ToneWavHeaderStatus.Malformed;
                }

                p = (int)next;
            }
        }

        private static ToneAudioFormat? ParseFormat(ReadOnlySpan<byte> fmt, out string? problem)
        {
            problem = null;
            if (fmt.Length < 16)
            {
                problem = $"The fmt chunk is {fmt.Length} bytes; at least 16 are needed.";
                return null;
            }

            int tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
            int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(2));
            long sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt.Slice(4));
            int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(12));
            int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(14));
            if (tag == 0xFFFE)
            {
                if (fmt.Length < 40)
                {
                    problem = $"The extensible fmt chunk is {fmt.Length} bytes; 40 are needed.";
                    return null;
                }

                tag = ToneWavFormats.TagOfSubFormat(fmt.Slice(24, 16));
            }

            ToneEncoding encoding;
            switch (tag)
            {
                case 1:
                    encoding = ToneEncoding.Pcm;
                    break;
                case 6:
                    encoding = ToneEncoding.ALaw;
                    break;
                case 7:
                    encoding = ToneEncoding.MuLaw;
                    break;
                default:
                    problem = $"WAV format tag {tag} is not supported: use PCM (1), A-law (6) or mu-law (7).";
                    return null;
            }

            if (sampleRate > int.MaxValue)
            {
                problem = $"Sample rate {sampleRate} is not valid.";
                return null;
            }

            var format = new ToneAudioFormat(encoding, bits, (int)sampleRate, channels);
            if (!format.IsValid(out problem))
            {
                return null;
            }

            if (blockAlign != format.BlockAlign)
            {
                problem = $"The fmt chunk's block align is {blockAlign}; {format.Describe()} needs {format.BlockAlign}.";
                return null;
            }

            return format;
        }

        private static bool MatchesPrefix(ReadOnlySpan<byte> data, int offset, string tag)
        {
            for (int i = 0; i < tag.Length; i++)
            {
                if (offset + i >= data.Length)
                {
                    return true;
                }

                if (data[offset + i] != tag[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
