using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Capture;
using Xunit;

namespace GladiaPS.Core.Tests.Capture
{
    /// <summary>Everything around a capture device that runs without one: the push source, sample layouts, device choice, listings.</summary>
    public sealed class CaptureSourceTests
    {
        private static readonly AudioFormat Stereo48k = new AudioFormat(SampleEncoding.Float, 32, 48000, 2);

        [Fact]
        public async Task PushSource_ReadsWhatTheDeviceWrote_InOrder_WholeFrames()
        {
            using var source = new PushAudioSource(Stereo48k, "fake", TimeSpan.FromSeconds(1));
            source.Write(new float[] { 0.1f, -0.1f, 0.2f, -0.2f, 0.3f });
            var buffer = new float[16];

            var read = await source.ReadAsync(buffer, CancellationToken.None);

            Assert.Equal(4, read);
            Assert.Equal(new[] { 0.1f, -0.1f, 0.2f, -0.2f }, buffer[..4]);
            source.Write(new float[] { -0.3f });
            Assert.Equal(2, await source.ReadAsync(buffer, CancellationToken.None));
            Assert.Equal(new[] { 0.3f, -0.3f }, buffer[..2]);
        }

        [Fact]
        public async Task PushSource_ReadWaitsForTheDevice_AndWakesWhenItWrites()
        {
            using var source = new PushAudioSource(Stereo48k, "fake", TimeSpan.FromSeconds(1));
            var buffer = new float[8];
            var pending = source.ReadAsync(buffer, CancellationToken.None).AsTask();
            Assert.False(pending.IsCompleted);

            source.Write(new float[] { 0.5f, 0.5f });

            Assert.Equal(2, await pending.WaitAsync(TimeSpan.FromSeconds(5)));
        }

