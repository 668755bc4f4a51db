using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Rest;
using GladiaPS.Core.Tests.Rest;
using Xunit;
using Xunit.Abstractions;

namespace GladiaPS.Core.Tests.PreRecorded
{
    [CollectionDefinition(nameof(UploadMemoryTests), DisableParallelization = true)]
    public sealed class UploadMemoryCollection
    {
    }

    /// <summary>
    /// A large upload goes from disk to the socket through one small buffer. Runs alone, so that the process-wide
    /// allocation count belongs to this upload; the server reads into one reused buffer and keeps nothing.
    /// </summary>
    [Collection(nameof(UploadMemoryTests))]
    public sealed class UploadMemoryTests : IDisposable
    {
        private const long Size = 256L * 1024 * 1024;

        private readonly ITestOutputHelper _output;
        private readonly string _path = Path.Combine(Path.GetTempPath(), "gladiaps-upload-" + Guid.NewGuid().ToString("N") + ".wav");

        public UploadMemoryTests(ITestOutputHelper output) => _output = output;

        public void Dispose() => File.Delete(_path);

        [Fact]
        public async Task Upload_OfAFileHundredsOfMegabytesLong_AllocatesAFractionOfIt()
        {
            // Sparse where the file system allows: made in an instant, read as zeros without touching the disk.
            using (var file = new FileStream(_path, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(Encoding.ASCII.GetBytes("RIFF"), 0, 4);
                file.SetLength(Size);
            }

            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var received = 0L;
            var server = Task.Run(async () =>
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var length = await ReadHeadAsync(stream);
                var buffer = new byte[64 * 1024];
                while (received < length)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - received)));
                    if (read == 0)
                    {
                        break;
                    }

                    received += read;
                }

                var json = Encoding.UTF8.GetBytes("{\"audio_url\":\"https://api.gladia.io/file/f-1\",\"audio_metadata\":{\"id\":\"f-1\"}}");
                var head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + json.Length + "\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(head);
                await stream.WriteAsync(json);
            });
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var client = new GladiaRestClient(RestTestSettings.For(new Uri("http://127.0.0.1:" + port + "/")));

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
            var peakWorkingSetBefore = Process.GetCurrentProcess().PeakWorkingSet64;
            var peak = 0L;
            var progress = new SynchronousProgress(_ => peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false)));
            var watch = Stopwatch.StartNew();

            var uploaded = await client.UploadAudioAsync(_path, progress);

            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            await server;
            _output.WriteLine(
                $"uploaded {Size / (1024 * 1024)} MiB in {watch.ElapsedMilliseconds} ms; allocated {allocated / 1024} KiB in all; " +
                $"managed heap at most {(peak - heapBefore) / 1024} KiB above where it started; the test process's peak working set {peakWorkingSetBefore / (1024 * 1024)} MiB before, {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB after");
            Assert.Equal(new Uri("https://api.gladia.io/file/f-1"), uploaded.AudioUrl);
            Assert.True(received > Size, $"the server read {received} bytes of a {Size}-byte file and its multipart frame");
            Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated} bytes to upload {Size} bytes");
            Assert.True(peak - heapBefore < 32 * 1024 * 1024, $"the managed heap grew by {peak - heapBefore} bytes during a {Size}-byte upload");
        }

        // The request's head, to its blank line; returns its Content-Length.
        private static async Task<long> ReadHeadAsync(NetworkStream stream)
        {
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(one.AsMemory()) == 0)
                {
                    throw new EndOfStreamException("The request ended inside its head.");
                }

                head.Append((char)one[0]);
            }

            foreach (var line in head.ToString().Split("\r\n"))
            {
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    return long.Parse(line.Substring(15).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            throw new InvalidDataException("The upload came without a Content-Length.");
        }
    }
}
