using System;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Dsp;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    public class MultiTrackTests
    {
        [Fact]
        public async Task Tracks_of_different_formats_become_aligned_channels_padded_with_silence()
        {
            // Track 0: 1 s at 48 kHz stereo, 1 kHz. Track 1: 0.5 s at 8 kHz mono, 600 Hz, with a click at 0.25 s.
            // Track 2: 1.5 s at 16 kHz mono, 900 Hz, starting with 0.5 s of silence.
            var track0 = TestSignals.Sine(1000, 48000, 48000, 0.5, channels: 2);
            var track1 = TestSignals.Sine(600, 8000, 4000, 0.5);
            var track2 = new float[24000];
            Array.Copy(TestSignals.Sine(900, 16000, 16000, 0.5), 0, track2, 8000, 16000);
            using var multi = new MultiTrackSource(new IAudioSource[]
            {
                new ArraySource(track0, 48000, 2, maxFramesPerRead: 1000),
                new ArraySource(track1, 8000, 1, maxFramesPerRead: 77),
                new ArraySource(track2, 16000),
            }, 16000);

            Assert.Equal(3, multi.Format.Channels);
            var samples = await TestSignals.ReadAllAsync(multi, 555);
            Assert.Equal(24000 * 3, samples.Length);
            var channel0 = TestSignals.Channel(samples, 3, 0);
            var channel1 = TestSignals.Channel(samples, 3, 1);
            var channel2 = TestSignals.Channel(samples, 3, 2);

            Assert.InRange(TestSignals.Amplitude(channel0.AsSpan(1000, 14000), 1000, 16000), 0.49, 0.51);
            Assert.InRange(TestSignals.Amplitude(channel1.AsSpan(1000, 6000), 600, 16000), 0.49, 0.51);
            Assert.InRange(TestSignals.Amplitude(channel2.AsSpan(9000, 14000), 900, 16000), 0.49, 0.51);

            // Padding: each track is silent after its own end, and channel 2's tone starts exactly at 0.5 s.
            Assert.True(TestSignals.Rms(channel0.AsSpan(16100)) < 1e-4);
            Assert.True(TestSignals.Rms(channel1.AsSpan(8100)) < 1e-4);
            Assert.True(TestSignals.Rms(channel2.AsSpan(0, 7900)) < 1e-4);
            Assert.InRange(Array.FindIndex(channel2, s => Math.Abs(s) > 0.05), 8000, 8003);
            Assert.InRange(Array.FindLastIndex(channel1, s => Math.Abs(s) > 0.05), 7990, 8003);
        }

        [Fact]
        public void More_than_the_reader_maximum_of_tracks_is_refused()
        {
            var tracks = new IAudioSource[65];
            for (var i = 0; i < tracks.Length; i++)
            {
                tracks[i] = new ArraySource(new float[1], 16000);
            }

            Assert.Throws<ArgumentException>(() => new MultiTrackSource(tracks, 16000));
        }

        [Fact]
        public void Disposing_the_stream_disposes_every_track()
        {
            var a = new ArraySource(new float[10], 16000);
            var b = new ArraySource(new float[10], 16000);
            new MultiTrackSource(new IAudioSource[] { a, b }, 16000).Dispose();
            Assert.True(a.Disposed && b.Disposed);
        }
    }
}
