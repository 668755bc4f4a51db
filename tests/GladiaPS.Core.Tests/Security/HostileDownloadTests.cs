using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Models;
using GladiaPS.Core.Rest;
using GladiaPS.Core.Tests.Rest;
using Xunit;

namespace GladiaPS.Core.Tests.Security
{
    /// <summary>A download is bounded by what the session's audio can be, and leaves no temporary file behind.</summary>
    public sealed class HostileDownloadTests : IDisposable
    {
        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gladiaps-hostile-download-");

        public void Dispose() => _folder.Delete(recursive: true);

        private string PathOf(string name) => Path.Combine(_folder.FullName, name);

        /// <summary>Zeros until the client goes away, without a length: a body that never ends.</summary>
        private static Task Endless(Stream body, CancellationToken stopping) => Task.Run(async () =>
        {
            var zeros = new byte[65536];
            try
            {
                while (!stopping.IsCancellationRequested)
                {
                    await body.WriteAsync(zeros, stopping);
                }
            }
            catch (Exception)
            {
                // The client closed the connection.
            }
        });

        [Fact]
        public async Task ABodyThatNeverEnds_IsStoppedAtTheBound_AndNothingIsLeft()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondUntilCloseAsync(200, "application/octet-stream", body => Endless(body, c.ServerStopping)));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
                client.DownloadLiveAudioToFileAsync("j", PathOf("a.wav"), overwrite: false, maxBytes: 2 * 1024 * 1024));

            Assert.Contains("went past the limit of 2097152 bytes", error.Message);
            Assert.Empty(_folder.GetFiles("*", SearchOption.AllDirectories));
        }

        [Fact]
        public async Task ADeclaredLengthPastTheBound_IsRefusedBeforeTheBody()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondStreamingAsync(200, 1L << 40, "application/octet-stream", body => Endless(body, c.ServerStopping)));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
                client.DownloadLiveAudioToFileAsync("j", PathOf("a.wav"), overwrite: false, maxBytes: 1024 * 1024));

            Assert.Contains("declares 1099511627776 bytes, more than the limit of 1048576 bytes", error.Message);
            Assert.Empty(_folder.GetFiles("*", SearchOption.AllDirectories));
        }

        [Fact]
        public async Task WithoutABound_TheDocumentedCapHolds()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondUntilCloseAsync(200, "application/octet-stream", body => Endless(body, c.ServerStopping)));
            var settings = RestTestSettings.For(api.BaseUrl);
            settings.Http.MaxDownloadBytes = 3 * 1024 * 1024;
            using var client = new GladiaRestClient(settings);

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => client.DownloadLiveAudioAsync("j", Stream.Null));

            Assert.Contains("limit of 3145728 bytes (MaxDownloadBytes)", error.Message);
        }

        [Fact]
        public async Task APreRecordedFileThatNeverEnds_IsStoppedAtTheJobsBound_AndNothingIsLeft()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondUntilCloseAsync(200, "application/octet-stream", body => Endless(body, c.ServerStopping)));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));
            Assert.True(PreRecordedJob.TryParse("{\"id\":\"j\",\"status\":\"done\",\"file\":{\"audio_duration\":0.1}}", out var job));
            var bound = PreRecordedAudioBound.For(job);

            var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
                client.DownloadPreRecordedAudioToFileAsync("j", PathOf("a.wav"), overwrite: false, bound));

            Assert.Equal(1_375_000 + 1024 * 1024, bound);
            Assert.Contains("went past the limit of 2423576 bytes (what the job's audio duration can be in any format", error.Message);
            Assert.Empty(_folder.GetFiles("*", SearchOption.AllDirectories));
        }

        [Fact]
        public async Task APreRecordedFileWithoutABound_StopsAtThePreRecordedCap()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondUntilCloseAsync(200, "application/octet-stream", body => Endless(body, c.ServerStopping)));
            var settings = RestTestSettings.For(api.BaseUrl);
            settings.Http.MaxPreRecordedDownloadBytes = 3 * 1024 * 1024;
            using var client = new GladiaRestClient(settings);

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => client.DownloadPreRecordedAudioAsync("j", Stream.Null));

            Assert.Contains("limit of 3145728 bytes (MaxPreRecordedDownloadBytes)", error.Message);
            Assert.Equal(1_100_000_000L, new GladiaPS.Core.Configuration.GladiaHttpOptions().MaxPreRecordedDownloadBytes);
        }

        [Theory]
        [InlineData("{\"size\":1000,\"audio_duration\":3600}", 1100L + 1024 * 1024)]
        [InlineData("{\"audio_duration\":2}", 27_500_000L + 1024 * 1024)]
        [InlineData("{\"audio_duration\":\"NaN\"}", null)]
        [InlineData("{\"audio_duration\":-1}", null)]
        [InlineData("{\"size\":9223372036854775807}", long.MaxValue)]
        [InlineData("{}", null)]
        public void APreRecordedJobsBound_ComesFromItsFile(string file, long? expected)
        {
            Assert.True(PreRecordedJob.TryParse("{\"id\":\"j\",\"status\":\"done\",\"file\":" + file + "}", out var job));
            Assert.Equal(expected, PreRecordedAudioBound.For(job));
        }

        [Fact]
        public async Task StalePartialFiles_AreDeletedByTheNextDownload_FreshOnesAndOthersKept()
        {
            var stale = PathOf(".old.wav.gladiaps-0123456789ab.partial");
            var fresh = PathOf(".busy.wav.gladiaps-ba9876543210.partial");
            var other = PathOf(".notes.partial");
            var anotherProgram = PathOf(".film.mkv.0123456789ab.partial");
            foreach (var path in new[] { stale, fresh, other, anotherProgram })
            {
                await File.WriteAllTextAsync(path, "x");
            }

            File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
            File.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddHours(-1));
            File.SetLastWriteTimeUtc(anotherProgram, DateTime.UtcNow.AddHours(-1));
            var data = new byte[1000];
            await using var api = LoopbackHttpServer.Start(c => c.RespondAsync(200, data, "application/octet-stream"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            await client.DownloadLiveAudioToFileAsync("j", PathOf("new.wav"));

            Assert.False(File.Exists(stale));
            Assert.True(File.Exists(fresh));
            Assert.True(File.Exists(other));
            Assert.True(File.Exists(anotherProgram));
            Assert.Equal(1000, new FileInfo(PathOf("new.wav")).Length);
        }

        [Fact]
        public void TheBound_IsTheJobsDurationAtItsFormat_WithAMargin()
        {
            var job = LiveJob.Parse("{\"id\":\"j\",\"file\":{\"audio_duration\":10},\"request_params\":{\"encoding\":\"wav/pcm\",\"sample_rate\":16000,\"bit_depth\":16,\"channels\":2}}");
            Assert.Equal((long)Math.Ceiling(10 * 16000 * 2 * 2 * 1.1) + 1024 * 1024, LiveAudioBound.For(job));

            var alaw = LiveJob.Parse("{\"id\":\"j\",\"file\":{\"audio_duration\":1},\"request_params\":{\"encoding\":\"wav/alaw\",\"sample_rate\":8000}}");
            Assert.Equal((long)Math.Ceiling(8000 * 1.1) + 1024 * 1024, LiveAudioBound.For(alaw));
        }

        [Theory]
        [InlineData("{\"id\":\"j\"}")]
        [InlineData("{\"id\":\"j\",\"file\":{\"audio_duration\":\"NaN\"},\"request_params\":{\"sample_rate\":16000,\"bit_depth\":16}}")]
        [InlineData("{\"id\":\"j\",\"file\":{\"audio_duration\":1e300},\"request_params\":{\"sample_rate\":16000,\"bit_depth\":16}}")]
        [InlineData("{\"id\":\"j\",\"file\":{\"audio_duration\":-5},\"request_params\":{\"sample_rate\":16000,\"bit_depth\":16}}")]
        [InlineData("{\"id\":\"j\",\"file\":{\"audio_duration\":10},\"request_params\":{\"sample_rate\":2147483647,\"bit_depth\":16}}")]
        [InlineData("{\"id\":\"j\",\"file\":{\"audio_duration\":10},\"request_params\":{\"sample_rate\":16000,\"bit_depth\":12}}")]
        public void AJobThatDoesNotSayOrLies_GivesNoBound(string json) => Assert.Null(LiveAudioBound.For(LiveJob.Parse(json)));
    }
}