        [Fact]
        public async Task PushSource_ReadIsCancellable()
        {
            using var source = new PushAudioSource(Stereo48k, "fake", TimeSpan.FromSeconds(1));
            using var cancel = new CancellationTokenSource();
            var pending = source.ReadAsync(new float[8], cancel.Token).AsTask();

            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5)));
        }

        [Fact]
        public async Task PushSource_EndsAfterWhatIsLeft_WhenCompleted_AndReportsADeviceFailureByName()
        {
            using var ended = new PushAudioSource(Stereo48k, "fake", TimeSpan.FromSeconds(1));
            ended.Write(new float[] { 1f, 1f });
            ended.Complete();
            var buffer = new float[8];
            Assert.Equal(2, await ended.ReadAsync(buffer, CancellationToken.None));
            Assert.Equal(0, await ended.ReadAsync(buffer, CancellationToken.None));

            using var unplugged = new PushAudioSource(Stereo48k, "USB Microphone", TimeSpan.FromSeconds(1));
            unplugged.Complete(new InvalidOperationException("the device was removed"));
            var error = await Assert.ThrowsAsync<AudioCaptureException>(() => unplugged.ReadAsync(buffer, CancellationToken.None).AsTask());
            Assert.Contains("USB Microphone", error.Message);
            Assert.Contains("the device was removed", error.Message);
        }

        [Fact]
        public async Task PushSource_DropsTheOldestWholeFrames_WhenTheReaderFallsAFullCapacityBehind()
        {
            var format = new AudioFormat(SampleEncoding.Float, 32, 10, 2);
            using var source = new PushAudioSource(format, "fake", TimeSpan.FromSeconds(1));
            var samples = new float[30];
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = i;
            }

            source.Write(samples);
            var buffer = new float[64];
            var read = await source.ReadAsync(buffer, CancellationToken.None);

            Assert.Equal(20, read);
            Assert.Equal(10f, buffer[0]);
            Assert.Equal(29f, buffer[19]);
            Assert.Equal(10, source.DroppedSamples);
        }

        [Fact]
        public async Task PushSource_ManyWriters_OneReader_LoseNothingWithinCapacity()
        {
            var format = new AudioFormat(SampleEncoding.Float, 32, 48000, 1);
            using var source = new PushAudioSource(format, "fake", TimeSpan.FromSeconds(10));
            var writer = Task.Run(() =>
            {
                for (var block = 0; block < 1000; block++)
                {
                    var samples = new float[100];
                    for (var i = 0; i < samples.Length; i++)
                    {
                        samples[i] = (block * 100) + i;
                    }

                    source.Write(samples);
                }

                source.Complete();
            });

            var next = 0f;
            var buffer = new float[777];
            int read;
            while ((read = await source.ReadAsync(buffer, CancellationToken.None)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    Assert.Equal(next++, buffer[i]);
                }
            }

            await writer;
            Assert.Equal(100_000f, next);
        }

        [Theory]
        [InlineData(true, 32, new byte[] { 0x00, 0x00, 0x00, 0x3F }, 0.5f)]
        [InlineData(false, 16, new byte[] { 0x00, 0xC0 }, -0.5f)]
        [InlineData(false, 24, new byte[] { 0x00, 0x00, 0x40 }, 0.5f)]
        [InlineData(false, 32, new byte[] { 0x00, 0x00, 0x00, 0xC0 }, -0.5f)]
        [InlineData(false, 8, new byte[] { 0xC0 }, 0.5f)]
        public async Task SampleLayout_DecodesEachWidth(bool isFloat, int bits, byte[] bytes, float expected)
        {
            var layout = CaptureSampleLayout.From(isFloat, bits, 1);
            using var source = new PushAudioSource(new AudioFormat(SampleEncoding.Float, 32, 16000, 1), "fake", TimeSpan.FromSeconds(1));
            var scratch = new float[1];

            layout.Decode(bytes, ref scratch, source);

            var buffer = new float[4];
            Assert.Equal(1, await source.ReadAsync(buffer, CancellationToken.None));
            Assert.Equal(expected, buffer[0], 5);
        }

        [Fact]
        public void SampleLayout_RefusesWhatNoDeviceShouldSend()
        {
            var error = Assert.Throws<AudioCaptureException>(() => CaptureSampleLayout.From(true, 16, 2));
            Assert.Contains("float 16-bit", error.Message);
        }

        [Fact]
        public void PulseListing_MonitorsAreLoopback_DefaultsFromInfo_FormatFromTheSpec()
        {
            const string sources = "0\talsa_output.pci.analog-stereo.monitor\tmodule-alsa-card.c\ts16le 2ch 48000Hz\tSUSPENDED\n" +
                                   "1\talsa_input.pci.analog-stereo\tmodule-alsa-card.c\ts16le 2ch 44100Hz\tRUNNING\n" +
                                   "2\tbluez_input.headset\tmodule-bluez5-device.c\ts16le 1ch 16000Hz\tIDLE\n";
            const string info = "Server Name: pulseaudio\nDefault Sink: alsa_output.pci.analog-stereo\nDefault Source: alsa_input.pci.analog-stereo\n";

            var devices = PulseAudioBackend.Parse(sources, info);

            Assert.Equal(3, devices.Count);
            Assert.Equal(AudioDeviceKind.Loopback, devices[0].Kind);
            Assert.True(devices[0].IsDefault);
            Assert.Equal(48000, devices[0].SampleRate);
            Assert.Equal(AudioDeviceKind.Capture, devices[1].Kind);
            Assert.True(devices[1].IsDefault);
            Assert.False(devices[2].IsDefault);
            Assert.Equal(1, devices[2].Channels);
        }

        [Fact]
        public void AvFoundationListing_TakesTheAudioSectionOnly()
        {
            const string listing =
                "[AVFoundation indev @ 0x7f] AVFoundation video devices:\n" +
                "[AVFoundation indev @ 0x7f] [0] FaceTime HD Camera\n" +
                "[AVFoundation indev @ 0x7f] AVFoundation audio devices:\n" +
                "[AVFoundation indev @ 0x7f] [0] MacBook Pro Microphone\n" +
                "[AVFoundation indev @ 0x7f] [1] BlackHole 2ch\n" +
                ": Input/output error\n";

            var devices = AvFoundationBackend.Parse(listing);

            Assert.Equal(new[] { "MacBook Pro Microphone", "BlackHole 2ch" }, new[] { devices[0].Name, devices[1].Name });
            Assert.Equal("1", devices[1].Id);
            Assert.True(devices[0].IsDefault);
        }

        [Theory]
        [InlineData(null, "mic-1")]
        [InlineData("", "mic-1")]
        [InlineData("default", "mic-1")]
        [InlineData("mic-2", "mic-2")]
        [InlineData("Headset Microphone", "mic-2")]
        [InlineData("headset", "mic-2")]
        public async Task Selector_FindsByDefaultIdNameOrPartOfIt(string? wanted, string expectedId)
        {
            var selector = new AudioDeviceSelector(new FakeBackend());

            var device = await selector.FindAsync(wanted, AudioDeviceKind.Capture);

            Assert.Equal(expectedId, device.Id);
        }

        [Fact]
        public async Task Selector_SaysWhatThereIs_WhenNothingOrSeveralMatch()
        {
            var selector = new AudioDeviceSelector(new FakeBackend());

            var none = await Assert.ThrowsAsync<AudioCaptureException>(() => selector.FindAsync("Webcam", AudioDeviceKind.Capture));
            Assert.Contains("'Webcam'", none.Message);
            Assert.Contains("'Built-in Microphone'", none.Message);
            Assert.Contains("; those there are: 'Built-in Microphone', 'Headset Microphone'", none.Message);
            var oneLoopback = await Assert.ThrowsAsync<AudioCaptureException>(() => selector.FindAsync("HDMI", AudioDeviceKind.Loopback));
            Assert.Contains("; the one there is: 'Speakers'.", oneLoopback.Message);

            var several = await Assert.ThrowsAsync<AudioCaptureException>(() => selector.FindAsync("Microphone", AudioDeviceKind.Capture));
            Assert.Contains("several", several.Message);

            var loopback = await selector.FindAsync(null, AudioDeviceKind.Loopback);
            Assert.Equal("speakers", loopback.Id);
        }

        private sealed class FakeBackend : IAudioCaptureBackend
        {
            public string Api => "Fake";

            public Task<IReadOnlyList<AudioDevice>> GetDevicesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<AudioDevice>>(new[]
            {
                new AudioDevice("mic-1", "Built-in Microphone", AudioDeviceKind.Capture, true, Api, 48000, 2),
                new AudioDevice("mic-2", "Headset Microphone", AudioDeviceKind.Capture, false, Api, 16000, 1),
                new AudioDevice("speakers", "Speakers", AudioDeviceKind.Loopback, true, Api, 48000, 2),
            });

            public IAudioSource Open(AudioDevice device, int sampleRate, int channels) => throw new NotSupportedException();
        }
    }
}
