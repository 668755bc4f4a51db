using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GladiaPS.Emulator.Tests.Support;
using GladiaPS.TestSupport.Tests.ToneWords;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Emulator.Tests
{
    /// <summary>The pre-recorded routes: upload, jobs that finish over time, the stand-ins, list, delete, file and the faults.</summary>
    public sealed class PreRecordedTests
    {
        private static readonly ToneAudioFormat Mono = ToneAudioFormat.Pcm16(16000);

        private static async Task<(int Status, JsonObject? Body, HttpResponseMessage Response)> UploadAsync(HttpClient http, byte[] file, string name)
        {
            using var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "audio", name);
            var response = await http.PostAsync("/v2/upload", form);
            var text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, JsonNode.Parse(text) as JsonObject, response);
        }

        private static async Task<string> CreateAsync(HttpClient http, JsonObject body)
        {
            var (status, created, _) = await TestEmulator.PostInitAsync(http, body.ToJsonString(), "/v2/pre-recorded");
            Assert.True(status == 201, created?.ToJsonString());
            return (string)created!["id"]!;
        }

        private static async Task<(JsonObject Job, List<string> Seen)> WaitAsync(HttpClient http, string id)
        {
            var seen = new List<string>();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TestEmulator.Timeout)
            {
                var job = await TestEmulator.GetJsonAsync(http, "/v2/pre-recorded/" + id);
                var status = (string)job["status"]!;
                if (seen.Count == 0 || seen[^1] != status) seen.Add(status);
                if (status is "done" or "error") return (job, seen);
                await Task.Delay(50);
            }

            throw new TimeoutException("job " + id + " did not finish");
        }

        [Fact]
        public async Task Upload_then_job_goes_queued_processing_done_with_speakers_redaction_subtitles_and_sentences()
        {
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { JobSeconds = 3 });
            using var http = TestEmulator.Http(emulator);
            var wav = ToneAudio.Wav(Mono, "alpha bravo | charlie one two | delta");

            var (status, uploaded, _) = await UploadAsync(http, wav, "call.wav");
            Assert.Equal(200, status);
            Assert.Equal("call.wav", (string)uploaded!["audio_metadata"]!["filename"]!);
            Assert.Equal(wav.Length, (long)uploaded["audio_metadata"]!["size"]!);
            Assert.Equal(1, (int)uploaded["audio_metadata"]!["number_of_channels"]!);

            var id = await CreateAsync(http, new JsonObject
            {
                ["audio_url"] = (string)uploaded["audio_url"]!,
                ["diarization"] = true,
                ["pii_redaction"] = true,
                ["subtitles"] = true,
                ["subtitles_config"] = new JsonObject { ["formats"] = new JsonArray("srt", "vtt") },
                ["sentences"] = true,
                ["custom_metadata"] = new JsonObject { ["batch"] = "b1" },
            });
            var (job, seen) = await WaitAsync(http, id);

            Assert.Equal(new[] { "queued", "processing", "done" }, seen);
            Assert.Equal("call.wav", (string)job["file"]!["filename"]!);
            var transcription = job["result"]!["transcription"]!;
            var utterances = transcription["utterances"]!.AsArray();
            Assert.Equal(new[] { "alpha bravo", "charlie [NUMERICAL_PII] [NUMERICAL_PII]", "delta" }, utterances.Select(u => (string)u!["text"]!));
            Assert.Equal(new[] { 0, 1, 0 }, utterances.Select(u => (int)u!["speaker"]!));
            Assert.Equal("alpha bravo charlie [NUMERICAL_PII] [NUMERICAL_PII] delta", (string)transcription["full_transcript"]!);
            var srt = (string)transcription["subtitles"]![0]!["subtitles"]!;
            Assert.StartsWith("1\n00:00:0", srt);
            Assert.Contains("\ncharlie [NUMERICAL_PII] [NUMERICAL_PII]\n", srt);
            Assert.StartsWith("WEBVTT\n\n", (string)transcription["subtitles"]![1]!["subtitles"]!);
            Assert.Equal(new[] { "Alpha bravo.", "Charlie [NUMERICAL_PII] [NUMERICAL_PII].", "Delta." },
                transcription["sentences"]![0]!["results"]!.AsArray().Select(s => (string)s!));
            Assert.Equal("b1", (string)job["custom_metadata"]!["batch"]!);
        }

        [Fact]
        public async Task Other_formats_go_through_ffmpeg_and_each_channel_is_recognised()
        {
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { JobSeconds = 0 });
            using var http = TestEmulator.Http(emulator);
            var stereo = ToneAudio.Wav(ToneAudioFormat.Pcm16(16000, channels: 2), "echo foxtrot", "golf | hotel");
            var flac = Ffmpeg.Convert(stereo, "-f", "flac");

            var (status, uploaded, _) = await UploadAsync(http, flac, "meeting.flac");
            Assert.Equal(200, status);
            var id = await CreateAsync(http, new JsonObject { ["audio_url"] = (string)uploaded!["audio_url"]! });
            var (job, _) = await WaitAsync(http, id);

            var utterances = job["result"]!["transcription"]!["utterances"]!.AsArray();
            Assert.Equal("echo foxtrot", string.Join(" | ", utterances.Where(u => (int)u!["channel"]! == 0).Select(u => (string)u!["text"]!)));
            Assert.Equal("golf | hotel", string.Join(" | ", utterances.Where(u => (int)u!["channel"]! == 1).Select(u => (string)u!["text"]!)));
            Assert.All(utterances, u => Assert.Null(u!["speaker"]));
        }

        [Fact]
        public async Task A_file_that_is_not_audio_is_refused_with_415()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);

            var (status, body, _) = await UploadAsync(http, System.Text.Encoding.UTF8.GetBytes("not audio at all"), "notes.txt");

            Assert.Equal(415, status);
            Assert.Contains("notes.txt", (string)body!["message"]!);
        }

        [Fact]
        public async Task Faults_upload_too_large_job_error_and_429_on_create()
        {
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings
            {
                UploadMaxBytes = 20_000,
                JobErrorCode = 422,
                JobErrorMatch = "broken",
                CreateFailStatus = 429,
                CreateFailCount = 1,
                RetryAfterSeconds = 2,
                JobSeconds = 0,
            });
            using var http = TestEmulator.Http(emulator);

            var (tooLarge, message, _) = await UploadAsync(http, ToneAudio.Wav(Mono, "alpha bravo charlie"), "big.wav");
            Assert.Equal(413, tooLarge);
            Assert.Contains("the limit is 20000 bytes", (string)message!["message"]!);

            var (_, good, _) = await UploadAsync(http, ToneAudio.Wav(ToneAudioFormat.Pcm16(8000), "kilo"), "good.wav");
            var (_, broken, _) = await UploadAsync(http, ToneAudio.Wav(ToneAudioFormat.Pcm16(8000), "lima"), "broken.wav");
            var (limited, _, response) = await TestEmulator.PostInitAsync(http, new JsonObject { ["audio_url"] = (string)good!["audio_url"]! }.ToJsonString(), "/v2/pre-recorded");
            Assert.Equal(429, limited);
            Assert.Equal("2", response.Headers.GetValues("Retry-After").Single());

            var goodJob = (await WaitAsync(http, await CreateAsync(http, new JsonObject { ["audio_url"] = (string)good["audio_url"]! }))).Job;
            var brokenJob = (await WaitAsync(http, await CreateAsync(http, new JsonObject { ["audio_url"] = (string)broken!["audio_url"]! }))).Job;
            Assert.Equal("done", (string)goodJob["status"]!);
            Assert.Equal("kilo", (string)goodJob["result"]!["transcription"]!["full_transcript"]!);
            Assert.Equal("error", (string)brokenJob["status"]!);
            Assert.Equal(422, (int)brokenJob["error_code"]!);
            Assert.Null(brokenJob["result"]);
        }

        [Fact]
        public async Task Slow_upload_reader_takes_as_long_as_its_rate_says()
        {
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { UploadReadBytesPerSecond = 100_000 });
            using var http = TestEmulator.Http(emulator);
            var wav = ToneAudio.Wav(Mono, "mike november");

            var clock = Stopwatch.StartNew();
            var (status, _, _) = await UploadAsync(http, wav, "slow.wav");

            Assert.Equal(200, status);
            Assert.True(clock.Elapsed.TotalSeconds >= wav.Length / 100_000.0 * 0.8, clock.Elapsed + " for " + wav.Length + " bytes");
        }

        [Fact]
        public async Task List_filters_and_pages_delete_removes_and_file_returns_the_upload()
        {
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { JobSeconds = 0 });
            using var http = TestEmulator.Http(emulator);
            var wav = ToneAudio.Wav(ToneAudioFormat.Pcm16(8000), "oscar");
            var (_, uploaded, _) = await UploadAsync(http, wav, "o.wav");
            var ids = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                ids.Add(await CreateAsync(http, new JsonObject { ["audio_url"] = (string)uploaded!["audio_url"]!, ["custom_metadata"] = new JsonObject { ["n"] = i.ToString() } }));
            }

            var page = await TestEmulator.GetJsonAsync(http, "/v2/pre-recorded?limit=2");
            Assert.Equal(2, page["items"]!.AsArray().Count);
            Assert.Contains("/v2/pre-recorded?offset=2&limit=2", (string)page["next"]!);
            var filtered = await TestEmulator.GetJsonAsync(http, "/v2/pre-recorded?custom_metadata%5Bn%5D=1");
            Assert.Equal(ids[1], (string)filtered["items"]![0]!["id"]!);
            Assert.Single(filtered["items"]!.AsArray());

            Assert.Equal(wav, await http.GetByteArrayAsync("/v2/pre-recorded/" + ids[0] + "/file"));
            Assert.Equal(202, (int)(await http.DeleteAsync("/v2/pre-recorded/" + ids[0])).StatusCode);
            await TestEmulator.GetJsonAsync(http, "/v2/pre-recorded/" + ids[0], expectedStatus: 404);
        }

        [Fact]
        public async Task Jobs_are_refused_without_an_audio_url_or_with_bad_options()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);

            var (missing, body, _) = await TestEmulator.PostInitAsync(http, "{}", "/v2/pre-recorded");
            var (bad, _, _) = await TestEmulator.PostInitAsync(http, "{\"audio_url\":\"https://x.test/a.wav\",\"diarization_config\":{\"min_speakers\":3,\"max_speakers\":2}}", "/v2/pre-recorded");

            Assert.Equal(422, missing);
            Assert.Contains("audio_url", (string)body!["message"]!);
            Assert.Equal(422, bad);
        }
    }
}
