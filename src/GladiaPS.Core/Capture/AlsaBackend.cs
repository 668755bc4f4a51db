using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Ffmpeg;

namespace GladiaPS.Core.Capture
{
    /// <summary>Linux without a PulseAudio server: ALSA's default input, through ffmpeg (<c>-f alsa -i default</c>). ALSA has no loopback.</summary>
    internal sealed class AlsaBackend : IAudioCaptureBackend
    {
        private readonly FfmpegOptions? _ffmpeg;

        public AlsaBackend(FfmpegOptions? ffmpeg = null) => _ffmpeg = ffmpeg;

        public string Api => "ALSA";

        public Task<IReadOnlyList<AudioDevice>> GetDevicesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AudioDevice>>(new[] { new AudioDevice("default", "default", AudioDeviceKind.Capture, true, Api, null, null) });

        public IAudioSource Open(AudioDevice device, int sampleRate, int channels) =>
            FfmpegCapture.Start("-f alsa", device, sampleRate, channels, _ffmpeg);
    }
}
