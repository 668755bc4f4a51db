namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>
    /// ITU-T G.711 A-law and mu-law companding between 8-bit codes and 16-bit linear samples, bit-exact with the
    /// ITU-T G.191 reference (encoding truncates within a segment; decoding yields the interval midpoint).
    /// Encoding a decoded code gives the same code back, except mu-law's negative zero (0x7F), which encodes as 0xFF.
    /// </summary>
    public static class G711
    {
        private const int SignBit = 0x80;
        private const int QuantMask = 0x0F;
        private const int SegShift = 4;
        private const int SegMask = 0x70;
        private const int MuLawBias = 0x84;

        private static readonly short[] ALawSegmentEnds = { 0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF };

        /// <summary>Encodes a 16-bit linear sample as an A-law code.</summary>
        public static byte LinearToALaw(short sample)
        {
            int pcm = sample >> 3;
            int mask;
            if (pcm >= 0)
            {
                mask = 0xD5;
            }
            else
            {
                mask = 0x55;
                pcm = -pcm - 1;
            }

            int segment = Segment(pcm, ALawSegmentEnds);
            if (segment >= 8)
            {
                return (byte)(0x7F ^ mask);
            }

            int code = segment << SegShift;
            code |= segment < 2 ? (pcm >> 1) & QuantMask : (pcm >> segment) & QuantMask;
            return (byte)(code ^ mask);
        }

        /// <summary>Decodes an A-law code to a 16-bit linear sample.</summary>
        public static short ALawToLinear(byte code)
        {
            int value = code ^ 0x55;
            int t = (value & QuantMask) << 4;
            int segment = (value & SegMask) >> SegShift;
            switch (segment)
            {
                case 0:
                    t += 8;
                    break;
                case 1:
                    t += 0x108;
                    break;
                default:
                    t += 0x108;
                    t <<= segment - 1;
                    break;
            }

            return (short)((value & SignBit) != 0 ? t : -t);
        }

        /// <summary>Encodes a 16-bit linear sample as a mu-law code (14 most significant bits used, as in ITU-T G.191).</summary>
        public static byte LinearToMuLaw(short sample)
        {
            // One's complement for negative input, so -1 and 0 share the smallest magnitude; 33 is the bias in 14-bit units.
            int magnitude = (sample < 0 ? ~sample >> 2 : sample >> 2) + 33;
            if (magnitude > 0x1FFF)
            {
                magnitude = 0x1FFF;
            }

            int segment = 1;
            for (int i = magnitude >> 6; i != 0; i >>= 1)
            {
                segment++;
            }

            int high = 8 - segment;
            int low = 0x0F - ((magnitude >> segment) & 0x0F);
            int code = (high << 4) | low;
            return (byte)(sample >= 0 ? code | 0x80 : code);
        }

        /// <summary>Decodes a mu-law code to a 16-bit linear sample.</summary>
        public static short MuLawToLinear(byte code)
        {
            int value = ~code & 0xFF;
            int t = ((value & QuantMask) << 3) + MuLawBias;
            t <<= (value & SegMask) >> SegShift;
            return (short)((value & SignBit) != 0 ? MuLawBias - t : t - MuLawBias);
        }

        private static int Segment(int value, short[] segmentEnds)
        {
            for (int i = 0; i < segmentEnds.Length; i++)
            {
                if (value <= segmentEnds[i])
                {
                    return i;
                }
            }

            return segmentEnds.Length;
        }
    }
}
