using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using GladiaPS.Core.Audio.Dsp;
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
        public async Task Converter_up_mixes_after_resampling()
        {
            var mono = TestSignals.Sine(1000, 48000, 4800, 0.5);
            using var converted = AudioConverter.ToSessionLayout(new ArraySource(mono, 48000),
                new SessionAudioFormat(AudioEncoding.Pcm, 16, 16000, 8));
            Assert.IsType<ChannelMixer>(converted);
            var samples = await TestSignals.ReadAllAsync(converted);
            Assert.Equal(1600 * 8, samples.Length);
            var first = TestSignals.Channel(samples, 8, 0);
            Assert.InRange(TestSignals.Amplitude(first.AsSpan(160, 1280), 1000, 16000), 0.499, 0.501);
            for (var c = 1; c < 8; c++)
            {
                Assert.Equal(first, TestSignals.Channel(samples, 8, c));
            }
        }

        [Fact]
        public void Surround_with_a_speaker_mask_folds_down_by_speaker()
        {
            // 5.1 (FL FR FC LFE BL BR): BS.775 gains 1, 0.707, 0.707 per side, scaled to sum to 1; LFE left out.
            var surround = new AudioFormat(SampleEncoding.Pcm, 16, 48000, 6, 0x3F);
            var stereo = ChannelMap.Default(surround, 2);
            var side = 1 + 2 * 0.70710677f;
            Assert.Equal(new[] { 1 / side, 0, 0.70710677f / side, 0, 0.70710677f / side, 0 }, Row(stereo, 0, 6), Tolerance);
            Assert.Equal(new[] { 0, 1 / side, 0.70710677f / side, 0, 0, 0.70710677f / side }, Row(stereo, 1, 6), Tolerance);

            var mono = ChannelMap.Default(surround, 1);
            var total = 2 + 4 * 0.70710677f;
            Assert.Equal(new[] { 1 / total, 1 / total, 2 * 0.70710677f / total, 0, 0.70710677f / total, 0.70710677f / total },
                Row(mono, 0, 6), Tolerance);

            // Without a mask, or to more than two channels, channels are known by position only.
            var unmasked = ChannelMap.Default(new AudioFormat(SampleEncoding.Pcm, 16, 48000, 6), 2);
            Assert.Equal(new float[] { 1, 0, 0, 0, 0, 0 }, Row(unmasked, 0, 6));
            Assert.Equal(0f, ChannelMap.Default(surround, 4).Gain(0, 2));
        }

        [Fact]
        public async Task Dialogue_in_the_centre_channel_of_a_5_1_wav_reaches_a_stereo_session()
        {
            // Speech in the centre, a rumble in the LFE, silence elsewhere: both stereo channels get the speech.
            var speech = TestSignals.Sine(1000, 16000, 3200, 0.5);
            var rumble = TestSignals.Sine(60, 16000, 3200, 0.9);
            var frames = new float[speech.Length * 6];
            for (var i = 0; i < speech.Length; i++)
            {
                frames[i * 6 + 2] = speech[i];
                frames[i * 6 + 3] = rumble[i];
            }

            var wav = new WavBuilder().FmtExtensible(WavBuilder.FloatSubFormat, 6, 16000, 32, 32, 0x3F).Data(TestSignals.Float32(frames)).Build();
            var source = await WavAudioSource.OpenAsync(new MemoryStream(wav), "film.wav", false, null, CancellationToken.None);
            using var converted = AudioConverter.ToSessionLayout(source, new SessionAudioFormat(AudioEncoding.Pcm, 16, 16000, 2));
            var samples = await TestSignals.ReadAllAsync(converted);

            var expected = 0.5 * 0.70710677 / (1 + 2 * 0.70710677);
            foreach (var channel in new[] { 0, 1 })
            {
                var output = TestSignals.Channel(samples, 2, channel);
                Assert.InRange(TestSignals.Amplitude(output, 1000, 16000), expected * 0.999, expected * 1.001);
                Assert.True(TestSignals.Amplitude(output, 60, 16000) < 1e-4, "the LFE channel leaked into the mix");
            }
        }

        private static readonly FloatTolerance Tolerance = new(1e-6f);

        private static float[] Row(ChannelMap map, int output, int inputs) =>
            Enumerable.Range(0, inputs).Select(i => map.Gain(output, i)).ToArray();

        private sealed class FloatTolerance : System.Collections.Generic.IEqualityComparer<float>
        {
            private readonly float tolerance;

            public FloatTolerance(float tolerance) => this.tolerance = tolerance;

            public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

            public int GetHashCode(float obj) => 0;
        }

        [Fact]
        public async Task Converter_sends_the_selected_channel_and_refuses_a_map_of_the_wrong_shape()
        {
            // The second speaker of a stereo call, alone, to a mono session at another rate.
            var left = TestSignals.Sine(500, 32000, 3200, 0.5);
            var right = TestSignals.Sine(1500, 32000, 3200, 0.25);
            var stereo = new float[left.Length * 2];
            for (var i = 0; i < left.Length; i++)
            {
                stereo[2 * i] = left[i];
                stereo[2 * i + 1] = right[i];
            }

            var mono16k = new SessionAudioFormat(AudioEncoding.Pcm, 16, 16000, 1);
            using var converted = AudioConverter.ToSessionLayout(new ArraySource(stereo, 32000, 2), mono16k, ChannelMap.Select(2, new[] { 1 }));
            var samples = await TestSignals.ReadAllAsync(converted);
            Assert.Equal(1600, samples.Length);
            Assert.InRange(TestSignals.Amplitude(samples.AsSpan(160, 1280), 1500, 16000), 0.249, 0.251);
            Assert.True(TestSignals.Amplitude(samples.AsSpan(160, 1280), 500, 16000) < 1e-4, "the other channel leaked in");

            var error = Assert.Throws<ArgumentException>(() =>
                AudioConverter.ToSessionLayout(new ArraySource(stereo, 32000, 2), mono16k, ChannelMap.Select(3, new[] { 2 })));
            Assert.Contains("goes from 3 to 1 channels; this conversion goes from 2 to 1", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Converter_passes_a_source_already_in_layout_through()
        {
            var source = new ArraySource(new float[10], 16000);
            Assert.Same(source, AudioConverter.ToSessionLayout(source, SessionAudioFormat.Default));
        }
    }
}
