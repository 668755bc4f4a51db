using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GladiaPS.Core.Audio.Dsp;

namespace GladiaPS.Core.Audio.Containers
{
    /// <summary>
    /// Converts between stored samples and 32-bit float (full scale ±1.0). Integer PCM scales by 2^(bits−1) both
    /// ways (so −1.0 is the most negative code and +1.0 clips to the most positive), rounding to nearest on the way
    /// out and clipping anything beyond full scale. A float carries 24 bits of mantissa, so 8/16/24-bit PCM and
    /// G.711 survive a round trip exactly; 32-bit PCM keeps its top 24 bits (−144 dBFS of error).
    /// </summary>
    internal static class SampleCodec
    {
        /// <summary>
        /// Decodes the whole frames among the first <paramref name="filled"/> bytes of <paramref name="bytes"/> and moves
        /// the partial frame left over to the front of the buffer, for the next read to complete.
        /// </summary>
        /// <returns>The number of samples written (0 when not even one whole frame was filled).</returns>
        internal static int DecodeWholeFrames(byte[] bytes, int filled, Span<float> destination, AudioFormat format, out int carried)
        {
            var whole = filled - filled % format.BlockAlign;
            carried = filled - whole;
            if (whole == 0)
            {
                return 0;
            }

            var samples = whole / format.BytesPerSample;
            Decode(bytes.AsSpan(0, whole), destination.Slice(0, samples), format.Encoding, format.BitsPerSample);
            if (carried > 0)
            {
                Buffer.BlockCopy(bytes, whole, bytes, 0, carried);
            }

            return samples;
        }

        /// <summary>Decodes <c>destination.Length</c> samples stored as <paramref name="encoding"/>/<paramref name="bitsPerSample"/>.</summary>
        [MethodImpl(HotLoop.FullyOptimized)]
        public static void Decode(ReadOnlySpan<byte> source, Span<float> destination, SampleEncoding encoding, int bitsPerSample)
        {
            var count = destination.Length;
            if (source.Length < count * (bitsPerSample / 8))
            {
                throw new ArgumentException("The source holds fewer bytes than the samples asked for.", nameof(source));
            }

            switch (encoding)
            {
                case SampleEncoding.Pcm when bitsPerSample == 8:
                    for (var i = 0; i < count; i++)
                    {
                        destination[i] = (source[i] - 128) * (1f / 128);
                    }

                    break;
                case SampleEncoding.Pcm when bitsPerSample == 16:
                    var shorts = MemoryMarshal.Cast<byte, short>(source.Slice(0, count * 2));
                    if (BitConverter.IsLittleEndian)
                    {
                        for (var i = 0; i < count; i++)
                        {
                            destination[i] = shorts[i] * (1f / 32768);
                        }
                    }
                    else
                    {
                        for (var i = 0; i < count; i++)
                        {
                            destination[i] = BinaryPrimitives.ReverseEndianness(shorts[i]) * (1f / 32768);
                        }
                    }

                    break;
                case SampleEncoding.Pcm when bitsPerSample == 24:
                    for (int i = 0, b = 0; i < count; i++, b += 3)
                    {
                        var value = (source[b] | (source[b + 1] << 8) | (source[b + 2] << 16)) << 8 >> 8;
                        destination[i] = value * (1f / 8388608);
                    }

                    break;
                case SampleEncoding.Pcm when bitsPerSample == 32:
                    for (var i = 0; i < count; i++)
                    {
                        destination[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(source.Slice(i * 4)) * (1.0 / 2147483648.0));
                    }

                    break;
                case SampleEncoding.Float when bitsPerSample == 32:
                    if (BitConverter.IsLittleEndian)
                    {
                        MemoryMarshal.Cast<byte, float>(source.Slice(0, count * 4)).CopyTo(destination);
                    }
                    else
                    {
                        for (var i = 0; i < count; i++)
                        {
                            destination[i] = BitConverter.ToSingle(BitConverter.GetBytes(BinaryPrimitives.ReadInt32LittleEndian(source.Slice(i * 4))), 0);
                        }
                    }

                    SanitizeFloats(destination);
                    break;
                case SampleEncoding.Float when bitsPerSample == 64:
                    for (var i = 0; i < count; i++)
                    {
                        destination[i] = (float)BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(source.Slice(i * 8)));
                    }

                    SanitizeFloats(destination);
                    break;
                case SampleEncoding.ALaw:
                    var alaw = G711.ALawDecodeTable;
                    for (var i = 0; i < count; i++)
                    {
                        destination[i] = alaw[source[i]] * (1f / 32768);
                    }

                    break;
                case SampleEncoding.MuLaw:
                    var mulaw = G711.MuLawDecodeTable;
                    for (var i = 0; i < count; i++)
                    {
                        destination[i] = mulaw[source[i]] * (1f / 32768);
                    }

                    break;
                default:
                    throw new NotSupportedException($"{encoding} samples of {bitsPerSample} bits cannot be decoded.");
            }
        }

