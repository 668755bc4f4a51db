using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Ffmpeg;

namespace GladiaPS.Core.Capture
{
    /// <summary>Capture through ffmpeg's input devices (pulse, alsa, avfoundation): a live <see cref="FfmpegAudioSource"/>, read without pause.</summary>
    internal static class FfmpegCapture
    {
        public static IAudioSource Start(string inputOptions, AudioDevice device, int sampleRate, int channels, FfmpegOptions? ffmpeg)
        {
            try
            {
                var name = DisplayName(device);
                return new BufferedCaptureSource(FfmpegAudioSource.StartInput(inputOptions, device.Id, name, sampleRate, channels, ffmpeg), device.Name);
            }
            catch (AudioFormatException exception)
            {
                throw new AudioCaptureException(device.Name, exception.Detail, exception);
            }
        }

        public static string DisplayName(AudioDevice device) => "device " + device.Name + " (" + device.Api + ")";
    }
}
