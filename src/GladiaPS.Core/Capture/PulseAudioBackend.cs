using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Ffmpeg;

namespace GladiaPS.Core.Capture
{
    /// <summary>
    /// Linux with PulseAudio or PipeWire (through its PulseAudio server): sources are listed with pactl, each
    /// output's monitor source is its loopback, and ffmpeg captures (<c>-f pulse -i SOURCE</c>).
    /// </summary>
    internal sealed class PulseAudioBackend : IAudioCaptureBackend
    {
        private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(5);
        private static readonly Regex SampleSpec = new Regex(@"(?<format>\S+)\s+(?<channels>\d+)ch\s+(?<rate>\d+)Hz", RegexOptions.CultureInvariant);
        private readonly FfmpegOptions? _ffmpeg;

        public PulseAudioBackend(FfmpegOptions? ffmpeg = null) => _ffmpeg = ffmpeg;

        public string Api => "PulseAudio";

        public async Task<IReadOnlyList<AudioDevice>> GetDevicesAsync(CancellationToken cancellationToken)
        {
            var sources = await PactlAsync("list short sources", cancellationToken).ConfigureAwait(false);
            var info = await PactlAsync("info", cancellationToken).ConfigureAwait(false);
            return Parse(sources, info);
        }

        public IAudioSource Open(AudioDevice device, int sampleRate, int channels) =>
            FfmpegCapture.Start("-f pulse -fragment_size 3200", device, sampleRate, channels, _ffmpeg);

        /// <summary>Devices from <c>pactl list short sources</c> and the defaults from <c>pactl info</c>.</summary>
        public static IReadOnlyList<AudioDevice> Parse(string shortSources, string info)
        {
            var defaultSource = InfoValue(info, "Default Source");
            var defaultSink = InfoValue(info, "Default Sink");
            var devices = new List<AudioDevice>();
            foreach (var line in shortSources.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var columns = line.TrimEnd('\r').Split('\t');
                if (columns.Length < 2)
                {
                    continue;
                }

                var id = columns[1].Trim();
                var isMonitor = id.EndsWith(".monitor", StringComparison.Ordinal);
                var kind = isMonitor ? AudioDeviceKind.Loopback : AudioDeviceKind.Capture;
                var isDefault = isMonitor
                    ? defaultSink is not null && id == defaultSink + ".monitor"
                    : id == defaultSource;
                int? rate = null, count = null;
                if (columns.Length > 3 && SampleSpec.Match(columns[3]) is { Success: true } spec)
                {
                    rate = int.Parse(spec.Groups["rate"].Value, CultureInfo.InvariantCulture);
                    count = int.Parse(spec.Groups["channels"].Value, CultureInfo.InvariantCulture);
                }

                devices.Add(new AudioDevice(id, id, kind, isDefault, "PulseAudio", rate, count));
            }

            return devices;
        }

        private static string? InfoValue(string info, string key)
        {
            var line = info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal));
            var value = line?.Substring(key.Length + 1).Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        private static async Task<string> PactlAsync(string arguments, CancellationToken cancellationToken)
        {
            var (exit, output, error) = await CommandRunner.RunAsync("pactl", arguments, ToolTimeout, cancellationToken).ConfigureAwait(false);
            if (exit != 0)
            {
                throw new AudioCaptureException(null, "PulseAudio did not answer 'pactl " + arguments + "' (exit code " + exit + "): " + error.Trim() +
                    " Is a PulseAudio or PipeWire server running for this user?");
            }

            return output;
        }
    }
}