        /// <summary>Encodes every sample of <paramref name="source"/> into a session's byte format.</summary>
        [MethodImpl(HotLoop.FullyOptimized)]
        public static void Encode(ReadOnlySpan<float> source, Span<byte> destination, AudioEncoding encoding, int bitDepth)
        {
            var count = source.Length;
            if (destination.Length < count * (bitDepth / 8))
            {
                throw new ArgumentException("The destination is too small for the samples.", nameof(destination));
            }

            switch (encoding)
            {
                case AudioEncoding.Pcm when bitDepth == 8:
                    for (var i = 0; i < count; i++)
                    {
                        destination[i] = (byte)(ToInteger(source[i], 128f, 127) + 128);
                    }

                    break;
                case AudioEncoding.Pcm when bitDepth == 16:
                    for (var i = 0; i < count; i++)
                    {
                        BinaryPrimitives.WriteInt16LittleEndian(destination.Slice(i * 2), (short)ToInteger(source[i], 32768f, 32767));
                    }

                    break;
                case AudioEncoding.Pcm when bitDepth == 24:
                    for (int i = 0, b = 0; i < count; i++, b += 3)
                    {
                        var value = ToInteger(source[i], 8388608f, 8388607);
                        destination[b] = (byte)value;
                        destination[b + 1] = (byte)(value >> 8);
                        destination[b + 2] = (byte)(value >> 16);
                    }

                    break;
                case AudioEncoding.Pcm when bitDepth == 32:
                    for (var i = 0; i < count; i++)
                    {
                        BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(i * 4), ToInt32(source[i]));
                    }

                    break;
                case AudioEncoding.ALaw when bitDepth == 8:
                    var alaw = G711.ALawEncodeTable;
                    for (var i = 0; i < count; i++)
                    {
                        destination[i] = alaw[(ushort)(short)ToInteger(source[i], 32768f, 32767)];
                    }

                    break;
                case AudioEncoding.MuLaw when bitDepth == 8:
                    var mulaw = G711.MuLawEncodeTable;
                    for (var i = 0; i < count; i++)
                    {
                        destination[i] = mulaw[(ushort)(short)ToInteger(source[i], 32768f, 32767)];
                    }

                    break;
                default:
                    throw new NotSupportedException($"{encoding} at {bitDepth} bits is not a session format.");
            }
        }

        /// <summary>The stored byte value that means silence: 128 for 8-bit PCM, the G.711 zero codes, 0 otherwise.</summary>
        public static byte SilenceByte(AudioEncoding encoding, int bitDepth) => encoding switch
        {
            AudioEncoding.ALaw => G711.ALawSilence,
            AudioEncoding.MuLaw => G711.MuLawSilence,
            _ => bitDepth == 8 ? (byte)128 : (byte)0,
        };

        // Rounds to nearest and clips to [−scale, max]; NaN becomes 0 (comparisons with NaN are false).
        // Inlined: called once per sample, it otherwise runs unoptimised for a long time under tiered compilation.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int ToInteger(float sample, float scale, int max)
        {
            var value = sample * scale;
            if (float.IsNaN(value))
            {
                return 0;
            }

            if (value >= max)
            {
                return max;
            }

            if (value <= -scale)
            {
                return -(int)scale;
            }

            return value >= 0 ? (int)(value + 0.5f) : (int)(value - 0.5f);
        }

        private static int ToInt32(float sample)
        {
            var value = sample * 2147483648.0;
            if (double.IsNaN(value))
            {
                return 0;
            }

            if (value >= int.MaxValue)
            {
                return int.MaxValue;
            }

            if (value <= int.MinValue)
            {
                return int.MinValue;
            }

            return (int)Math.Round(value);
        }

        // A float file may hold NaN or infinities; they would poison the resampler's history for good.
        [MethodImpl(HotLoop.FullyOptimized)]
        private static void SanitizeFloats(Span<float> samples)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                var value = samples[i];
                if (float.IsNaN(value))
                {
                    samples[i] = 0;
                }
                else if (float.IsInfinity(value))
                {
                    samples[i] = value > 0 ? 1 : -1;
                }
            }
        }
    }
}
