using System;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;

namespace GladiaPS.Core.Capture
{
    /// <summary>
    /// An audio source that a capture callback feeds (WASAPI's DataAvailable, a test's fake device): the callback
    /// writes interleaved samples as the device makes them, reads take them in order. A bounded ring of samples sits
    /// between the two; when a reader falls so far behind that it fills, the oldest audio is dropped and counted, so a
    /// live device never blocks and memory never grows.
    /// </summary>
    internal sealed class PushAudioSource : IAudioSource
    {
        private readonly object _gate = new object();
        private readonly float[] _ring;
        private readonly int _frameSamples;
        private long _written;
        private long _read;
        private long _dropped;
        private bool _completed;
        private Exception? _failure;
        private TaskCompletionSource<bool> _dataArrived = NewSignal();

        /// <param name="format">The samples' rate and channels (reads yield float samples).</param>
        /// <param name="name">The device, for errors.</param>
        /// <param name="capacity">How much audio may wait unread before the oldest is dropped.</param>
        public PushAudioSource(AudioFormat format, string? name, TimeSpan capacity)
        {
            Format = format ?? throw new ArgumentNullException(nameof(format));
            Name = name;
            _frameSamples = format.Channels;
            var frames = Math.Max(1, (long)(capacity.TotalSeconds * format.SampleRate));
            _ring = new float[checked((int)(frames * _frameSamples))];
        }

        public AudioFormat Format { get; }

        public string? Name { get; }

        /// <summary>Samples dropped because the reader fell a whole <c>capacity</c> behind.</summary>
        public long DroppedSamples => Interlocked.Read(ref _dropped);

        /// <summary>Adds interleaved samples (whole frames) from the device.</summary>
        public void Write(ReadOnlySpan<float> samples)
        {
            lock (_gate)
            {
                if (_completed)
                {
                    return;
                }

                foreach (var sample in samples)
                {
                    _ring[(int)(_written % _ring.Length)] = sample;
                    _written++;
                }

                var behind = _written - _read;
                if (behind > _ring.Length)
                {
                    // Keep whole frames: drop the oldest audio, rounded up to a frame.
                    var drop = behind - _ring.Length;
                    drop += (_frameSamples - drop % _frameSamples) % _frameSamples;
                    _read += drop;
                    _dropped += drop;
                }
            }

            _dataArrived.TrySetResult(true);
        }

        /// <summary>Adds 16-bit little-endian PCM samples.</summary>
        public void WritePcm16(ReadOnlySpan<byte> bytes)
        {
            Span<float> samples = stackalloc float[256];
            while (bytes.Length >= 2)
            {
                var count = Math.Min(samples.Length, bytes.Length / 2);
                for (var i = 0; i < count; i++)
                {
                    samples[i] = (short)(bytes[2 * i] | bytes[(2 * i) + 1] << 8) / 32768f;
                }

                Write(samples.Slice(0, count));
                bytes = bytes.Slice(count * 2);
            }
        }

        /// <summary>Ends the stream: reads return what is left, then 0 (or throw <paramref name="failure"/>, when given).</summary>
        public void Complete(Exception? failure = null)
        {
            lock (_gate)
            {
                _completed = true;
                _failure ??= failure;
            }

            _dataArrived.TrySetResult(true);
        }

        public async ValueTask<int> ReadAsync(Memory<float> buffer, CancellationToken cancellationToken)
        {
            var wholeFrames = buffer.Length / _frameSamples * _frameSamples;
            if (wholeFrames == 0)
            {
                throw new ArgumentException("The buffer must hold at least one frame.", nameof(buffer));
            }

            while (true)
            {
                Task waitFor;
                lock (_gate)
                {
                    var available = _written - _read;
                    if (available > 0)
                    {
                        var count = (int)Math.Min(available / _frameSamples * _frameSamples, wholeFrames);
                        var span = buffer.Span;
                        for (var i = 0; i < count; i++)
                        {
                            span[i] = _ring[(int)((_read + i) % _ring.Length)];
                        }

                        _read += count;
                        return count;
                    }

                    if (_completed)
                    {
                        if (_failure is not null)
                        {
                            throw _failure as AudioCaptureException ?? new AudioCaptureException(Name, _failure.Message, _failure);
                        }

                        return 0;
                    }

                    if (_dataArrived.Task.IsCompleted)
                    {
                        _dataArrived = NewSignal();
                    }

                    waitFor = _dataArrived.Task;
                }

                await Live.TaskWaits.WaitAsync(waitFor, cancellationToken).ConfigureAwait(false);
            }
        }

        public void Dispose() => Complete();

        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
