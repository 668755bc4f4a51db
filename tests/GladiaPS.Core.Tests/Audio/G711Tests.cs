using System;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    public class G711Tests
    {
        [Theory]
        [InlineData(0xD5, 8)]
        [InlineData(0x55, -8)]
        [InlineData(0xAA, 32256)]
        [InlineData(0x2A, -32256)]
        [InlineData(0xD4, 24)]
        [InlineData(0xC5, 264)]
        public void ALaw_decodes_reference_values(int code, int linear) => Assert.Equal(linear, G711.ALawToLinear((byte)code));

        [Theory]
        [InlineData(0xFF, 0)]
        [InlineData(0x7F, 0)]
        [InlineData(0x80, 32124)]
        [InlineData(0x00, -32124)]
        [InlineData(0xFE, 8)]
        [InlineData(0xEF, 132)]
        public void MuLaw_decodes_reference_values(int code, int linear) => Assert.Equal(linear, G711.MuLawToLinear((byte)code));

        [Fact]
        public void Every_ALaw_code_survives_a_round_trip()
        {
            for (var code = 0; code < 256; code++)
            {
                Assert.Equal(code, G711.LinearToALaw(G711.ALawToLinear((byte)code)));
            }
        }

        [Fact]
        public void Every_MuLaw_code_survives_a_round_trip_except_negative_zero()
        {
            for (var code = 0; code < 256; code++)
            {
                var expected = code == 0x7F ? 0xFF : code;
                Assert.Equal(expected, G711.LinearToMuLaw(G711.MuLawToLinear((byte)code)));
            }
        }

        [Fact]
        public void Encoding_is_monotonic_and_within_half_a_step_of_the_input()
        {
            int previousA = int.MinValue, previousU = int.MinValue;
            for (int x = short.MinValue; x <= short.MaxValue; x++)
            {
                var a = G711.ALawToLinear(G711.LinearToALaw((short)x));
                var u = G711.MuLawToLinear(G711.LinearToMuLaw((short)x));
                Assert.True(a >= previousA, $"A-law is not monotonic at {x}");
                Assert.True(u >= previousU, $"mu-law is not monotonic at {x}");
                previousA = a;
                previousU = u;

                var aCode = G711.LinearToALaw((short)x) ^ 0x55;
                var aSegment = (aCode & 0x70) >> 4;
                var aStep = aSegment == 0 ? 16 : 16 << (aSegment - 1);
                Assert.True(Math.Abs(a - x) <= aStep / 2 + 8, $"A-law error at {x}: {a}");

                if (Math.Abs(x) <= 32000)
                {
                    var uCode = ~G711.LinearToMuLaw((short)x) & 0xFF;
                    var uStep = 8 << ((uCode & 0x70) >> 4);
                    Assert.True(Math.Abs(u - x) <= uStep / 2 + 4, $"mu-law error at {x}: {u}");
                }
            }
        }

        [Fact]
        public void Silence_encodes_to_the_standard_zero_codes()
        {
            Assert.Equal(G711.ALawSilence, G711.LinearToALaw(0));
            Assert.Equal(G711.MuLawSilence, G711.LinearToMuLaw(0));
            var bytes = new byte[2];
            SampleCodec.Encode(new float[] { 0, 0 }, bytes, AudioEncoding.ALaw, 8);
            Assert.Equal(new byte[] { 0xD5, 0xD5 }, bytes);
            SampleCodec.Encode(new float[] { 0, 0 }, bytes, AudioEncoding.MuLaw, 8);
            Assert.Equal(new byte[] { 0xFF, 0xFF }, bytes);
        }
    }
}
