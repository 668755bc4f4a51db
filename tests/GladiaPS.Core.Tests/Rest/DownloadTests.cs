using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Rest;
using Xunit;

namespace GladiaPS.Core.Tests.Rest
{
    public sealed class DownloadTests : IDisposable
    {
        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gladiaps-dl-");

        public void Dispose() => _folder.Delete(recursive: true);

        private string PathOf(string name) => Path.Combine(_folder.FullName, name);

        private static Func<Stream, Task> WriteBlocks(byte[] data, int upTo) => async stream =>
        {
            for (var offset = 0; offset < upTo; offset += 65536)
            {
                await stream.WriteAsync(data.AsMemory(offset, Math.Min(65536, upTo - offset)));
            }
        };

        [Fact]
        public async Task LargeFile_IsStreamedToDisk_Intact()
        {
            var data = EmulatorAudio.Pcm(12 * 1024 * 1024 + 17, seed: 3);
            await using var api = LoopbackHttpServer.Start(c => c.RespondStreamingAsync(200, data.Length, "application/octet-stream", WriteBlocks(data, data.Length)));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var written = await client.DownloadLiveAudioToFileAsync("j", PathOf("a.wav"), CancellationToken.None);

            Assert.Equal(data.Length, written);
            Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(PathOf("a.wav"))));
            Assert.Equal(new[] { "a.wav" }, _folder.GetFiles().Select(f => f.Name));
        }

        [Fact]
        public async Task ConnectionLostMidBody_LeavesNoPartialFile_AndTheOldFileIntact()
        {
            var data = EmulatorAudio.Pcm(1024 * 1024, seed: 4);
            await using var api = LoopbackHttpServer.Start(c => c.RespondStreamingAsync(200, data.Length, "application/octet-stream", WriteBlocks(data, 200_000)));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));
            await File.WriteAllTextAsync(PathOf("keep.wav"), "original");

            var error = await Assert.ThrowsAsync<IOException>(() => client.DownloadLiveAudioToFileAsync("j", PathOf("keep.wav"), CancellationToken.None));

            Assert.StartsWith("GET /v2/live/j/file: the download broke off after ", error.Message);

            Assert.Equal("original", await File.ReadAllTextAsync(PathOf("keep.wav")));
            Assert.Equal(new[] { "keep.wav" }, _folder.GetFiles().Select(f => f.Name));
        }

        [Fact]
        public async Task Cancellation_MidBody_SurfacesPromptly_AndLeavesNoFile()
        {
            var data = EmulatorAudio.Pcm(256 * 1024, seed: 5);
            await using var api = LoopbackHttpServer.Start(async c =>
                await c.RespondStreamingAsync(200, data.Length * 4L, "application/octet-stream", async stream =>
                {
                    await stream.WriteAsync(data);
                    await stream.FlushAsync();
                    await c.StallAsync();
                }));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));
            using var cancel = new CancellationTokenSource();
            using var progress = new SignallingStream(data.Length);

            var download = client.DownloadLiveAudioAsync("j", progress, cancel.Token);
            Assert.True(await Task.WhenAny(progress.Reached, Task.Delay(TimeSpan.FromSeconds(30))) == progress.Reached);
            var watch = Stopwatch.StartNew();
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "cancellation took " + watch.Elapsed);
        }

        [Fact]
        public async Task CancelledFileDownload_LeavesNoFile()
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var api = LoopbackHttpServer.Start(async c =>
                await c.RespondStreamingAsync(200, 1_000_000, "application/octet-stream", async stream =>
                {
                    await stream.WriteAsync(new byte[1000]);
                    await stream.FlushAsync();
                    started.TrySetResult();
                    await c.StallAsync();
                }));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));
            using var cancel = new CancellationTokenSource();

            var download = client.DownloadLiveAudioToFileAsync("j", PathOf("c.wav"), cancel.Token);
            Assert.True(await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromSeconds(30))) == started.Task);
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
            Assert.Empty(_folder.GetFiles());
        }

        [Fact]
        public async Task NoOverwrite_RefusesAnExistingFile_BeforeAnyRequest()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondAsync(200, new byte[] { 1 }, "application/octet-stream"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));
            await File.WriteAllTextAsync(PathOf("x.wav"), "original");

            var error = await Assert.ThrowsAsync<IOException>(() => client.DownloadLiveAudioToFileAsync("j", PathOf("x.wav"), overwrite: false, CancellationToken.None));

            Assert.Contains("already exists", error.Message);
            Assert.Empty(api.Requests);
        }

        [Fact]
        public async Task MissingFolder_IsReportedByName()
        {
            using var client = new GladiaRestClient(RestTestSettings.For(new Uri("http://127.0.0.1:9")));
            var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
                client.DownloadLiveAudioToFileAsync("j", Path.Combine(_folder.FullName, "nope", "a.wav"), CancellationToken.None));
            Assert.Contains("nope", error.Message);
        }

        [Fact]
        public async Task DownloadTimeout_CoversOnlyTheWaitForHeaders()
        {
            var data = EmulatorAudio.Pcm(300_000, seed: 6);
            await using var api = LoopbackHttpServer.Start(c => c.RespondStreamingAsync(200, data.Length, "application/octet-stream", async stream =>
            {
                // The body trickles in for longer than the timeout: that is allowed.
                for (var offset = 0; offset < data.Length; offset += 100_000)
                {
                    await stream.WriteAsync(data.AsMemory(offset, 100_000));
                    await stream.FlushAsync();
                    await Task.Delay(250);
                }
            }));
            var settings = RestTestSettings.For(api.BaseUrl);
            settings.Http.DownloadTimeout = TimeSpan.FromMilliseconds(400);
            using var client = new GladiaRestClient(settings);
            using var destination = new MemoryStream();

            Assert.Equal(data.Length, await client.DownloadLiveAudioAsync("j", destination, CancellationToken.None));
            Assert.Equal(data, destination.ToArray());
        }

        [Fact]
        public async Task StalledBody_FailsAfterTheIdleTimeout_NamingTheSessionAndTheBytesReceived()
        {
            await using var api = LoopbackHttpServer.Start(async c =>
                await c.RespondStreamingAsync(200, 1_000_000, "application/octet-stream", async stream =>
                {
                    await stream.WriteAsync(new byte[1000]);
                    await stream.FlushAsync();
                    await c.StallAsync();
                }));
            var settings = RestTestSettings.For(api.BaseUrl);
            settings.Http.DownloadIdleTimeout = TimeSpan.FromMilliseconds(300);
            using var client = new GladiaRestClient(settings);

            var download = client.DownloadLiveAudioToFileAsync("job-7", PathOf("s.wav"), CancellationToken.None);
            Assert.Same(download, await Task.WhenAny(download, Task.Delay(TimeSpan.FromSeconds(30))));
            var error = await Assert.ThrowsAsync<TimeoutException>(() => download);

            Assert.Equal("GET /v2/live/job-7/file: the download of session job-7's audio stalled: no data for 0.3 s after 1000 bytes (DownloadIdleTimeout).", error.Message);
            Assert.DoesNotContain(RestTestSettings.ApiKey, error.ToString());
            Assert.Empty(_folder.GetFiles());
        }

        [Fact]
        public async Task DestinationWriteFailure_IsReportedAsSuch_NotAsTheDownloadBreakingOff()
        {
            var data = EmulatorAudio.Pcm(300_000, seed: 7);
            await using var api = LoopbackHttpServer.Start(c => c.RespondStreamingAsync(200, data.Length, "application/octet-stream", WriteBlocks(data, data.Length)));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));
            using var full = new FullDiskStream(100_000);

            var error = await Assert.ThrowsAsync<IOException>(() => client.DownloadLiveAudioAsync("job-8", full, CancellationToken.None));

            Assert.StartsWith("GET /v2/live/job-8/file: writing the audio of session job-8 failed after ", error.Message);
            Assert.Contains("No space left on device", error.Message);
            Assert.DoesNotContain("broke off", error.Message);
        }

        /// <summary>A sink that fails like a full disk once it holds a given number of bytes.</summary>
        private sealed class FullDiskStream : MemoryStream
        {
            private readonly long _capacity;

            public FullDiskStream(long capacity) => _capacity = capacity;

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Length + count > _capacity
                    ? Task.FromException(new IOException("No space left on device"))
                    : base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        /// <summary>A sink that signals once a given number of bytes has been written.</summary>
        private sealed class SignallingStream : MemoryStream
        {
            private readonly long _threshold;
            private readonly TaskCompletionSource _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            public SignallingStream(long threshold) => _threshold = threshold;

            public Task Reached => _reached.Task;

            public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                await base.WriteAsync(buffer, offset, count, cancellationToken);
                if (Length >= _threshold)
                {
                    _reached.TrySetResult();
                }
            }
        }
    }
}
