using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>
    /// Converts between float samples in [-1, 1] and the raw bytes of every <see cref="ToneAudioFormat"/>:
    /// little-endian PCM (8-bit unsigned, 16/24/32-bit signed), A-law and mu-law, channels interleaved.
    /// Full scale is 2^(bits-1): decoding a code and encoding the result gives the code back (for 32-bit PCM, to the
    /// 24 significant bits a float holds).
    /// </summary>
    public static class ToneSampleCodec
    {
        private static readonly float[] Pcm8Table = BuildTable(code => (code - 128) / 128f);
        private static readonly float[] ALawTable = BuildTable(code => G711.ALawToLinear((byte)code) / 32768f);
        private static readonly float[] MuLawTable = BuildTable(code => G711.MuLawToLinear((byte)code) / 32768f);

        /// <summary>Interleaves and encodes channels of equal length.</summary>
        /// <exception cref="ArgumentException">The channel count differs from the format's, or lengths differ.</exception>
        public static byte[] Encode(IReadOnlyList<float[]> channels, ToneAudioFormat format)
        {
            if (channels is null)
            {
                throw new ArgumentNullException(nameof(channels));
            }

            ValidFormat(format);
            if (channels.Count != format.Channels)
            {
                throw new ArgumentException(
                    $"{channels.Count} channel(s) of samples were given for a {format.Channels}-channel format ({format.Describe()}).",
                    nameof(channels));
            }

            int length = channels[0]?.Length ?? throw new ArgumentException("Channel 0 is null.", nameof(channels));
            for (int c = 1; c < channels.Count; c++)
            {
                if (channels[c] is null || channels[c].Length != length)
                {
                    throw new ArgumentException(
                        $"Channel {c} has {channels[c]?.Length.ToString() ?? "no"} samples; channel 0 has {length}. Channels must be equally long.",
                        nameof(channels));
                }
            }

            int bytesPerSample = format.BytesPerSample;
            var result = new byte[checked((long)length * format.BlockAlign)];
            Span<byte> span = result;
            for (int i = 0; i < length; i++)
            {
                for (int c = 0; c < channels.Count; c++)
                {
                    EncodeUnchecked(channels[c][i], format, span.Slice(((i * channels.Count) + c) * bytesPerSample, bytesPerSample));
                }
            }

            return result;
        }

        /// <summary>Encodes one sample into <c>format.BytesPerSample</c> bytes (values outside [-1, 1] are clipped, NaN is 0).</summary>
        public static void EncodeSample(float value, ToneAudioFormat format, Span<byte> destination)
        {
            ValidFormat(format);
            if (destination.Length < format.BytesPerSample)
            {
                throw new ArgumentException(
                    $"The destination holds {destination.Length} byte(s); a {format.BitDepth}-bit sample needs {format.BytesPerSample}.",
                    nameof(destination));
            }

            EncodeUnchecked(value, format, destination);
        }

        private static void EncodeUnchecked(float value, ToneAudioFormat format, Span<byte> destination)
        {
            double v = double.IsNaN(value) ? 0 : Math.Max(-1.0, Math.Min(1.0, value));
            switch (format.Encoding)
            {
                case ToneEncoding.ALaw:
                    destination[0] = G711.LinearToALaw(ToInt16(v));
                    break;
                case ToneEncoding.MuLaw:
                    destination[0] = G711.LinearToMuLaw(ToInt16(v));
                    break;
                default:
                    switch (format.BitDepth)
                    {
                        case 8:
                            destination[0] = (byte)(Quantize(v, 128) + 128);
                            break;
                        case 16:
                            BinaryPrimitives.WriteInt16LittleEndian(destination, ToInt16(v));
                            break;
                        case 24:
                            int s24 = (int)Quantize(v, 1 << 23);
                            destination[0] = (byte)s24;
                            destination[1] = (byte)(s24 >> 8);
                            destination[2] = (byte)(s24 >> 16);
                            break;
                        default:
                            BinaryPrimitives.WriteInt32LittleEndian(destination, (int)Quantize(v, 2147483648.0));
                            break;
                    }

                    break;
            }
        }

        /// <summary>Decodes one sample from the start of <paramref name="source"/>.</summary>
        public static float DecodeSample(ReadOnlySpan<byte> source, ToneAudioFormat format)
        {
            ValidFormat(format);
            if (source.Length < format.BytesPerSample)
            {
                throw new ArgumentException(
                    $"The source holds {source.Length} byte(s); a {format.BitDepth}-bit sample needs {format.BytesPerSample}.",
                    nameof(source));
            }

            return DecodeUnchecked(source, format.Encoding, format.BitDepth);
        }

        /// <summary>Decodes whole interleaved frames into one float array per channel.</summary>
        /// <exception cref="ArgumentException">The byte count is not a whole number of frames.</exception>
        public static float[][] Decode(ReadOnlySpan<byte> data, ToneAudioFormat format)
        {
            ValidFormat(format);
            if (data.Length % format.BlockAlign != 0)
            {
                throw new ArgumentException(
                    $"{data.Length} bytes is not a whole number of {format.BlockAlign}-byte frames ({format.Describe()}).",
                    nameof(data));
            }

            int frames = data.Length / format.BlockAlign;
            var channels = new float[format.Channels][];
            for (int c = 0; c < channels.Length; c++)
            {
                channels[c] = new float[frames];
            }

            DecodeFrames(data, format, channels, 0, frames);
            return channels;
        }

        /// <summary>Decodes <paramref name="frames"/> whole frames into <paramref name="destination"/>[c][offset..].</summary>
        internal static void DecodeFrames(ReadOnlySpan<byte> data, ToneAudioFormat format, float[][] destination, int offset, int frames)
        {
            int channels = format.Channels;
            if (format.BitDepth == 8)
            {
                float[] table = format.Encoding switch
                {
                    ToneEncoding.ALaw => ALawTable,
                    ToneEncoding.MuLaw => MuLawTable,
                    _ => Pcm8Table,
                };
                for (int c = 0; c < channels; c++)
                {
                    float[] target = destination[c];
                    for (int i = 0, p = c; i < frames; i++, p += channels)
                    {
                        target[offset + i] = table[data[p]];
                    }
                }

                return;
            }

            int bytes = format.BytesPerSample;
            int blockAlign = format.BlockAlign;
            for (int c = 0; c < channels; c++)
            {
                float[] target = destination[c];
                int p = c * bytes;
                switch (format.BitDepth)
                {
                    case 16:
                        for (int i = 0; i < frames; i++, p += blockAlign)
                        {
                            target[offset + i] = (short)(data[p] | (data[p + 1] << 8)) * (1f / 32768f);
                        }

                        break;
                    case 24:
                        for (int i = 0; i < frames; i++, p += blockAlign)
                        {
                            int v = (data[p] | (data[p + 1] << 8) | (data[p + 2] << 16)) << 8 >> 8;
                            target[offset + i] = v * (1f / 8388608f);
                        }

                        break;
                    default:
                        for (int i = 0; i < frames; i++, p += blockAlign)
                        {
                            int v = data[p] | (data[p + 1] << 8) | (data[p + 2] << 16) | (data[p + 3] << 24);
                            target[offset + i] = (float)(v / 2147483648.0);
                        }

                        break;
                }
            }
        }

        private static float DecodeUnchecked(ReadOnlySpan<byte> source, ToneEncoding encoding, int bitDepth)
        {
            switch (encoding)
            {
                case ToneEncoding.ALaw:
                    return ALawTable[source[0]];
                case ToneEncoding.MuLaw:
                    return MuLawTable[source[0]];
            }

            switch (bitDepth)
            {
                case 8:
                    return Pcm8Table[source[0]];
                case 16:
                    return BinaryPrimitives.ReadInt16LittleEndian(source) / 32768f;
                case 24:
                    return (((source[0] | (source[1] << 8) | (source[2] << 16)) << 8) >> 8) / 8388608f;
                default:
                    return (float)(BinaryPrimitives.ReadInt32LittleEndian(source) / 2147483648.0);
            }
        }

        private static short ToInt16(double v) => (short)Quantize(v, 32768);

        private static long Quantize(double v, double fullScale)
        {
            double scaled = Math.Round(v * fullScale, MidpointRounding.AwayFromZero);
            return (long)Math.Max(-fullScale, Math.Min(fullScale - 1, scaled));
        }

        private static float[] BuildTable(Func<int, float> decode)
        {
            var table = new float[256];
            for (int code = 0; code < 256; code++)
            {
                table[code] = decode(code);
            }

            return table;
        }

        private static void ValidFormat(ToneAudioFormat format)
        {
            if (format is null)
            {
                throw new ArgumentNullException(nameof(format));
            }

            format.Validate();
        }
    }
}
