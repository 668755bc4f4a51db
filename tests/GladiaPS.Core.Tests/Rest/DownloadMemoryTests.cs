using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Rest;
using Xunit;
using Xunit.Abstractions;

namespace GladiaPS.Core.Tests.Rest
{
    [CollectionDefinition(nameof(DownloadMemoryTests), DisableParallelization = true)]
    public sealed class DownloadMemoryCollection
    {
    }

    /// <summary>Runs alone, so that the process-wide allocation count belongs to this download.</summary>
    [Collection(nameof(DownloadMemoryTests))]
    public sealed class DownloadMemoryTests
    {
        private readonly ITestOutputHelper _output;

        public DownloadMemoryTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task Download_StreamsWithoutHoldingTheFile()
        {
            const long size = 128L * 1024 * 1024;
            var block = new byte[64 * 1024];
            await using var api = LoopbackHttpServer.Start(c => c.RespondStreamingAsync(200, size, "application/octet-stream", async stream =>
            {
                for (long sent = 0; sent < size; sent += block.Length)
                {
                    await stream.WriteAsync(block);
                }
            }));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));
            var sink = new CountingStream();

            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var written = await client.DownloadLiveAudioAsync("j", sink, CancellationToken.None);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            _output.WriteLine($"downloaded {written / (1024 * 1024)} MiB, allocated {allocated / 1024} KiB");
            Assert.Equal(size, written);
            Assert.Equal(size, sink.Length);
            Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated} bytes for a {size}-byte download");
        }

        private sealed class CountingStream : Stream
        {
            private long _length;

            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => _length;

            public override long Position { get => _length; set => throw new NotSupportedException(); }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => _length += count;

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                _length += count;
                return Task.CompletedTask;
            }
        }
    }
}
