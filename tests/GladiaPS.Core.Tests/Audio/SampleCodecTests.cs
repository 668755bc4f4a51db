using System;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    public class SampleCodecTests
    {
        [Theory]
        [InlineData(8)]
        [InlineData(16)]
        [InlineData(24)]
        [InlineData(32)]
        public void Pcm_round_trips_exactly_through_float(int bits)
        {
            var random = new Random(bits);
            var original = new byte[3000 * bits / 8];
            random.NextBytes(original);
            if (bits == 32)
            {
                // A float keeps 24 bits of a 32-bit sample: test values it can hold exactly.
                for (var i = 0; i < original.Length; i += 4)
                {
                    original[i] = 0;
                }
            }

            var floats = new float[3000];
            SampleCodec.Decode(original, floats, SampleEncoding.Pcm, bits);
            var encoded = new byte[original.Length];
            SampleCodec.Encode(floats, encoded, AudioEncoding.Pcm, bits);
            Assert.Equal(original, encoded);
        }

        [Fact]
        public void Pcm_encoding_rounds_to_nearest_and_clips()
        {
            var bytes = new byte[12];
            SampleCodec.Encode(new[] { 1.5f, -2f, 0.5f / 32768, -0.49f / 32768, 1f, float.NaN }, bytes, AudioEncoding.Pcm, 16);
            var values = new short[6];
            Buffer.BlockCopy(bytes, 0, values, 0, 12);
            Assert.Equal(new short[] { 32767, -32768, 1, 0, 32767, 0 }, values);
        }

        [Fact]
        public void Eight_bit_pcm_is_unsigned()
        {
            var bytes = new byte[3];
            SampleCodec.Encode(new[] { 0f, -1f, 1f }, bytes, AudioEncoding.Pcm, 8);
            Assert.Equal(new byte[] { 128, 0, 255 }, bytes);
            var floats = new float[3];
            SampleCodec.Decode(bytes, floats, SampleEncoding.Pcm, 8);
            Assert.Equal(new[] { 0f, -1f, 127f / 128 }, floats);
        }

        [Fact]
        public void Twenty_four_bit_pcm_is_little_endian_and_sign_extended()
        {
            var floats = new float[2];
            SampleCodec.Decode(new byte[] { 0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F }, floats, SampleEncoding.Pcm, 24);
            Assert.Equal(-1f, floats[0]);
            Assert.Equal(8388607f / 8388608, floats[1]);
        }

        [Fact]
        public void Float_input_with_nan_and_infinity_is_made_safe()
        {
            var floats = new float[3];
            SampleCodec.Decode(TestSignals.Float32(new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity }), floats,
                SampleEncoding.Float, 32);
            Assert.Equal(new[] { 0f, 1f, -1f }, floats);
        }
    }
}
