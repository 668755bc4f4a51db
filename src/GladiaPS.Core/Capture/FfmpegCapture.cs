using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Ffmpeg;

namespace GladiaPS.Core.Capture
{
    /// <summary>Capture through ffmpeg's input devices (pulse, alsa, avfoundation): a live <see cref="FfmpegAudioSource"/>.</summary>
    internal static class FfmpegCapture
    {
        public static IAudioSource Start(string inputOptions, AudioDevice device, int sampleRate, int channels, FfmpegOptions? ffmpeg)
        {
            try
            {
                return FfmpegAudioSource.StartInput(inputOptions, device.Id, DisplayName(device), sampleRate, channels, ffmpeg);
            }
            catch (AudioFormatException exception)
            {
                throw new AudioCaptureException(device.Name, exception.Detail, exception);
            }
        }

        public static string DisplayName(AudioDevice device) => "device " + device.Name + " (" + device.Api + ")";
    }
}
