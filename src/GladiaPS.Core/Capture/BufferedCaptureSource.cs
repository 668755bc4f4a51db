using System;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;

namespace GladiaPS.Core.Capture
{
    /// <summary>
    /// A device read without pause from the moment it opens, into a bounded ring that reads take from: so the device can
    /// be opened, and proved to work, before its session exists, and nothing it hears meanwhile is dropped by a pipe that
    /// nobody empties. A failure of the device ends the reads with an <see cref="AudioCaptureException"/> naming it.
    /// </summary>
    internal sealed class BufferedCaptureSource : IAudioSource
    {
        private static readonly TimeSpan Capacity = TimeSpan.FromSeconds(30);
        private readonly IAudioSource _device;
        private readonly PushAudioSource _ring;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly string _deviceName;
        private int _disposed;

        public BufferedCaptureSource(IAudioSource device, string deviceName)
        {
            _device = device;
            _deviceName = deviceName;
            _ring = new PushAudioSource(device.Format, deviceName, Capacity);
            _ = Task.Run(PumpAsync, CancellationToken.None);
        }

        public AudioFormat Format => _device.Format;

        public string? Name => _device.Name;

        public ValueTask<int> ReadAsync(Memory<float> buffer, CancellationToken cancellationToken) => _ring.ReadAsync(buffer, cancellationToken);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _stop.Cancel();
            _ring.Complete();
            _device.Dispose();
        }

        private async Task PumpAsync()
        {
            var block = new float[Math.Max(1, _device.Format.SampleRate / 20) * _device.Format.Channels];
            try
            {
                while (true)
                {
                    var read = await _device.ReadAsync(block, _stop.Token).ConfigureAwait(false);
                    if (read <= 0)
                    {
                        break;
                    }

                    _ring.Write(block.AsSpan(0, read));
                }

                _ring.Complete();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // Disposed: whatever the stopped device threw is the stop's doing.
                _ring.Complete();
            }
            catch (AudioFormatException exception)
            {
                _ring.Complete(new AudioCaptureException(_deviceName, exception.Detail, exception));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                _ring.Complete(exception);
            }
        }
    }
}
