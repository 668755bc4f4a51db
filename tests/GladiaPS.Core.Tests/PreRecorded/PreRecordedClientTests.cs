using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;
using GladiaPS.Core.Tests.Rest;
using Xunit;

namespace GladiaPS.Core.Tests.PreRecorded
{
    /// <summary>Upload, create, wait, list, delete and download against precise loopback answers.</summary>
    public sealed class PreRecordedClientTests : IDisposable
    {
        private const string Upload = "{\"audio_url\":\"https://api.gladia.io/file/f-1\",\"audio_metadata\":{\"id\":\"f-1\",\"filename\":\"a b.wav\",\"extension\":\"wav\",\"size\":300000,\"audio_duration\":9.4,\"number_of_channels\":1}}";

        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gladiaps-pr-");

        public void Dispose() => _folder.Delete(recursive: true);

        private string WriteFile(string name, byte[] data)
        {
            var path = Path.Combine(_folder.FullName, name);
            File.WriteAllBytes(path, data);
            return path;
        }

        private static byte[] Data(int length)
        {
            var data = new byte[length];
            new Random(7).NextBytes(data);
            return data;
        }

        [Fact]
        public async Task Upload_SendsTheFileAsMultipartFieldAudio_WithItsLengthKnown_AndReportsProgress()
        {
            var data = Data(300_000);
            var path = WriteFile("a b.wav", data);
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, Upload));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));
            var reports = new ConcurrentQueue<long>();

            var uploaded = await client.UploadAudioAsync(path, new SynchronousProgress(reports.Enqueue));

            Assert.Equal(new Uri("https://api.gladia.io/file/f-1"), uploaded.AudioUrl);
            Assert.Equal(9.4, uploaded.AudioDuration);
            var request = Assert.Single(api.Requests);
            Assert.Equal("POST /v2/upload", request.Method + " " + request.Path);
            Assert.Equal(RestTestSettings.ApiKey, request.Header("x-gladia-key"));
            Assert.NotNull(request.Header("content-length"));
            Assert.Null(request.Header("transfer-encoding"));
            var contentType = request.Header("content-type")!;
            Assert.StartsWith("multipart/form-data", contentType);
            var (headers, body) = SinglePart(request.Body, contentType);
            Assert.Contains("name=audio", headers);
            Assert.Contains("filename=\"a b.wav\"", headers);
            Assert.Contains("audio/wav", headers);
            Assert.Equal(data, body);
            Assert.Equal(data.Length, reports.Max());
        }

        [Fact]
        public async Task Upload_TooLarge_IsTheServersError_NotRetried()
        {
            var path = WriteFile("big.wav", Data(50_000));
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(413, "{\"statusCode\":413,\"message\":\"File too large: the limit is 1000 MB\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.UploadAudioAsync(path));

            Assert.Equal(413, error.StatusCode);
            Assert.Contains("the limit is 1000 MB", error.Message);
            Assert.Single(api.Requests);
        }

        [Fact]
        public async Task Upload_MissingFile_FailsBeforeAnyRequest()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, Upload));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var error = await Assert.ThrowsAsync<FileNotFoundException>(() => client.UploadAudioAsync(Path.Combine(_folder.FullName, "nope.wav")));

            Assert.Contains("nope.wav", error.Message);
            Assert.Empty(api.Requests);
        }

        [Theory]
        [InlineData("empty.wav", "", "is empty")]
        [InlineData("notes.mp3", "Meeting notes: call Ana back on Tuesday.\r\n", "is text, not audio or video")]
        [InlineData("report.m4a", "%PDF-1.7\n%\u00e2\u00e3", "is a PDF document, not audio or video")]
        public async Task Upload_OfAFileThatCannotBeAudio_FailsBeforeAnyRequest_NamingTheFile(string name, string content, string problem)
        {
            var path = WriteFile(name, Encoding.UTF8.GetBytes(content));
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, Upload));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaPS.Core.Audio.AudioFormatException>(() => client.UploadAudioAsync(path));

            Assert.Equal(path, error.SourceName);
            Assert.StartsWith("'" + path + "': the file ", error.Message);
            Assert.Contains(problem, error.Message);
            Assert.Empty(api.Requests);
        }

        [Fact]
        public async Task Upload_ThatStalls_EndsWithATimeoutNamingTheFile()
        {
            var path = WriteFile("slow.wav", Data(10_000));
            await using var api = LoopbackHttpServer.Start(c => c.StallAsync());
            var settings = RestTestSettings.For(api.BaseUrl);
            settings.Http.UploadIdleTimeout = TimeSpan.FromMilliseconds(400);
            using var client = new GladiaRestClient(settings);

            var error = await Assert.ThrowsAsync<TimeoutException>(() => client.UploadAudioAsync(path));

            Assert.Contains("'slow.wav' stalled", error.Message);
            Assert.Contains("of 10000 bytes", error.Message);
        }

        [Fact]
        public async Task Create_SendsTheOptions_RetriesA429AsRetryAfterSays_AndReturnsTheId()
        {
            var calls = 0;
            await using var api = LoopbackHttpServer.Start(c => Interlocked.Increment(ref calls) == 1
                ? c.RespondJsonAsync(429, "{\"message\":\"too many jobs\"}", ("Retry-After", "0"))
                : c.RespondJsonAsync(201, "{\"id\":\"job-1\",\"result_url\":\"https://api.gladia.io/v2/pre-recorded/job-1\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var created = await client.CreatePreRecordedJobAsync(new PreRecordedOptions { AudioUrl = new Uri("https://api.gladia.io/file/f-1"), Diarization = true });

            Assert.Equal("job-1", created.Id);
            Assert.Equal(2, api.Requests.Count);
            var body = api.Requests.Last();
            Assert.Equal("POST /v2/pre-recorded", body.Method + " " + body.Path);
            Assert.Equal("{\"audio_url\":\"https://api.gladia.io/file/f-1\",\"diarization\":true}", body.BodyText);
        }

        [Fact]
        public async Task Create_TellsEachRetryBeforeItsWait_WithTheStatusAndTheServersRetryAfter()
        {
            var calls = 0;
            await using var api = LoopbackHttpServer.Start(c => Interlocked.Increment(ref calls) switch
            {
                1 => c.RespondJsonAsync(429, "{\"message\":\"too many jobs\"}", ("Retry-After", "0")),
                2 => c.RespondJsonAsync(503, "{\"message\":\"busy\"}"),
                _ => c.RespondJsonAsync(201, "{\"id\":\"job-1\"}"),
            });
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));
            var notices = new List<GladiaRetryNotice>();

            var created = await client.CreatePreRecordedJobAsync(new PreRecordedOptions { AudioUrl = new Uri("https://api.gladia.io/file/f-1") },
                new SynchronousProgress<GladiaRetryNotice>(notices.Add));

            Assert.Equal("job-1", created.Id);
            Assert.Equal(new int?[] { 429, 503 }, notices.Select(n => n.StatusCode));
            Assert.Equal(new[] { 1, 2 }, notices.Select(n => n.Attempt));
            Assert.True(notices[0].IsTooManyRequests);
            Assert.Equal(TimeSpan.Zero, notices[0].Delay);
            Assert.All(notices, n => Assert.Equal("POST /v2/pre-recorded", n.Method + " " + n.Path));
        }

        [Fact]
        public async Task Create_WithoutAudioUrl_OrWithAnIdThatIsNotAnId_IsRefused()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(201, "{\"id\":\"../../v2/live\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var missing = await Assert.ThrowsAsync<GladiaValidationException>(() => client.CreatePreRecordedJobAsync(new PreRecordedOptions()));
            Assert.Equal("audio_url", missing.Field);
            Assert.Empty(api.Requests);

            var bad = await Assert.ThrowsAsync<GladiaApiException>(() => client.CreatePreRecordedJobAsync(new PreRecordedOptions { AudioUrl = new Uri("https://x.test/a.wav") }));
            Assert.Contains("no usable job 'id'", bad.Message);
        }

        [Theory]
        [InlineData("../live")]
        [InlineData("a/b")]
        [InlineData("a?b=1")]
        [InlineData("")]
        public async Task Ids_ThatAreNotIds_NeverReachAUrl(string id)
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, "{}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            await Assert.ThrowsAsync<ArgumentException>(() => client.GetPreRecordedJobAsync(id));
            await Assert.ThrowsAsync<ArgumentException>(() => client.DeletePreRecordedJobAsync(id));
            await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadPreRecordedAudioAsync(id, new MemoryStream()));
            Assert.Empty(api.Requests);
        }

        [Fact]
        public async Task Wait_PollsWithGrowingPauses_UntilDone()
        {
            var statuses = new Queue<string>(new[] { "queued", "processing", "processing", "done" });
            await using var api = LoopbackHttpServer.Start(c =>
            {
                string status;
                lock (statuses)
                {
                    status = statuses.Count > 1 ? statuses.Dequeue() : statuses.Peek();
                }

                return c.RespondJsonAsync(200, "{\"id\":\"j1\",\"status\":\"" + status + "\"}");
            });
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));
            var seen = new List<string>();

            var job = await client.WaitForPreRecordedJobAsync("j1", new PreRecordedWaitOptions { InitialInterval = TimeSpan.FromMilliseconds(20), MaxInterval = TimeSpan.FromMilliseconds(40) }, j => seen.Add(j.Status));

            Assert.True(job.IsDone);
            Assert.Equal(new[] { "queued", "processing", "processing", "done" }, seen);
        }

        [Fact]
        public async Task Wait_ForAJobThatNeverFinishes_EndsAtTheTimeout_NamingTheJob()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, "{\"id\":\"j2\",\"status\":\"processing\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var error = await Assert.ThrowsAsync<TimeoutException>(() => client.WaitForPreRecordedJobAsync("j2",
                new PreRecordedWaitOptions { InitialInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromMilliseconds(300) }));

            Assert.StartsWith("job j2 is still 'processing' after 0.3 s", error.Message);
        }

        [Fact]
        public async Task Wait_IsCancelledPromptly_DuringALongPause()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, "{\"id\":\"j3\",\"status\":\"queued\"}"));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));
            using var cts = new CancellationTokenSource();
            var polled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            var waiting = client.WaitForPreRecordedJobAsync("j3", new PreRecordedWaitOptions { InitialInterval = TimeSpan.FromMinutes(5) }, _ => polled.TrySetResult(), cts.Token);
            await polled.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var watch = Stopwatch.StartNew();
            cts.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), watch.Elapsed.ToString());
        }

        [Fact]
        public async Task List_FollowsPages_WithTheFilter()
        {
            await using var api = LoopbackHttpServer.Start(c => c.Request.Target switch
            {
                "/v2/pre-recorded?limit=2&status=done" => c.RespondJsonAsync(200, "{\"next\":\"/v2/pre-recorded?offset=2&limit=2&status=done\",\"items\":[{\"id\":\"a\",\"status\":\"done\"},{\"id\":\"b\",\"status\":\"done\"}]}"),
                _ => c.RespondJsonAsync(200, "{\"next\":null,\"items\":[{\"id\":\"c\",\"status\":\"done\"}]}"),
            });
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));
            var filter = new LiveJobFilter { Limit = 2 };
            filter.Statuses.Add("done");

            var ids = new List<string>();
            await foreach (var job in client.ListPreRecordedJobsAsync(filter))
            {
                ids.Add(job.Id);
            }

            Assert.Equal(new[] { "a", "b", "c" }, ids);
            Assert.Equal("/v2/pre-recorded?offset=2&limit=2&status=done", api.Requests.Last().Target);
        }

        [Fact]
        public async Task Delete_Accepted_Is202()
        {
            await using var api = LoopbackHttpServer.Start(c => c.RespondAsync(202));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            Assert.True(await client.DeletePreRecordedJobAsync("j1"));
            Assert.Equal("DELETE /v2/pre-recorded/j1", api.Requests.Single().Method + " " + api.Requests.Single().Path);
        }

        [Fact]
        public async Task Download_BrokenOff_LeavesNoPartialFile()
        {
            var data = Data(500_000);
            await using var api = LoopbackHttpServer.Start(c => c.RespondStreamingAsync(200, data.Length, "audio/wav", s => s.WriteAsync(data, 0, 100_000)));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));
            var target = Path.Combine(_folder.FullName, "out.wav");

            var error = await Assert.ThrowsAsync<IOException>(() => client.DownloadPreRecordedAudioToFileAsync("j1", target));

            Assert.StartsWith("GET /v2/pre-recorded/j1/file: the download broke off", error.Message);
            Assert.Empty(_folder.GetFiles());
        }

        private static (string Headers, byte[] Body) SinglePart(byte[] body, string contentType)
        {
            var boundary = contentType.Substring(contentType.IndexOf("boundary=", StringComparison.Ordinal) + 9).Trim('"');
            var latin = Encoding.Latin1.GetString(body);
            var start = latin.IndexOf("--" + boundary + "\r\n", StringComparison.Ordinal);
            var headersEnd = latin.IndexOf("\r\n\r\n", start, StringComparison.Ordinal);
            var end = latin.IndexOf("\r\n--" + boundary + "--", headersEnd, StringComparison.Ordinal);
            Assert.True(start == 0 && headersEnd > 0 && end > 0, "one multipart part");
            return (latin.Substring(start, headersEnd - start), body.AsSpan(headersEnd + 4, end - headersEnd - 4).ToArray());
        }
    }
}
