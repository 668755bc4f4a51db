using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using GladiaPS.Core.Audio.Dsp;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    /// <summary>
    /// A source disposed while a read is in progress must not give its pooled buffer back to the pool until that
    /// read has ended: otherwise the pool hands the array to someone else while the read still writes into it.
    /// </summary>
    public class DisposeDuringReadTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

        [Fact]
        public async Task StreamSource_DisposedDuringARead_ReturnsItsBlockOnlyWhenTheReadEnds()
        {
            var stream = new GatedStream();
            var source = new RawAudioSource(stream, new AudioFormat(SampleEncoding.Pcm, 16, 16000, 1), "gated.raw", leaveOpen: true,
                new AudioReadOptions { BlockSize = 4096 });
            var read = source.ReadAsync(new float[1024], CancellationToken.None).AsTask();
            var buffer = await stream.ReadStarted.Task.WaitAsync(Patience);

            source.Dispose();

            // The shared pool hands a just-returned array straight back to the same thread; it must not be the one in use.
            var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
            try
            {
                Assert.NotSame(buffer, rented);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            stream.Release.SetResult(0);
            Assert.Equal(0, await read.WaitAsync(Patience));
            Assert.Throws<ObjectDisposedException>(() => source.ReadAsync(new float[16], CancellationToken.None).AsTask().GetAwaiter().GetResult());
        }

        [Fact]
        public async Task Resampler_DisposedDuringARead_ReturnsItsBufferOnlyWhenTheReadEnds()
        {
            var inner = new GatedSource();
            var resampler = new PolyphaseResampler(inner, 16000);
            var read = resampler.ReadAsync(new float[1024], CancellationToken.None).AsTask();
            var buffer = await inner.ReadStarted.Task.WaitAsync(Patience);

            resampler.Dispose();

            var rented = ArrayPool<float>.Shared.Rent(buffer.Length);
            try
            {
                Assert.NotSame(buffer, rented);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(rented);
            }

            Assert.True(inner.Disposed);
            inner.Release.SetResult(0);
            await read.WaitAsync(Patience);
        }

        /// <summary>A stream whose first read waits for a signal, reporting the array it was given.</summary>
        private sealed class GatedStream : Stream
        {
            public TaskCompletionSource<byte[]> ReadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public TaskCompletionSource<int> Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                ReadStarted.TrySetResult(buffer);
                return await Release.Task;
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }

        /// <summary>A 44.1 kHz source whose first read waits for a signal, reporting the buffer it was given.</summary>
        private sealed class GatedSource : IAudioSource
        {
            public TaskCompletionSource<float[]> ReadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public TaskCompletionSource<int> Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public AudioFormat Format { get; } = new AudioFormat(SampleEncoding.Float, 32, 44100, 1);

            public string? Name => "gated";

            public bool Disposed { get; private set; }

            public async ValueTask<int> ReadAsync(Memory<float> buffer, CancellationToken cancellationToken)
            {
                ReadStarted.TrySetResult(System.Runtime.InteropServices.MemoryMarshal.TryGetArray<float>(buffer, out var segment) ? segment.Array! : Array.Empty<float>());
                return await Release.Task;
            }

            public void Dispose() => Disposed = true;
        }
    }
}
