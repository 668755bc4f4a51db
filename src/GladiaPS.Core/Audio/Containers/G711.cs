using System;

namespace GladiaPS.Core.Audio.Containers
{
    /// <summary>
    /// ITU-T G.711 A-law and mu-law, both ways, as exact tables: decoding is the standard's reconstruction value of
    /// each of the 256 codes (scaled to 16-bit linear); encoding of every 16-bit linear value picks the code whose
    /// quantisation interval holds it (the decision values of G.711 tables 1a and 2a), so that
    /// encode(decode(code)) == code for every code except mu-law's negative zero (0x7F), which reads back as 0xFF.
    /// </summary>
    internal static class G711
    {
        private static readonly short[] ALawToLinearTable = BuildDecodeTable(ALawToLinearSlow);
        private static readonly short[] MuLawToLinearTable = BuildDecodeTable(MuLawToLinearSlow);
        private static readonly byte[] LinearToALawTable = BuildEncodeTable(LinearToALawSlow);
        private static readonly byte[] LinearToMuLawTable = BuildEncodeTable(LinearToMuLawSlow);

        /// <summary>The A-law code for silence (+0).</summary>
        public const byte ALawSilence = 0xD5;

        /// <summary>The mu-law code for silence (+0).</summary>
        public const byte MuLawSilence = 0xFF;

        /// <summary>The 16-bit linear value of an A-law code (13-bit range scaled by 8: ±32256 at most).</summary>
        public static short ALawToLinear(byte code) => ALawToLinearTable[code];

        /// <summary>The 16-bit linear value of a mu-law code (14-bit range scaled by 4: ±32124 at most).</summary>
        public static short MuLawToLinear(byte code) => MuLawToLinearTable[code];

        /// <summary>The A-law code of a 16-bit linear sample.</summary>
        public static byte LinearToALaw(short sample) => LinearToALawTable[(ushort)sample];

        /// <summary>The mu-law code of a 16-bit linear sample.</summary>
        public static byte LinearToMuLaw(short sample) => LinearToMuLawTable[(ushort)sample];

        internal static ReadOnlySpan<short> ALawDecodeTable => ALawToLinearTable;

        internal static ReadOnlySpan<short> MuLawDecodeTable => MuLawToLinearTable;

        internal static ReadOnlySpan<byte> ALawEncodeTable => LinearToALawTable;

        internal static ReadOnlySpan<byte> MuLawEncodeTable => LinearToMuLawTable;

        private static short[] BuildDecodeTable(Func<byte, short> decode)
        {
            var table = new short[256];
            for (var code = 0; code < 256; code++)
            {
                table[code] = decode((byte)code);
            }

            return table;
        }

        private static byte[] BuildEncodeTable(Func<int, byte> encode)
        {
            var table = new byte[65536];
            for (int sample = short.MinValue; sample <= short.MaxValue; sample++)
            {
                table[(ushort)sample] = encode(sample);
            }

            return table;
        }

        // The reference algorithms (G.711 appendix / the widely used CCITT reference code) used once to fill the tables.
        private static short ALawToLinearSlow(byte code)
        {
            var value = code ^ 0x55;
            var magnitude = (value & 0x0F) << 4;
            var segment = (value & 0x70) >> 4;
            magnitude = segment switch
            {
                0 => magnitude + 8,
                1 => magnitude + 0x108,
                _ => (magnitude + 0x108) << (segment - 1),
            };
            return (short)((value & 0x80) != 0 ? magnitude : -magnitude);
        }

        private static short MuLawToLinearSlow(byte code)
        {
            var value = ~code & 0xFF;
            var magnitude = (((value & 0x0F) << 3) + 0x84) << ((value & 0x70) >> 4);
            return (short)((value & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84);
        }

        private static byte LinearToALawSlow(int sample)
        {
            var value = sample >> 3;
            int mask;
            if (value >= 0)
            {
                mask = 0xD5;
            }
            else
            {
                mask = 0x55;
                value = -value - 1;
            }

            var segment = SegmentOf(value, 0x1F);
            if (segment >= 8)
            {
                return (byte)(0x7F ^ mask);
            }

            var code = segment << 4;
            code |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
            return (byte)(code ^ mask);
        }

        private static byte LinearToMuLawSlow(int sample)
        {
            const int Clip = 8159;
            const int Bias = 0x84 >> 2;
            var value = sample >> 2;
            int mask;
            if (value < 0)
            {
                value = -value;
                mask = 0x7F;
            }
            else
            {
                mask = 0xFF;
            }

            if (value > Clip)
            {
                value = Clip;
            }

            value += Bias;
            var segment = SegmentOf(value, 0x3F);
            if (segment >= 8)
            {
                return (byte)(0x7F ^ mask);
            }

            var code = (segment << 4) | ((value >> (segment + 1)) & 0x0F);
            return (byte)(code ^ mask);
        }

        /// <summary>The first segment whose end (firstEnd, doubling, 8 segments) holds <paramref name="value"/>; 8 if none.</summary>
        private static int SegmentOf(int value, int firstEnd)
        {
            var end = firstEnd;
            for (var segment = 0; segment < 8; segment++)
            {
                if (value <= end)
                {
                    return segment;
                }

                end = (end << 1) | 1;
            }

            return 8;
        }
    }
}
