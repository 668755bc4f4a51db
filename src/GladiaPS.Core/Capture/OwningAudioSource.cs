using System;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;

namespace GladiaPS.Core.Capture
{
    /// <summary>A source that releases something else (the device) when it is disposed.</summary>
    internal sealed class OwningAudioSource : IAudioSource
    {
        private readonly IAudioSource _inner;
        private Action? _release;

        public OwningAudioSource(IAudioSource inner, Action release)
        {
            _inner = inner;
            _release = release;
        }

        public AudioFormat Format => _inner.Format;

        public string? Name => _inner.Name;

        public ValueTask<int> ReadAsync(Memory<float> buffer, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, cancellationToken);

        public void Dispose()
        {
            Interlocked.Exchange(ref _release, null)?.Invoke();
            _inner.Dispose();
        }
    }
}
