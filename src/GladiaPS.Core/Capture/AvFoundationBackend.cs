using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Ffmpeg;

namespace GladiaPS.Core.Capture
{
    /// <summary>
    /// macOS: AVFoundation's audio inputs through ffmpeg (<c>-f avfoundation -i :INDEX</c>). macOS offers no loopback of
    /// its own; a loopback driver (BlackHole, Loopback) appears as an input and is listed with the others.
    /// </summary>
    internal sealed class AvFoundationBackend : IAudioCaptureBackend
    {
        private static readonly Regex Device = new Regex(@"\]\s*\[(?<index>\d+)\]\s*(?<name>.+)$", RegexOptions.CultureInvariant);
        private readonly FfmpegOptions? _ffmpeg;

        public AvFoundationBackend(FfmpegOptions? ffmpeg = null) => _ffmpeg = ffmpeg;

        public string Api => "AVFoundation";

        public async Task<IReadOnlyList<AudioDevice>> GetDevicesAsync(CancellationToken cancellationToken)
        {
            var ffmpeg = FfmpegLocator.Find(_ffmpeg?.FfmpegPath, "the device list");
            // ffmpeg lists the devices on standard error and then fails for want of an input: that is expected.
            var (_, _, error) = await CommandRunner.RunAsync(ffmpeg, "-hide_banner -f avfoundation -list_devices true -i \"\"",
                TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            return Parse(error);
        }

        public IAudioSource Open(AudioDevice device, int sampleRate, int channels) =>
            FfmpegCapture.Start("-f avfoundation", new AudioDevice(":" + device.Id, device.Name, device.Kind, device.IsDefault, Api, null, null), sampleRate, channels, _ffmpeg);

        /// <summary>The audio devices from ffmpeg's listing: the lines after "AVFoundation audio devices:". The first is the default.</summary>
        public static IReadOnlyList<AudioDevice> Parse(string listing)
        {
            var devices = new List<AudioDevice>();
            var inAudio = false;
            foreach (var raw in listing.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.IndexOf("AVFoundation audio devices", StringComparison.Ordinal) >= 0)
                {
                    inAudio = true;
                    continue;
                }

                if (line.IndexOf("AVFoundation video devices", StringComparison.Ordinal) >= 0)
                {
                    inAudio = false;
                    continue;
                }

                if (inAudio && Device.Match(line) is { Success: true } match)
                {
                    var index = match.Groups["index"].Value;
                    devices.Add(new AudioDevice(index, match.Groups["name"].Value.Trim(), AudioDeviceKind.Capture, devices.Count == 0, "AVFoundation", null, null));
                }
            }

            return devices;
        }
    }
}
