using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;

namespace GladiaPS.Core.Capture
{
    /// <summary>One platform's way to list devices and capture from one: the rest of the pipeline sees an <see cref="IAudioSource"/>.</summary>
    public interface IAudioCaptureBackend
    {
        /// <summary>PulseAudio, ALSA, AVFoundation, WASAPI.</summary>
        string Api { get; }

        /// <exception cref="AudioCaptureException">The platform could not be asked (its tool is missing or failed).</exception>
        Task<IReadOnlyList<AudioDevice>> GetDevicesAsync(CancellationToken cancellationToken);

        /// <summary>
        /// Starts capturing from <paramref name="device"/>, delivering samples at <paramref name="sampleRate"/> Hz and
        /// <paramref name="channels"/> channels, at the pace the device makes them, until the source is disposed.
        /// </summary>
        /// <exception cref="AudioCaptureException">The device refused, or the capture could not start; names the device.</exception>
        IAudioSource Open(AudioDevice device, int sampleRate, int channels);
    }
}
