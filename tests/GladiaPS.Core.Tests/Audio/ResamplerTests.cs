using System;
using System.Linq;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Dsp;
using Xunit;
using Xunit.Abstractions;

namespace GladiaPS.Core.Tests.Audio
{
    public class ResamplerTests
    {
        private readonly ITestOutputHelper output;

        public ResamplerTests(ITestOutputHelper output) => this.output = output;

        public static TheoryData<int, int> Ratios() => new()
        {
            { 48000, 16000 },
            { 44100, 16000 },
            { 44100, 8000 },
            { 48000, 44100 },
            { 44100, 48000 },
            { 16000, 48000 },
            { 8000, 44100 },
            { 22050, 32000 },
            { 96000, 48000 },
            { 44056, 48000 },
        };

        [Theory]
        [MemberData(nameof(Ratios))]
        public async Task Passband_tone_loses_under_a_tenth_of_a_dB(int from, int to)
        {
            var nyquist = Math.Min(from, to) / 2.0;
            foreach (var frequency in new[] { 1000.0, 0.85 * nyquist })
            {
                var input = TestSignals.Sine(frequency, from, from, 0.5);
                var resampled = await Resample(input, from, to);
                var steady = resampled.AsSpan(to / 10, to * 8 / 10);
                var gainDb = 20 * Math.Log10(TestSignals.Amplitude(steady, frequency, to) / 0.5);
                output.WriteLine($"{from} -> {to}: {frequency:F0} Hz passes at {gainDb:F5} dB");
                Assert.True(Math.Abs(gainDb) < 0.1, $"{frequency} Hz changed by {gainDb} dB");
            }
        }

        [Theory]
        [MemberData(nameof(Ratios))]
        public async Task Tone_above_the_new_nyquist_frequency_is_attenuated_by_60_dB(int from, int to)
        {
            if (to >= from)
            {
                // Upsampling: nothing of the input lies above the new Nyquist frequency; the images the filter
                // removes are tested in Upsampling_leaves_no_image.
                return;
            }

            foreach (var frequency in new[] { to / 2.0 + 50, to / 2.0 * 1.1, Math.Min(from / 2.0 * 0.95, to * 1.3) })
            {
                var input = TestSignals.Sine(frequency, from, from, 0.5);
                var resampled = await Resample(input, from, to);
                var steady = resampled.AsSpan(to / 10, to * 8 / 10);
                var leftDb = 20 * Math.Log10(TestSignals.Rms(steady) * Math.Sqrt(2) / 0.5);
                output.WriteLine($"{from} -> {to}: {frequency:F0} Hz comes out at {leftDb:F1} dB");
                Assert.True(leftDb <= -60, $"{frequency} Hz is only attenuated to {leftDb} dB");

                // The design target is 100 dB; a regression in the filter design shows here long before 60 dB.
                Assert.True(leftDb <= -95, $"{frequency} Hz is attenuated to {leftDb} dB, short of the 100 dB design");
            }
        }

        [Theory]
        [InlineData(16000, 48000, 7000)]
        [InlineData(8000, 44100, 3500)]
        [InlineData(44100, 48000, 21000)]
        public async Task Upsampling_leaves_no_image(int from, int to, double frequency)
        {
            var input = TestSignals.Sine(frequency, from, from, 0.5);
            var resampled = await Resample(input, from, to);
            var steady = resampled.AsSpan(to / 10, to * 8 / 10);
            var image = TestSignals.Amplitude(steady, from - frequency, to);
            var imageDb = 20 * Math.Log10(image / 0.5);
            output.WriteLine($"{from} -> {to}: image of {frequency} Hz at {from - frequency} Hz: {imageDb:F1} dB");
            Assert.True(imageDb <= -60, $"image at {imageDb} dB");
        }

        [Theory]
        [InlineData(48000, 16000)]
        [InlineData(44100, 16000)]
        [InlineData(8000, 48000)]
        [InlineData(44056, 48000)]
        public async Task Block_boundaries_do_not_change_a_single_sample(int from, int to)
        {
            var input = TestSignals.Sine(440, from, from / 2, 0.5, channels: 2);
            var whole = await Resample(input, from, to, channels: 2);
            var tiny = await Resample(input, from, to, channels: 2, maxFramesPerRead: 7, readFrames: 5);
            Assert.Equal(whole, tiny);
        }

        [Theory]
        [InlineData(48000, 16000, 48000)]
        [InlineData(44100, 16000, 44101)]
        [InlineData(8000, 44100, 7999)]
        [InlineData(16000, 16001, 100)]
        public async Task Output_length_is_the_input_duration_at_the_new_rate(int from, int to, int frames)
        {
            var resampled = await Resample(new float[frames], from, to);
            Assert.Equal((long)frames * to / from + ((long)frames * to % from == 0 ? 0 : 1), resampled.Length);
        }

        [Theory]
        [InlineData(48000, 16000)]
        [InlineData(44100, 16000)]
        [InlineData(16000, 44100)]
        public async Task Output_is_not_delayed(int from, int to)
        {
            // A tone burst starting at 0.5 s: its onset must stay at 0.5 s (within a couple of output samples).
            var input = new float[from];
            var burst = TestSignals.Sine(1000, from, from / 4, 0.5);
            Array.Copy(burst, 0, input, from / 2, burst.Length);
            var resampled = await Resample(input, from, to);
            var first = Array.FindIndex(resampled, s => Math.Abs(s) > 0.05);
            var expected = to / 2.0;
            Assert.InRange(first, expected - 2, expected + 3);
        }

        [Fact]
        public async Task A_constant_stays_constant()
        {
            var input = Enumerable.Repeat(0.25f, 44100).ToArray();
            var resampled = await Resample(input, 44100, 16000);
            foreach (var sample in resampled.AsSpan(1000, 14000).ToArray())
            {
                Assert.InRange(sample, 0.25f - 1e-5f, 0.25f + 1e-5f);
            }
        }

        private static async Task<float[]> Resample(float[] input, int from, int to, int channels = 1, int maxFramesPerRead = int.MaxValue,
            int readFrames = 4000)
        {
            using var resampler = new PolyphaseResampler(new ArraySource(input, from, channels, maxFramesPerRead), to);
            Assert.Equal(to, resampler.Format.SampleRate);
            return await TestSignals.ReadAllAsync(resampler, readFrames);
        }
    }
}
