using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Ffmpeg;

namespace GladiaPS.Core.Capture
{
    /// <summary>Finds the device a user names (its id, its name, part of its name, or "Default") on this platform's backend.</summary>
    public sealed class AudioDeviceSelector
    {
        public AudioDeviceSelector(IAudioCaptureBackend backend) => Backend = backend ?? throw new ArgumentNullException(nameof(backend));

        public IAudioCaptureBackend Backend { get; }

        /// <summary>
        /// The backend for this platform: WASAPI on Windows, AVFoundation on macOS, PulseAudio (or PipeWire's PulseAudio
        /// server) on Linux when <c>pactl</c> answers, else ALSA.
        /// </summary>
        public static async Task<AudioDeviceSelector> ForThisPlatformAsync(FfmpegOptions? ffmpeg = null, CancellationToken cancellationToken = default)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return new AudioDeviceSelector(new WasapiBackend());
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return new AudioDeviceSelector(new AvFoundationBackend(ffmpeg));
            }

            var pulse = new PulseAudioBackend(ffmpeg);
            try
            {
                await pulse.GetDevicesAsync(cancellationToken).ConfigureAwait(false);
                return new AudioDeviceSelector(pulse);
            }
            catch (AudioCaptureException)
            {
                return new AudioDeviceSelector(new AlsaBackend(ffmpeg));
            }
        }

        public Task<IReadOnlyList<AudioDevice>> GetDevicesAsync(CancellationToken cancellationToken = default) => Backend.GetDevicesAsync(cancellationToken);

        /// <summary>
        /// The device <paramref name="nameOrId"/> names among those of <paramref name="kind"/>: null, empty or "Default"
        /// is the default one; otherwise an exact id or name (of any kind), then the one device of <paramref name="kind"/> whose name contains it.
        /// </summary>
        /// <exception cref="AudioCaptureException">None matches, or several do; the message lists what there is.</exception>
        public async Task<AudioDevice> FindAsync(string? nameOrId, AudioDeviceKind kind, CancellationToken cancellationToken = default)
        {
            var all = await Backend.GetDevicesAsync(cancellationToken).ConfigureAwait(false);
            var devices = all.Where(d => d.Kind == kind).ToList();
            var wanted = nameOrId?.Trim();
            if (string.IsNullOrEmpty(wanted) || string.Equals(wanted, "Default", StringComparison.OrdinalIgnoreCase))
            {
                return devices.FirstOrDefault(d => d.IsDefault) ?? devices.FirstOrDefault()
                    ?? throw new AudioCaptureException(null, "there is no " + Describe(kind) + " on this computer (" + Backend.Api + ").");
            }

            // An exact id or name is that device whatever its kind: the id Get-GladiaAudioDevice lists for a loopback
            // device works without -Loopback. Only the default and parts of names look among the kind asked for.
            var match = all.FirstOrDefault(d => string.Equals(d.Id, wanted, StringComparison.Ordinal))
                ?? devices.FirstOrDefault(d => string.Equals(d.Name, wanted, StringComparison.OrdinalIgnoreCase))
                ?? all.FirstOrDefault(d => string.Equals(d.Name, wanted, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }

            var partial = devices.Where(d => d.Name.IndexOf(wanted, StringComparison.OrdinalIgnoreCase) >= 0 ||
                                             d.Id.IndexOf(wanted, StringComparison.OrdinalIgnoreCase) >= 0).ToList();
            if (partial.Count == 1)
            {
                return partial[0];
            }

            var listed = string.Join(", ", (partial.Count > 1 ? partial : devices).Select(d => "'" + d.Name + "'"));
            throw new AudioCaptureException(wanted, partial.Count > 1
                ? "several " + Describe(kind) + "s match: " + listed + "; give more of the name, or the id."
                : "no " + Describe(kind) + " has this name or id" + (devices.Count == 0 ? "; there are none (" + Backend.Api + ")." : "; " + (devices.Count == 1 ? "the one there is: " : "those there are: ") + listed + "."));
        }

        private static string Describe(AudioDeviceKind kind) => kind == AudioDeviceKind.Loopback ? "output to capture (loopback)" : "capture device";
    }
}
