using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using NAudio.CoreAudioApi;
using NAudio.Wave;

namespace GladiaPS.Core.Capture
{
    /// <summary>
    /// Windows: WASAPI through NAudio. Microphones are capture endpoints; every output (render endpoint) can be
    /// captured in loopback. Audio arrives in the endpoint's mix format (usually 32-bit float) and is handed to a
    /// <see cref="PushAudioSource"/>; everything after that is the same pipeline as for files.
    /// </summary>
    internal sealed class WasapiBackend : IAudioCaptureBackend
    {
        /// <summary>How far reading may fall behind the device before the oldest audio is dropped.</summary>
        private static readonly TimeSpan Capacity = TimeSpan.FromSeconds(30);

        public string Api => "WASAPI";

        public Task<IReadOnlyList<AudioDevice>> GetDevicesAsync(CancellationToken cancellationToken) => Task.Run<IReadOnlyList<AudioDevice>>(() =>
        {
            using var enumerator = new MMDeviceEnumerator();
            var devices = new List<AudioDevice>();
            Add(enumerator, DataFlow.Capture, AudioDeviceKind.Capture, devices);
            Add(enumerator, DataFlow.Render, AudioDeviceKind.Loopback, devices);
            return devices;
        }, cancellationToken);

        public IAudioSource Open(AudioDevice device, int sampleRate, int channels)
        {
            MMDevice endpoint;
            using (var enumerator = new MMDeviceEnumerator())
            {
                try
                {
                    endpoint = enumerator.GetDevice(device.Id);
                }
                catch (Exception exception) when (exception is System.Runtime.InteropServices.COMException or ArgumentException)
                {
                    throw new AudioCaptureException(device.Name, "the device is gone (unplugged or disabled): " + exception.Message, exception);
                }
            }

            WasapiCapture capture;
            try
            {
                capture = device.Kind == AudioDeviceKind.Loopback ? new WasapiLoopbackCapture(endpoint) : new WasapiCapture(endpoint);
            }
            catch (Exception exception) when (exception is System.Runtime.InteropServices.COMException or UnauthorizedAccessException)
            {
                throw new AudioCaptureException(device.Name, "the device refused to be opened (in use, or microphone access is off in Settings > Privacy): " + exception.Message, exception);
            }

            var wave = capture.WaveFormat;
            var layout = CaptureSampleLayout.From(wave.Encoding == WaveFormatEncoding.IeeeFloat || IsFloatExtensible(wave), wave.BitsPerSample, wave.Channels);
            var source = new PushAudioSource(new AudioFormat(SampleEncoding.Float, 32, wave.SampleRate, wave.Channels), device.Name, Capacity);
            var converted = new float[4096];
            capture.DataAvailable += (_, e) => layout.Decode(new ReadOnlySpan<byte>(e.Buffer, 0, e.BytesRecorded), ref converted, source);
            capture.RecordingStopped += (_, e) => source.Complete(e.Exception is null ? null : new AudioCaptureException(device.Name, "capture stopped: " + e.Exception.Message, e.Exception));
            try
            {
                capture.StartRecording();
            }
            catch (Exception exception) when (exception is System.Runtime.InteropServices.COMException or InvalidOperationException)
            {
                capture.Dispose();
                throw new AudioCaptureException(device.Name, "capture could not start: " + exception.Message, exception);
            }

            return new OwningAudioSource(source, () =>
            {
                capture.StopRecording();
                capture.Dispose();
                endpoint.Dispose();
            });
        }

        private static bool IsFloatExtensible(WaveFormat wave) =>
            wave is WaveFormatExtensible extensible && extensible.SubFormat == NAudio.Dmo.AudioMediaSubtypes.MEDIASUBTYPE_IEEE_FLOAT;

        private static void Add(MMDeviceEnumerator enumerator, DataFlow flow, AudioDeviceKind kind, List<AudioDevice> devices)
        {
            string? defaultId = null;
            if (enumerator.HasDefaultAudioEndpoint(flow, Role.Console))
            {
                using var preferred = enumerator.GetDefaultAudioEndpoint(flow, Role.Console);
                defaultId = preferred.ID;
            }

            foreach (var endpoint in enumerator.EnumerateAudioEndPoints(flow, DeviceState.Active))
            {
                using (endpoint)
                {
                    int? rate = null, channels = null;
                    try
                    {
                        var mix = endpoint.AudioClient.MixFormat;
                        rate = mix.SampleRate;
                        channels = mix.Channels;
                    }
                    catch (System.Runtime.InteropServices.COMException)
                    {
                        // A device that will not say its format is still listed.
                    }

                    devices.Add(new AudioDevice(endpoint.ID, endpoint.FriendlyName, kind, endpoint.ID == defaultId, "WASAPI", rate, channels));
                }
            }
        }
    }
}
