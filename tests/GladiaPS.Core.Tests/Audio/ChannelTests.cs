using System;
using System.Linq;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    public class ChannelTests
    {
        private static readonly float[] Stereo = { 0.5f, -0.25f, 0.1f, 0.3f, -1f, 1f };

        [Fact]
        public async Task Stereo_down_mixes_to_the_average()
        {
            using var mixer = new ChannelMixer(new ArraySource(Stereo, 8000, 2), ChannelMap.DownmixToMono(2));
            Assert.Equal(1, mixer.Format.Channels);
            Assert.Equal(new[] { 0.125f, 0.2f, 0f }, await TestSignals.ReadAllAsync(mixer));
        }

        [Fact]
        public async Task Channels_can_be_selected_and_reordered()
        {
            using var mixer = new ChannelMixer(new ArraySource(Stereo, 8000, 2), ChannelMap.Select(2, new[] { 1, 0, 1 }));
            Assert.Equal(new[] { -0.25f, 0.5f, -0.25f, 0.3f, 0.1f, 0.3f, 1f, -1f, 1f }, await TestSignals.ReadAllAsync(mixer));
        }

        [Fact]
        public async Task Mono_up_mixes_to_every_channel()
        {
            using var mixer = new ChannelMixer(new ArraySource(new[] { 0.5f, -0.5f }, 8000), ChannelMap.UpmixMono(4));
            Assert.Equal(new[] { 0.5f, 0.5f, 0.5f, 0.5f, -0.5f, -0.5f, -0.5f, -0.5f }, await TestSignals.ReadAllAsync(mixer));
        }

        [Fact]
        public void Selecting_a_missing_channel_names_it()
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => ChannelMap.Select(2, new[] { 2 }));
            Assert.Contains("Channel 2 does not exist", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Default_map_keeps_channel_indices()
        {
            var map = ChannelMap.Default(3, 2);
            Assert.Equal(1f, map.Gain(0, 0));
            Assert.Equal(1f, map.Gain(1, 1));
            Assert.Equal(0f, map.Gain(1, 2));
            Assert.True(ChannelMap.Default(4, 4).IsIdentity);
            Assert.Equal(0.25f, ChannelMap.Default(4, 1).Gain(0, 3));
        }

        [Fact]
        public async Task Converter_mixes_before_resampling_when_reducing_channels()
        {
            var left = TestSignals.Sine(1000, 48000, 48000, 0.5);
            var stereo = new float[left.Length * 2];
            for (var i = 0; i < left.Length; i++)
            {
                stereo[2 * i] = left[i];
                stereo[2 * i + 1] = left[i];
            }

            using var converted = AudioConverter.ToSessionLayout(new ArraySource(stereo, 48000, 2), SessionAudioFormat.Default);
            Assert.IsType<PolyphaseResampler>(converted);
            Assert.Equal(16000, converted.Format.SampleRate);
            Assert.Equal(1, converted.Format.Channels);
            var samples = await TestSignals.ReadAllAsync(converted);
            Assert.Equal(16000, samples.Length);
            Assert.InRange(TestSignals.Amplitude(samples.AsSpan(1600, 12800), 1000, 16000), 0.499, 0.501);
        }

        [Fact]
        public void Converter_passes_a_source_already_in_layout_through()
        {
            var source = new ArraySource(new float[10], 16000);
            Assert.Same(source, AudioConverter.ToSessionLayout(source, SessionAudioFormat.Default));
        }
    }
}
