using System;
using GladiaPS.Core.Audio;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    public class SessionFormatChooserTests
    {
        [Theory]
        [InlineData(SampleEncoding.Pcm, 16, 16000, 1, AudioEncoding.Pcm, 16, 16000, 1)]
        [InlineData(SampleEncoding.Pcm, 8, 8000, 2, AudioEncoding.Pcm, 8, 8000, 2)]
        [InlineData(SampleEncoding.Pcm, 24, 48000, 2, AudioEncoding.Pcm, 16, 48000, 2)]
        [InlineData(SampleEncoding.Pcm, 32, 44100, 1, AudioEncoding.Pcm, 16, 44100, 1)]
        [InlineData(SampleEncoding.Float, 32, 48000, 2, AudioEncoding.Pcm, 16, 48000, 2)]
        [InlineData(SampleEncoding.Float, 64, 22050, 1, AudioEncoding.Pcm, 16, 32000, 1)]
        [InlineData(SampleEncoding.Pcm, 16, 11025, 1, AudioEncoding.Pcm, 16, 16000, 1)]
        [InlineData(SampleEncoding.Pcm, 16, 24000, 1, AudioEncoding.Pcm, 16, 32000, 1)]
        [InlineData(SampleEncoding.Pcm, 16, 96000, 1, AudioEncoding.Pcm, 16, 48000, 1)]
        [InlineData(SampleEncoding.Pcm, 16, 6000, 1, AudioEncoding.Pcm, 16, 8000, 1)]
        [InlineData(SampleEncoding.ALaw, 8, 8000, 1, AudioEncoding.ALaw, 8, 8000, 1)]
        [InlineData(SampleEncoding.MuLaw, 8, 11025, 8, AudioEncoding.MuLaw, 8, 16000, 8)]
        public void Chooses_the_closest_supported_format(SampleEncoding encoding, int bits, int rate, int channels,
            AudioEncoding expectedEncoding, int expectedBits, int expectedRate, int expectedChannels)
        {
            var chosen = new SessionFormatChooser().Choose(new AudioFormat(encoding, bits, rate, channels));
            Assert.Equal(new SessionAudioFormat(expectedEncoding, expectedBits, expectedRate, expectedChannels), chosen);
        }

        [Fact]
        public void Wider_bit_depths_are_kept_when_allowed()
        {
            var chooser = new SessionFormatChooser { MaxBitDepth = 24 };
            Assert.Equal(24, chooser.Choose(new AudioFormat(SampleEncoding.Pcm, 32, 48000, 1)).BitDepth);
            Assert.Equal(24, chooser.Choose(new AudioFormat(SampleEncoding.Float, 32, 48000, 1)).BitDepth);
            Assert.Equal(16, chooser.Choose(new AudioFormat(SampleEncoding.Pcm, 16, 48000, 1)).BitDepth);
        }

        [Fact]
        public void More_than_eight_channels_fail_clearly_or_follow_the_policy()
        {
            var input = new AudioFormat(SampleEncoding.Pcm, 16, 48000, 12);
            var error = Assert.Throws<AudioFormatException>(() => new SessionFormatChooser().Choose(input, "array.wav"));
            Assert.Equal(AudioFormatError.TooManyChannels, error.Reason);
            Assert.Contains("12 channels", error.Message, StringComparison.Ordinal);
            Assert.Contains("array.wav", error.Message, StringComparison.Ordinal);
            Assert.Equal(1, new SessionFormatChooser { ExcessChannels = ExcessChannelPolicy.DownmixToMono }.Choose(input).Channels);
            Assert.Equal(8, new SessionFormatChooser { ExcessChannels = ExcessChannelPolicy.KeepFirstEight }.Choose(input).Channels);
        }

        [Fact]
        public void Tracks_share_the_highest_rate_and_widest_depth()
        {
            var chooser = new SessionFormatChooser();
            var chosen = chooser.ChooseForTracks(new[]
            {
                new AudioFormat(SampleEncoding.ALaw, 8, 8000, 1),
                new AudioFormat(SampleEncoding.Pcm, 16, 44100, 2),
                new AudioFormat(SampleEncoding.Pcm, 8, 22050, 1),
            });
            Assert.Equal(new SessionAudioFormat(AudioEncoding.Pcm, 16, 44100, 3), chosen);
            var telephony = chooser.ChooseForTracks(new[]
            {
                new AudioFormat(SampleEncoding.MuLaw, 8, 8000, 1), new AudioFormat(SampleEncoding.MuLaw, 8, 8000, 1),
            });
            Assert.Equal(new SessionAudioFormat(AudioEncoding.MuLaw, 8, 8000, 2), telephony);
        }

        [Fact]
        public void Session_format_rejects_what_the_API_does_not_accept()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new SessionAudioFormat(AudioEncoding.ALaw, 16, 8000, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new SessionAudioFormat(AudioEncoding.Pcm, 12, 8000, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new SessionAudioFormat(AudioEncoding.Pcm, 16, 4000, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new SessionAudioFormat(AudioEncoding.Pcm, 16, 384000, 1));
            Assert.Equal(22050, new SessionAudioFormat(AudioEncoding.Pcm, 16, 22050, 1).SampleRate); // a rate the API may add: resampled to like any other
            Assert.Throws<ArgumentOutOfRangeException>(() => new SessionAudioFormat(AudioEncoding.Pcm, 16, 16000, 9));
            Assert.Equal("wav/ulaw", new SessionAudioFormat(AudioEncoding.MuLaw, 8, 8000, 1).WireEncoding);
            Assert.True(AudioEncodings.TryParse("wav/alaw", out var parsed));
            Assert.Equal(AudioEncoding.ALaw, parsed);
            Assert.Equal(96000, new SessionAudioFormat(AudioEncoding.Pcm, 24, 16000, 2).ByteRate);
        }
    }
}
