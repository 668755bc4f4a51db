using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Configuration;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;
using GladiaPS.Emulator;
using Xunit;

namespace GladiaPS.Core.Tests.Rest
{
    /// <summary>The REST client against the local Gladia-compatible server.</summary>
    public class EmulatorRestTests
    {
        private const string Key = RestTestSettings.ApiKey;
        private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

        private static readonly LiveSessionOptions Pcm16k = new LiveSessionOptions { Encoding = AudioEncoding.Pcm, BitDepth = 16, SampleRate = 16000, Channels = 1 };

        private static Task<GladiaEmulator> StartEmulator(bool redirect = false) =>
            GladiaEmulator.StartAsync(new EmulatorOptions { ApiKey = Key, RedirectFileDownloads = redirect });

        private static GladiaRestClient ClientFor(GladiaEmulator emulator, string key = Key)
        {
            var settings = RestTestSettings.For(emulator.BaseUrl);
            settings.ApiKey = key;
            return new GladiaRestClient(settings);
        }

        [Fact]
        public async Task Create_ThenGet_ReturnsTheJob()
        {
            await using var emulator = await StartEmulator();
            using var client = ClientFor(emulator);
            var options = Pcm16k.Clone();
            options.CustomMetadata = new JsonObject { ["team"] = "ops" };

            var created = await client.CreateLiveSessionAsync(options, CancellationToken.None);
            var job = await client.GetLiveJobAsync(created.Id, CancellationToken.None);

            Assert.Equal(created.Id, job.Id);
            Assert.Equal("processing", job.Status);
            Assert.Equal("ws", created.Url.Scheme);
            Assert.Equal(emulator.BaseUrl.Port, created.Url.Port);
            Assert.Contains("\"team\"", job.CustomMetadataJson);
            Assert.NotNull(emulator.FindSession(created.Id));
        }

        [Fact]
        public async Task List_FollowsNextAcrossPages_AndFiltersByMetadata()
        {
            await using var emulator = await StartEmulator();
            using var client = ClientFor(emulator);
            var ids = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                var options = Pcm16k.Clone();
                options.CustomMetadata = new JsonObject { ["team"] = i < 3 ? "ops" : "dev", ["n"] = i };
                ids.Add((await client.CreateLiveSessionAsync(options, CancellationToken.None)).Id);
            }

            var all = new List<string>();
            await foreach (var job in client.ListLiveJobsAsync(new LiveJobFilter { Limit = 2 }, CancellationToken.None))
            {
                all.Add(job.Id);
            }

            Assert.Equal(ids.OrderBy(x => x), all.OrderBy(x => x));
            Assert.Equal(3, emulator.Requests.Count(r => r.Method == "GET" && r.PathAndQuery.StartsWith("/v2/live?", StringComparison.Ordinal)));

            var filter = new LiveJobFilter { Limit = 2, Offset = 0 };
            filter.CustomMetadata["team"] = "ops";
            filter.Statuses.Add("processing");
            var ops = new List<string>();
            await foreach (var job in client.ListLiveJobsAsync(filter, CancellationToken.None))
            {
                ops.Add(job.Id);
            }

            Assert.Equal(ids.Take(3).OrderBy(x => x), ops.OrderBy(x => x));
        }

        [Fact]
        public async Task Delete_Returns202True_ThenGetIs404WithTheServerMessage()
        {
            await using var emulator = await StartEmulator();
            using var client = ClientFor(emulator);
            var created = await client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None);

