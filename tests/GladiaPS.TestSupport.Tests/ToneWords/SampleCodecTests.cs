using System;
using System.Linq;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.TestSupport.Tests.ToneWords
{
    public class SampleCodecTests
    {
        [Theory]
        [InlineData(0f, new byte[] { 128 })]
        [InlineData(1f, new byte[] { 255 })]
        [InlineData(-1f, new byte[] { 0 })]
        [InlineData(0.5f, new byte[] { 192 })]
        public void EightBitPcmIsUnsignedWithSilenceAt128(float value, byte[] expected) =>
            Assert.Equal(expected, Encode(value, ToneAudioFormat.Pcm(8)));

        [Theory]
        [InlineData(0f, new byte[] { 0x00, 0x00 })]
        [InlineData(0.5f, new byte[] { 0x00, 0x40 })]
        [InlineData(-0.5f, new byte[] { 0x00, 0xC0 })]
        [InlineData(1f, new byte[] { 0xFF, 0x7F })]
        [InlineData(-1f, new byte[] { 0x00, 0x80 })]
        [InlineData(2f, new byte[] { 0xFF, 0x7F })]
        public void SixteenBitPcmIsSignedLittleEndian(float value, byte[] expected) =>
            Assert.Equal(expected, Encode(value, ToneAudioFormat.Pcm(16)));

        [Theory]
        [InlineData(0.5f, new byte[] { 0x00, 0x00, 0x40 })]
        [InlineData(-0.5f, new byte[] { 0x00, 0x00, 0xC0 })]
        [InlineData(-1f, new byte[] { 0x00, 0x00, 0x80 })]
        public void TwentyFourBitPcmIsSignedLittleEndian(float value, byte[] expected) =>
            Assert.Equal(expected, Encode(value, ToneAudioFormat.Pcm(24)));

        [Theory]
        [InlineData(0.5f, new byte[] { 0x00, 0x00, 0x00, 0x40 })]
        [InlineData(-1f, new byte[] { 0x00, 0x00, 0x00, 0x80 })]
        [InlineData(1f, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
        public void ThirtyTwoBitPcmIsSignedLittleEndian(float value, byte[] expected) =>
            Assert.Equal(expected, Encode(value, ToneAudioFormat.Pcm(32)));

        [Fact]
        public void G711EncodingsUseTheCompandingTables()
        {
            Assert.Equal(new byte[] { 0xD5 }, Encode(0f, ToneAudioFormat.ALaw()));
            Assert.Equal(new byte[] { 0xFF }, Encode(0f, ToneAudioFormat.MuLaw()));
            Assert.Equal(8 / 32768f, ToneSampleCodec.DecodeSample(new byte[] { 0xD5 }, ToneAudioFormat.ALaw()));
            Assert.Equal(-32124 / 32768f, ToneSampleCodec.DecodeSample(new byte[] { 0x00 }, ToneAudioFormat.MuLaw()));
        }

        [Theory]
        [InlineData(ToneEncoding.Pcm, 8)]
        [InlineData(ToneEncoding.Pcm, 16)]
        [InlineData(ToneEncoding.Pcm, 24)]
        [InlineData(ToneEncoding.Pcm, 32)]
        [InlineData(ToneEncoding.ALaw, 8)]
        [InlineData(ToneEncoding.MuLaw, 8)]
        public void DecodedBytesEncodeBackToTheSameBytes(ToneEncoding encoding, int bits)
        {
            var format = new ToneAudioFormat(encoding, bits, 16000, 1);
            var random = new Random(bits * 31 + (int)encoding);
            var raw = new byte[3000 * format.BytesPerSample];
            random.NextBytes(raw);
            if (encoding == ToneEncoding.MuLaw)
            {
                // mu-law's negative zero (0x7F) decodes to 0, which encodes as positive zero (0xFF).
                for (int i = 0; i < raw.Length; i++)
                {
                    raw[i] = raw[i] == 0x7F ? (byte)0xFF : raw[i];
                }
            }

            if (bits == 32)
            {
                // A float holds 24 significant bits: 32-bit samples round-trip exactly when the low byte is zero.
                for (int i = 0; i < raw.Length; i += 4)
                {
                    raw[i] = 0;
                }
            }

            float[][] decoded = ToneSampleCodec.Decode(raw, format);
            Assert.Equal(raw, ToneSampleCodec.Encode(decoded, format));
        }

        [Theory]
        [InlineData(ToneEncoding.Pcm, 8, 1 / 128.0)]
        [InlineData(ToneEncoding.Pcm, 16, 1 / 32768.0)]
        [InlineData(ToneEncoding.Pcm, 24, 1 / 8388608.0)]
        [InlineData(ToneEncoding.Pcm, 32, 1e-7)]
        [InlineData(ToneEncoding.ALaw, 8, 0.032)]
        [InlineData(ToneEncoding.MuLaw, 8, 0.032)]
        public void SamplesSurviveEncodeThenDecodeWithinOneStep(ToneEncoding encoding, int bits, double tolerance)
        {
            var format = new ToneAudioFormat(encoding, bits, 16000, 1);
            float[] samples = Enumerable.Range(0, 2001).Select(i => (float)((i - 1000) / 1000.0 * 0.999)).ToArray();
            float[] back = ToneSampleCodec.Decode(ToneSampleCodec.Encode(new[] { samples }, format), format)[0];
            for (int i = 0; i < samples.Length; i++)
            {
                Assert.True(Math.Abs(back[i] - samples[i]) <= tolerance, $"{samples[i]} came back as {back[i]}");
            }
        }

        [Fact]
        public void ChannelsAreInterleavedFrameByFrame()
        {
            var format = ToneAudioFormat.Pcm16(16000, 3);
            float[][] channels = { new[] { 0.25f, 0.5f }, new[] { -0.25f, -0.5f }, new[] { 0f, 1f } };
            byte[] raw = ToneSampleCodec.Encode(channels, format);
            Assert.Equal(new byte[] { 0x00, 0x20, 0x00, 0xE0, 0x00, 0x00, 0x00, 0x40, 0x00, 0xC0, 0xFF, 0x7F }, raw);
            float[][] back = ToneSampleCodec.Decode(raw, format);
            Assert.Equal(new[] { 0.25f, 0.5f }, back[0]);
            Assert.Equal(new[] { -0.25f, -0.5f }, back[1]);
        }

        [Fact]
        public void StreamDecoderKeepsPartialFramesAcrossAnySplit()
        {
            var format = ToneAudioFormat.Pcm(24, 16000, 2);
            var random = new Random(7);
            float[][] channels = { Noise(random, 500), Noise(random, 500) };
            byte[] raw = ToneSampleCodec.Encode(channels, format);
            var decoder = new ToneStreamDecoder(format);
            var left = new System.Collections.Generic.List<float>();
            var right = new System.Collections.Generic.List<float>();
            int offset = 0;
            while (offset < raw.Length)
            {
                int size = Math.Min(random.Next(1, 14), raw.Length - offset);
                float[][] part = decoder.Decode(raw.AsSpan(offset, size));
                left.AddRange(part[0]);
                right.AddRange(part[1]);
                offset += size;
                Assert.Equal(offset % format.BlockAlign, decoder.PendingBytes);
            }

            float[][] whole = ToneSampleCodec.Decode(raw, format);
            Assert.Equal(whole[0], left);
            Assert.Equal(whole[1], right);
            Assert.Equal(500, decoder.FramesDecoded);
        }

        [Fact]
        public void BadInputIsRejectedWithTheProblemNamed()
        {
            var stereo = ToneAudioFormat.Pcm16(16000, 2);
            ArgumentException partial = Assert.Throws<ArgumentException>(() => ToneSampleCodec.Decode(new byte[5], stereo));
            Assert.Contains("5 bytes", partial.Message);
            ArgumentException count = Assert.Throws<ArgumentException>(() => ToneSampleCodec.Encode(new[] { new float[3] }, stereo));
            Assert.Contains("2-channel", count.Message);
            ArgumentException uneven = Assert.Throws<ArgumentException>(() => ToneSampleCodec.Encode(new[] { new float[3], new float[4] }, stereo));
            Assert.Contains("Channel 1", uneven.Message);
            ArgumentException depth = Assert.Throws<ArgumentException>(() => ToneSampleCodec.Decode(new byte[4], new ToneAudioFormat(ToneEncoding.ALaw, 16, 8000, 1)));
            Assert.Contains("Bit depth 16", depth.Message);
            ArgumentException pcmDepth = Assert.Throws<ArgumentException>(() => ToneAudioFormat.FromWire("wav/pcm", 12, 16000, 1));
            Assert.Contains("Bit depth 12", pcmDepth.Message);
            ArgumentException wire = Assert.Throws<ArgumentException>(() => ToneAudioFormat.FromWire("wav/mp3", 16, 16000, 1));
            Assert.Contains("wav/mp3", wire.Message);
            Assert.Equal(ToneAudioFormat.MuLaw(8000, 2), ToneAudioFormat.FromWire("wav/ulaw", 8, 8000, 2));
        }

        private static byte[] Encode(float value, ToneAudioFormat format)
        {
            var bytes = new byte[format.BytesPerSample];
            ToneSampleCodec.EncodeSample(value, format, bytes);
            return bytes;
        }

        private static float[] Noise(Random random, int count) =>
            Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }
}
