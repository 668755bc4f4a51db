using System;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Tests.Audio;
using GladiaPS.Core.Transcribing;
using Xunit;

namespace GladiaPS.Core.Tests.Transcribing
{
    public class PauseDetectorTests
    {
        [Theory]
        [InlineData(0.0, true)]
        [InlineData(0.009, true)]
        [InlineData(-0.003, true)]
        [InlineData(0.02, false)]
        [InlineData(-0.02, false)]
        [InlineData(0.9, false)]
        public void Sixteen_bit_audio_is_quiet_below_about_minus_40_dBFS(double peak, bool quiet)
        {
            var samples = new float[1600];
            samples[800] = (float)peak;

            Assert.Equal(quiet, PauseDetector.IsQuiet(TestSignals.Pcm16(samples), SessionAudioFormat.Default));
        }

        [Fact]
        public void Eight_bit_audio_is_unsigned_around_128()
        {
            var format = new SessionAudioFormat(AudioEncoding.Pcm, 8, 8000, 1);
            var silence = new byte[800];
            silence.AsSpan().Fill(128);

            Assert.True(PauseDetector.IsQuiet(silence, format));
            silence[400] = 200;
            Assert.False(PauseDetector.IsQuiet(silence, format));
        }

        [Fact]
        public void Wider_samples_are_judged_by_their_top_byte_in_every_channel()
        {
            var format = new SessionAudioFormat(AudioEncoding.Pcm, 24, 16000, 2);
            var data = new byte[format.BlockAlign * 100];
            data[(format.BlockAlign * 50) + 5] = 0xFF;               // -1 in the second channel's top byte: still quiet
            data[(format.BlockAlign * 50) + 4] = 0x80;               // loud low bytes do not count

            Assert.True(PauseDetector.IsQuiet(data, format));
            data[(format.BlockAlign * 60) + 5] = 0x10;               // the second channel's top byte at 16/128: speech
            Assert.False(PauseDetector.IsQuiet(data, format));
        }

        [Theory]
        [InlineData(AudioEncoding.ALaw)]
        [InlineData(AudioEncoding.MuLaw)]
        public void G711_silence_is_quiet_and_a_loud_code_is_not(AudioEncoding encoding)
        {
            var format = new SessionAudioFormat(encoding, 8, 8000, 1);
            var silence = new byte[800];
            silence.AsSpan().Fill(encoding == AudioEncoding.ALaw ? (byte)0xD5 : (byte)0xFF);

            Assert.True(PauseDetector.IsQuiet(silence, format));
            silence[400] = encoding == AudioEncoding.ALaw ? (byte)0xAA : (byte)0x80;
            Assert.False(PauseDetector.IsQuiet(silence, format));
        }
    }
}
