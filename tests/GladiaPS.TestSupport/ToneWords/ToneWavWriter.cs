using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>
    /// Writes WAV files: PCM (format tag 1) for 8/16-bit mono or stereo, WAVE_FORMAT_EXTENSIBLE for PCM with more
    /// than two channels or more than 16 bits, A-law (tag 6) and mu-law (tag 7) with a fact chunk.
    /// </summary>
    public static class ToneWavWriter
    {
        private const ushort FormatPcm = 1;
        private const ushort FormatALaw = 6;
        private const ushort FormatMuLaw = 7;
        private const ushort FormatExtensible = 0xFFFE;

        // Speaker masks for 1..8 channels (mono = front centre, stereo, 3.0, quad, 5.0, 5.1, 6.1, 7.1).
        private static readonly uint[] ChannelMasks = { 0x4, 0x3, 0x7, 0x33, 0x37, 0x3F, 0x13F, 0x63F };

        /// <summary>A complete WAV file holding <paramref name="data"/> (raw interleaved samples in <paramref name="format"/>).</summary>
        public static byte[] Build(ToneAudioFormat format, ReadOnlySpan<byte> data)
        {
            byte[] header = CreateHeader(format, data.Length);
            int pad = data.Length % 2;
            var file = new byte[header.Length + data.Length + pad];
            header.CopyTo(file, 0);
            data.CopyTo(file.AsSpan(header.Length));
            return file;
        }

        /// <summary>The header of a WAV file (everything up to and including the data chunk's size) for
        /// <paramref name="dataLength"/> bytes of samples.</summary>
        public static byte[] CreateHeader(ToneAudioFormat format, long dataLength)
        {
            if (format is null)
            {
                throw new ArgumentNullException(nameof(format));
            }

            format.Validate();
            if (dataLength < 0 || dataLength % format.BlockAlign != 0)
            {
                throw new ArgumentException(
                    $"Data length {dataLength} is not a whole number of {format.BlockAlign}-byte frames ({format.Describe()}).",
                    nameof(dataLength));
            }

            bool g711 = format.Encoding != ToneEncoding.Pcm;
            bool extensible = !g711 && (format.Channels > 2 || format.BitDepth > 16);
            int fmtSize = extensible ? 40 : g711 ? 18 : 16;
            int factSize = g711 ? 12 : 0;
            int headerLength = 12 + 8 + fmtSize + factSize + 8;
            long riffSize = headerLength - 8 + dataLength + (dataLength % 2);
            if (riffSize > uint.MaxValue)
            {
                throw new ArgumentException($"Data length {dataLength} is too large for a WAV file.", nameof(dataLength));
            }

            var header = new byte[headerLength];
            Span<byte> h = header;
            int p = 0;
            p = Tag(h, p, "RIFF");
            p = U32(h, p, (uint)riffSize);
            p = Tag(h, p, "WAVE");
            p = Tag(h, p, "fmt ");
            p = U32(h, p, (uint)fmtSize);
            ushort tag = extensible ? FormatExtensible : format.Encoding switch
            {
                ToneEncoding.ALaw => FormatALaw,
                ToneEncoding.MuLaw => FormatMuLaw,
                _ => FormatPcm,
            };
            p = U16(h, p, tag);
            p = U16(h, p, (ushort)format.Channels);
            p = U32(h, p, (uint)format.SampleRate);
            p = U32(h, p, (uint)format.ByteRate);
            p = U16(h, p, (ushort)format.BlockAlign);
            p = U16(h, p, (ushort)format.BitDepth);
            if (extensible)
            {
                p = U16(h, p, 22);
                p = U16(h, p, (ushort)format.BitDepth);
                p = U32(h, p, format.Channels <= ChannelMasks.Length ? ChannelMasks[format.Channels - 1] : 0);
                ToneWavFormats.SubFormat(FormatPcm).CopyTo(h.Slice(p));
                p += 16;
            }
            else if (g711)
            {
                p = U16(h, p, 0);
                p = Tag(h, p, "fact");
                p = U32(h, p, 4);
                p = U32(h, p, (uint)(dataLength / format.BlockAlign));
            }

            p = Tag(h, p, "data");
            U32(h, p, (uint)dataLength);
            return header;
        }

        /// <summary>Writes a WAV file holding <paramref name="data"/>.</summary>
        public static void Write(string path, ToneAudioFormat format, ReadOnlySpan<byte> data) =>
            File.WriteAllBytes(path, Build(format, data));

        private static int Tag(Span<byte> h, int p, string tag)
        {
            Encoding.ASCII.GetBytes(tag).CopyTo(h.Slice(p));
            return p + 4;
        }

        private static int U16(Span<byte> h, int p, ushort value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(h.Slice(p), value);
            return p + 2;
        }

        private static int U32(Span<byte> h, int p, uint value)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(h.Slice(p), value);
            return p + 4;
        }
    }
}
