using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.TestSupport.Tests.ToneWords
{
    public class G711Tests
    {
        [Theory]
        [InlineData(0x00, -32124)]
        [InlineData(0x7F, 0)]
        [InlineData(0x80, 32124)]
        [InlineData(0xFF, 0)]
        [InlineData(0x7E, -8)]
        [InlineData(0xFE, 8)]
        [InlineData(0x70, -120)]
        [InlineData(0xEF, 132)]
        public void MuLawDecodesToTheReferenceValues(int code, int linear) =>
            Assert.Equal(linear, G711.MuLawToLinear((byte)code));

        [Theory]
        [InlineData(0xD5, 8)]
        [InlineData(0x55, -8)]
        [InlineData(0xAA, 32256)]
        [InlineData(0x2A, -32256)]
        [InlineData(0xD4, 24)]
        [InlineData(0x80, 5504)]
        [InlineData(0x00, -5504)]
        public void ALawDecodesToTheReferenceValues(int code, int linear) =>
            Assert.Equal(linear, G711.ALawToLinear((byte)code));

        [Theory]
        [InlineData(0, 0xFF)]
        [InlineData(-1, 0x7F)]
        [InlineData(32767, 0x80)]
        [InlineData(-32768, 0x00)]
        [InlineData(100, 0xF2)]
        [InlineData(-31612, 0x01)]
        [InlineData(-100, 0x73)]
        public void MuLawEncodesReferenceValues(int linear, int code) =>
            Assert.Equal(code, G711.LinearToMuLaw((short)linear));

        [Theory]
        [InlineData(0, 0xD5)]
        [InlineData(-1, 0x55)]
        [InlineData(32767, 0xAA)]
        [InlineData(-32768, 0x2A)]
        [InlineData(100, 0xD3)]
        [InlineData(-100, 0x53)]
        [InlineData(-4096, 0x1A)]
        public void ALawEncodesReferenceValues(int linear, int code) =>
            Assert.Equal(code, G711.LinearToALaw((short)linear));

        [Fact]
        public void EveryALawCodeSurvivesDecodeThenEncode()
        {
            for (int code = 0; code < 256; code++)
            {
                Assert.Equal(code, G711.LinearToALaw(G711.ALawToLinear((byte)code)));
            }
        }

        [Fact]
        public void EveryMuLawCodeSurvivesDecodeThenEncodeExceptNegativeZero()
        {
            for (int code = 0; code < 256; code++)
            {
                int expected = code == 0x7F ? 0xFF : code;
                Assert.Equal(expected, G711.LinearToMuLaw(G711.MuLawToLinear((byte)code)));
            }
        }

        [Fact]
        public void EncodingIsMonotonicAndWithinOneQuantisationStep()
        {
            int previousA = int.MinValue;
            int previousMu = int.MinValue;
            for (int linear = short.MinValue; linear <= short.MaxValue; linear++)
            {
                int a = G711.ALawToLinear(G711.LinearToALaw((short)linear));
                int mu = G711.MuLawToLinear(G711.LinearToMuLaw((short)linear));
                Assert.True(a >= previousA && mu >= previousMu, $"Companding is not monotonic at {linear}.");

                // Segments double in size; a step is at most 1/16 of the magnitude plus the smallest step,
                // and the decoded value is the step's midpoint (mu-law clips above 32124, A-law above 32256).
                double bound = (System.Math.Abs(linear) / 16.0) + 16;
                if (System.Math.Abs(linear) < 32000)
                {
                    Assert.True(System.Math.Abs(a - linear) <= bound, $"A-law {linear} -> {a}");
                    Assert.True(System.Math.Abs(mu - linear) <= bound, $"mu-law {linear} -> {mu}");
                }

                previousA = a;
                previousMu = mu;
            }
        }
    }
}
