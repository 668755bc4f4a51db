using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using GladiaPS.Core.Audio.Streaming;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    public class StreamReadingTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

        [Fact]
        public async Task Small_reads_are_served_from_one_block_read_ahead()
        {
            // Ten seconds of 16 kHz mono 16-bit (312.5 KiB) in 100 ms chunks: 100 chunks, but only two reads of the input
            // (a 256 KiB block and the rest), and one more that finds the end.
            var tone = TestSignals.Sine(440, 16000, 160000);
            var counting = new CountingStream(new MemoryStream(TestSignals.Pcm16(tone)));
            var format = SessionAudioFormat.Default;
            using var chunker = new AudioChunker(new RawAudioSource(counting, AudioFormat.FromSession(format)), format);
            var total = 0;
            var chunks = 0;
            var buffer = new byte[chunker.BytesPerChunk];
            int length;
            while ((length = await chunker.ReadChunkAsync(buffer, CancellationToken.None)) > 0)
            {
                total += length;
                chunks++;
            }

            Assert.Equal(320000, total);
            Assert.Equal(100, chunks);
            Assert.Equal(3, counting.Reads);
        }

        [Fact]
        public async Task Audio_arriving_slowly_is_passed_on_as_soon_as_a_frame_is_in()
        {
            // A live pipe: the reader must not wait for a full block (or buffer) before returning what has come.
            var pipe = new TricklingStream();
            using var source = new RawAudioSource(pipe, new AudioFormat(SampleEncoding.Pcm, 16, 16000, 2), "live");
            var buffer = new float[16000];
            using var cancellation = new CancellationTokenSource(Limit);

            pipe.Send(new byte[] { 0x00, 0x40, 0x00, 0xC0, 0x00 });
            Assert.Equal(2, await source.ReadAsync(buffer, cancellation.Token).AsTask().WaitAsync(Limit));
            Assert.Equal(new[] { 0.5f, -0.5f }, buffer.Take(2));

            var pending = source.ReadAsync(buffer, cancellation.Token).AsTask();
            pipe.Send(new byte[] { 0x20, 0x00, 0x20 });
            Assert.Equal(2, await pending.WaitAsync(Limit));
            Assert.Equal(new[] { 0.25f, 0.25f }, buffer.Take(2));

            pipe.Send(new byte[] { 0x01 });
            pipe.End();
            Assert.Equal(0, await source.ReadAsync(buffer, cancellation.Token).AsTask().WaitAsync(Limit));
            Assert.Contains(source.Warnings, w => w.Message.Contains("partial frame of 1 byte(s)", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_read_waiting_on_a_stream_that_never_ends_is_cancelled()
        {
            var pipe = new TricklingStream();
            using var source = new RawAudioSource(pipe, new AudioFormat(SampleEncoding.Pcm, 16, 16000, 1), "live");
            using var cancellation = new CancellationTokenSource();
            var pending = source.ReadAsync(new float[1600], cancellation.Token).AsTask();
            Assert.False(pending.IsCompleted);
            cancellation.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(Limit));
        }

        private sealed class CountingStream : Stream
        {
            private readonly Stream inner;

            public CountingStream(Stream inner) => this.inner = inner;

            public int Reads { get; private set; }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                Reads++;
                return inner.Read(buffer, offset, count);
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                Reads++;
                return inner.ReadAsync(buffer, offset, count, cancellationToken);
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }

        // Delivers each sent piece to one read, as a pipe does, and waits for the next.
        private sealed class TricklingStream : Stream
        {
            private readonly Channel<byte[]> pieces = Channel.CreateUnbounded<byte[]>();

            public void Send(byte[] piece) => Assert.True(pieces.Writer.TryWrite(piece));

            public void End() => pieces.Writer.Complete();

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                if (!await pieces.Reader.WaitToReadAsync(cancellationToken))
                {
                    return 0;
                }

                var piece = await pieces.Reader.ReadAsync(cancellationToken);
                Assert.True(piece.Length <= count, "a test piece is larger than the read");
                piece.CopyTo(buffer, offset);
                return piece.Length;
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
