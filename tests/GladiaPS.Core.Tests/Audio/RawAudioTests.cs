using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    public class RawAudioTests
    {
        private static readonly float[] StereoTone = TestSignals.Sine(700, 8000, 801, 0.6, channels: 2);

        public static TheoryData<string, SampleEncoding, int, byte[], float[], double> Encodings() => new()
        {
            { "pcm8", SampleEncoding.Pcm, 8, TestSignals.Pcm(StereoTone, 8), StereoTone, 1.0 / 128 },
            { "pcm16", SampleEncoding.Pcm, 16, TestSignals.Pcm16(StereoTone), StereoTone, 1.0 / 32768 },
            { "pcm24", SampleEncoding.Pcm, 24, TestSignals.Pcm(StereoTone, 24), StereoTone, 1.0 / 8388608 },
            { "pcm32", SampleEncoding.Pcm, 32, TestSignals.Pcm(StereoTone, 32), StereoTone, 1e-7 },
            { "float32", SampleEncoding.Float, 32, TestSignals.Float32(StereoTone), StereoTone, 0 },
            { "float64", SampleEncoding.Float, 64, TestSignals.Float64(StereoTone), StereoTone, 0 },
            { "alaw", SampleEncoding.ALaw, 8, Codes(), Codes().Select(c => G711.ALawToLinear(c) / 32768f).ToArray(), 0 },
            { "mulaw", SampleEncoding.MuLaw, 8, Codes(), Codes().Select(c => G711.MuLawToLinear(c) / 32768f).ToArray(), 0 },
        };

        [Theory]
        [MemberData(nameof(Encodings))]
        public async Task A_headerless_file_decodes_in_the_format_given(string name, SampleEncoding encoding, int bits, byte[] bytes,
            float[] expected, double tolerance)
        {
            var directory = TestSignals.TempDirectory();
            try
            {
                var path = Path.Combine(directory, name + ".raw");
                File.WriteAllBytes(path, bytes);
                var format = new AudioFormat(encoding, bits, 8000, 2);
                using var source = RawAudioSource.Open(path, format, new AudioReadOptions { BlockSize = 100 });
                var decoded = await TestSignals.ReadAllAsync(source, 33).WaitAsync(TimeSpan.FromSeconds(60));

                Assert.Equal(path, source.Name);
                Assert.Equal(format, source.Format);
                Assert.Equal(expected.Length, decoded.Length);
                for (var i = 0; i < decoded.Length; i++)
                {
                    Assert.True(Math.Abs(expected[i] - decoded[i]) <= tolerance, $"sample {i}: expected {expected[i]}, decoded {decoded[i]}");
                }

                Assert.Empty(source.Warnings);
            }
            finally
            {
                Directory.Delete(directory, true);
            }
        }

        [Fact]
        public async Task A_declared_length_stops_reading_and_a_short_stream_is_reported()
        {
            var bytes = TestSignals.Pcm16(StereoTone);
            using (var bounded = new RawAudioSource(new MemoryStream(bytes), new AudioFormat(SampleEncoding.Pcm, 16, 8000, 2), "pipe", length: 400))
            {
                Assert.Equal(StereoTone.Take(200), await TestSignals.ReadAllAsync(bounded, 64), new ToleranceComparer(1.0 / 32768));
                Assert.Empty(bounded.Warnings);
            }

            var warnings = new List<AudioWarning>();
            using var truncated = new RawAudioSource(new NonSeekableStream(new MemoryStream(bytes, 0, 402)),
                new AudioFormat(SampleEncoding.Pcm, 16, 8000, 2), "pipe", options: new AudioReadOptions { OnWarning = warnings.Add },
                length: 4000);
            Assert.Equal(200, (await TestSignals.ReadAllAsync(truncated, 64)).Length);
            Assert.Contains(warnings, w => w.SourceName == "pipe" && w.Message.Contains("declares 4000 bytes but the input ends after 402", StringComparison.Ordinal));
            Assert.Contains(warnings, w => w.Message.Contains("partial frame of 2 byte(s) (a frame is 4 bytes)", StringComparison.Ordinal));
        }

        [Fact]
        public void A_format_no_reader_handles_is_refused_when_stated()
        {
            var twelveBits = Assert.Throws<ArgumentOutOfRangeException>(() => new AudioFormat(SampleEncoding.Pcm, 12, 8000, 1));
            Assert.Contains("12 bits", twelveBits.Message, StringComparison.Ordinal);
            var noRate = Assert.Throws<ArgumentOutOfRangeException>(() => new AudioFormat(SampleEncoding.ALaw, 8, 0, 1));
            Assert.Contains("sample rate", noRate.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentOutOfRangeException>(() => new AudioFormat(SampleEncoding.Float, 16, 8000, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new AudioFormat(SampleEncoding.MuLaw, 8, 8000, 0));
        }

        private static byte[] Codes() => Enumerable.Range(0, 512).Select(i => (byte)i).ToArray();

        private sealed class ToleranceComparer : IEqualityComparer<float>
        {
            private readonly double tolerance;

            public ToleranceComparer(double tolerance) => this.tolerance = tolerance;

            public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

            public int GetHashCode(float obj) => 0;
        }
    }
}