            Assert.True(await client.DeleteLiveJobAsync(created.Id, CancellationToken.None));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.GetLiveJobAsync(created.Id, CancellationToken.None));
            Assert.Equal(404, error.StatusCode);
            Assert.Equal("GET", error.Method);
            Assert.Equal("/v2/live/" + created.Id, error.Path);
            Assert.False(string.IsNullOrEmpty(error.ServerMessage));
            Assert.EndsWith("| 404 | GET /v2/live/" + created.Id, error.Message);

            var again = await Assert.ThrowsAsync<GladiaApiException>(() => client.DeleteLiveJobAsync(created.Id, CancellationToken.None));
            Assert.Equal(404, again.StatusCode);
        }

        [Fact]
        public async Task WrongKey_Is401WithTheServerMessage_AndNeverRetried()
        {
            await using var emulator = await StartEmulator();
            using var client = ClientFor(emulator, "wrong-key-0000");

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None));

            Assert.Equal(401, error.StatusCode);
            Assert.Contains("API key", error.ServerMessage);
            Assert.Equal(1, emulator.Requests.Count(r => r.Method == "POST"));
            Assert.DoesNotContain("wrong-key-0000", error.ToString());
        }

        [Fact]
        public async Task ServerSide422_IsReportedWithTheServerMessage()
        {
            await using var emulator = await StartEmulator();
            using var client = ClientFor(emulator);
            var options = Pcm16k.Clone();
            options.Model = "solaria-9";

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.CreateLiveSessionAsync(options, CancellationToken.None));

            Assert.Equal(422, error.StatusCode);
            Assert.Contains("model", error.ServerMessage);
            Assert.False(string.IsNullOrEmpty(error.RequestId));
            Assert.Equal(1, emulator.Requests.Count(r => r.Method == "POST"));
        }

        [Theory]
        [InlineData(429)]
        [InlineData(503)]
        public async Task InitFailures_ThatCreateNothing_AreRetried(int status)
        {
            await using var emulator = await GladiaEmulator.StartAsync(new EmulatorOptions
            {
                ApiKey = Key,
                Faults = new FaultSettings { InitFailStatus = status, InitFailCount = 2, RetryAfterSeconds = 0 },
            });
            using var client = ClientFor(emulator);

            var created = await client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None);

            Assert.NotNull(emulator.FindSession(created.Id));
            Assert.Equal(3, emulator.Requests.Count(r => r.Method == "POST"));
            Assert.Single(emulator.Sessions);
        }

        [Fact]
        public async Task InitFailure500_IsNotRetried()
        {
            await using var emulator = await GladiaEmulator.StartAsync(new EmulatorOptions
            {
                ApiKey = Key,
                Faults = new FaultSettings { InitFailStatus = 500, InitFailCount = 1 },
            });
            using var client = ClientFor(emulator);

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None));

            Assert.Equal(500, error.StatusCode);
            Assert.Equal(1, emulator.Requests.Count(r => r.Method == "POST"));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task DownloadToFile_ReturnsTheRecordedAudio_DirectOrThroughStorageRedirect(bool redirect)
        {
            await using var emulator = await StartEmulator(redirect);
            using var client = ClientFor(emulator);
            var created = await client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None);
            var audio = EmulatorAudio.Pcm(320_000, seed: 7);
            using (var timeout = new CancellationTokenSource(Generous))
            {
                await EmulatorAudio.StreamAndStopAsync(created.Url, audio, timeout.Token);
            }

            var folder = Directory.CreateTempSubdirectory("gladiaps-dl-");
            try
            {
                var path = Path.Combine(folder.FullName, "session.wav");
                var written = await client.DownloadLiveAudioToFileAsync(created.Id, path, CancellationToken.None);

                var bytes = await File.ReadAllBytesAsync(path);
                Assert.Equal(bytes.Length, written);
                Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
                Assert.Equal(audio, bytes.Skip(bytes.Length - audio.Length).ToArray());
                Assert.Equal(new[] { "session.wav" }, folder.GetFiles().Select(f => f.Name));

                var storage = emulator.Requests.Where(r => r.Origin == EmulatorOrigin.Storage).ToList();
                if (redirect)
                {
                    var hop = Assert.Single(storage);
                    Assert.False(hop.HasHeader("x-gladia-key"));
                    Assert.True(hop.HasHeader("x-gladia-version"));
                }
                else
                {
                    Assert.Empty(storage);
                }
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }

        [Fact]
        public async Task Download_OfASessionWithoutAudio_Is404AndLeavesNoFile()
        {
            await using var emulator = await StartEmulator();
            using var client = ClientFor(emulator);
            var created = await client.CreateLiveSessionAsync(Pcm16k, CancellationToken.None);
            var folder = Directory.CreateTempSubdirectory("gladiaps-dl-");
            try
            {
                var error = await Assert.ThrowsAsync<GladiaApiException>(() =>
                    client.DownloadLiveAudioToFileAsync(created.Id, Path.Combine(folder.FullName, "none.wav"), CancellationToken.None));

                Assert.Equal(404, error.StatusCode);
                Assert.Equal("/v2/live/" + created.Id + "/file", error.Path);
                Assert.Empty(folder.GetFiles());
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
    }
}
