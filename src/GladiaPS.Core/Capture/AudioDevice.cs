using System;

namespace GladiaPS.Core.Capture
{
    /// <summary>A device sound can be captured from: a microphone (or line in), or an output whose sound is captured (loopback).</summary>
    public sealed class AudioDevice
    {
        public AudioDevice(string id, string name, AudioDeviceKind kind, bool isDefault, string api, int? sampleRate, int? channels)
        {
            Id = id ?? throw new ArgumentNullException(nameof(id));
            Name = string.IsNullOrWhiteSpace(name) ? id : name;
            Kind = kind;
            IsDefault = isDefault;
            Api = api;
            SampleRate = sampleRate;
            Channels = channels;
        }

        /// <summary>What the platform calls it: a PulseAudio source name, an AVFoundation index, a WASAPI endpoint id.</summary>
        public string Id { get; }

        /// <summary>The name people see (the description).</summary>
        public string Name { get; }

        public AudioDeviceKind Kind { get; }

        /// <summary>The system's default microphone (Capture) or the default output (Loopback).</summary>
        public bool IsDefault { get; }

        /// <summary>PulseAudio, ALSA, AVFoundation or WASAPI.</summary>
        public string Api { get; }

        /// <summary>The device's own rate, when the platform says.</summary>
        public int? SampleRate { get; }

        /// <summary>The device's own channel count, when the platform says.</summary>
        public int? Channels { get; }

        public override string ToString() => Name + " (" + Kind + ", " + Api + ")";
    }
}
