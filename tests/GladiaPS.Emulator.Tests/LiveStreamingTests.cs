using System;
using System.Linq;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GladiaPS.Emulator.Tests.Support;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Emulator.Tests
{
    /// <summary>The main path: init, stream, acks, transcripts, stop, post-processing, close 1000, GET.</summary>
    public sealed class LiveStreamingTests
    {
        private const string Phrase = "alpha bravo charlie|delta echo";

        [Fact]
        public async Task Streams_acknowledges_transcribes_and_ends_in_reference_order()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var format = ToneAudioFormat.Pcm16();
            var (_, audio) = TestAudio.Phrase(format, Phrase);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(format, partials: true));

            await client.SendAudioAsync(audio, TestAudio.ChunkOf100Ms(format));
            await client.WaitForAckAsync(audio.Length);
            var close = await client.StopAndWaitForCloseAsync();

            Assert.Equal(WebSocketCloseStatus.NormalClosure, close);
            Assert.True(client.LastCloseWasClean);
            Assert.Equal("alpha bravo charlie delta echo", client.Transcript());
            Assert.Equal(new[] { "alpha bravo charlie", "delta echo" },
                client.FinalTranscripts.Select(m => (string)m["data"]!["utterance"]!["text"]!));

            // Acks tile the stream: [0, a), [a, b), ... up to every byte sent, with matching times.
            var ranges = client.Acks.Select(a => a["data"]!["byte_range"]!.AsArray().Select(v => (long)v!).ToArray()).ToList();
            Assert.Equal(0, ranges[0][0]);
            for (var i = 1; i < ranges.Count; i++) Assert.Equal(ranges[i - 1][1], ranges[i][0]);
            Assert.Equal(audio.Length, ranges[^1][1]);
            var lastTime = client.Acks.Last()["data"]!["time_range"]!.AsArray().Select(v => (double)v!).ToArray();
            Assert.Equal(audio.Length / (double)format.ByteRate, lastTime[1], 3);
            Assert.All(client.Acks, a => Assert.True((bool)a["acknowledged"]!));

            // Order of reference §6.12.
            var types = TestAudio.Types(client.Messages);
            Assert.Equal("start_session", types[0]);
            Assert.Equal("start_recording", types[1]);
            var tail = types.SkipWhile(t => t != "stop_recording").ToList();
            Assert.Equal(new[] { "stop_recording", "end_recording", "post_transcript", "post_final_transcript", "end_session" },
                tail.Where(t => t is not ("transcript" or "speech_start" or "speech_end")).ToArray());
            Assert.True(types.IndexOf("speech_start") < types.IndexOf("transcript"));
            var firstFinal = client.Messages.ToList().FindIndex(m => (string?)m["type"] == "transcript" && (bool)m["data"]!["is_final"]!);
            var firstPartial = client.Messages.ToList().FindIndex(m => (string?)m["type"] == "transcript" && !(bool)m["data"]!["is_final"]!);
            Assert.InRange(firstPartial, 0, firstFinal);
            Assert.All(client.Messages, m => Assert.Equal(client.Id, (string)m["session_id"]!));

            var stopAck = client.OfType("stop_recording").Single();
            Assert.True((bool)stopAck["acknowledged"]!);
            Assert.Equal(audio.Length / (double)format.ByteRate, (double)stopAck["data"]!["recording_duration"]!, 3);

            var postTranscript = client.OfType("post_transcript").Single()["data"]!;
            Assert.Equal("alpha bravo charlie delta echo", (string)postTranscript["full_transcript"]!);
            Assert.Equal(2, postTranscript["utterances"]!.AsArray().Count);

            var job = await TestEmulator.GetJsonAsync(http, $"/v2/live/{client.Id}");
            Assert.Equal("done", (string)job["status"]!);
            Assert.Equal("live", (string)job["kind"]!);
            Assert.NotNull((string?)job["completed_at"]);
            Assert.Equal("alpha bravo charlie delta echo", (string)job["result"]!["transcription"]!["full_transcript"]!);
            Assert.Equal(audio.Length / (double)format.ByteRate, (double)job["result"]!["metadata"]!["audio_duration"]!, 3);

            var session = emulator.FindSession(client.Id)!;
            Assert.Equal(audio.Length, session.KeptBytes);
            Assert.Equal(audio.Length, session.ReceivedBytes);
            Assert.Equal(0, session.DiscardedBytes);
            Assert.Equal(2, session.FinalUtterances.Count);
        }

        [Fact]
        public async Task Transcript_messages_carry_words_channel_language_and_shared_utterance_ids()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var format = ToneAudioFormat.Pcm16();
            var (signal, audio) = TestAudio.Phrase(format, "kilo lima mike");
            var init = TestAudio.Init(format, partials: true);
            init["language_config"] = new JsonObject { ["languages"] = new JsonArray("de") };
            await using var client = await LiveTestClient.CreateAsync(http, init);

            await client.SendAudioAsync(audio, 3000);
            await client.StopAndWaitForCloseAsync();

            var final = client.FinalTranscripts.Single()["data"]!;
            var utterance = final["utterance"]!;
            Assert.Equal("de", (string)utterance["language"]!);
            Assert.Equal(0, (int)utterance["channel"]!);
            Assert.InRange((double)utterance["confidence"]!, 0.5, 1.0);
            var words = utterance["words"]!.AsArray();
            Assert.Equal(new[] { "kilo", "lima", "mike" }, words.Select(w => (string)w!["word"]!));
            var expected = signal.WordsOn(0);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.InRange((double)words[i]!["start"]!, expected[i].Start - 0.03, expected[i].Start + 0.03);
                Assert.InRange((double)words[i]!["end"]!, expected[i].End - 0.03, expected[i].End + 0.03);
            }

            var partialIds = client.OfType("transcript").Where(m => !(bool)m["data"]!["is_final"]!).Select(m => (string)m["data"]!["id"]!).Distinct();
            Assert.Equal(new[] { (string)final["id"]! }, partialIds);
        }

        [Fact]
        public async Task Sends_only_the_messages_the_flags_ask_for()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var format = ToneAudioFormat.Pcm16();
            var (_, audio) = TestAudio.Phrase(format, "golf hotel");
            var init = TestAudio.Init(format, partials: false, lifecycle: false, speech: false, acks: false);
            init["messages_config"]!["receive_post_processing_events"] = false;
            await using var client = await LiveTestClient.CreateAsync(http, init);

            await client.SendAudioAsync(audio, 4000);
            var close = await client.StopAndWaitForCloseAsync();

            Assert.Equal(WebSocketCloseStatus.NormalClosure, close);
            Assert.Equal(new[] { "transcript" }, TestAudio.Types(client.Messages).Distinct());
            Assert.Equal("golf hotel", client.Transcript());
        }

        [Fact]
        public async Task Without_messages_config_acks_and_finals_are_on_and_partials_off()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var format = ToneAudioFormat.Pcm16();
            var (_, audio) = TestAudio.Phrase(format, "india juliett");
            await using var client = await LiveTestClient.CreateAsync(http, new JsonObject());

            await client.SendAudioAsync(audio, 3200);
            await client.StopAndWaitForCloseAsync();

            Assert.NotEmpty(client.Acks);
            Assert.Equal("india juliett", client.Transcript());
            Assert.DoesNotContain(client.OfType("transcript"), m => !(bool)m["data"]!["is_final"]!);
        }

        [Fact]
        public async Task Base64_audio_chunk_messages_are_audio_too()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var format = ToneAudioFormat.Pcm16(8000);
            var (_, audio) = TestAudio.Phrase(format, "papa quebec");
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(format));

            for (var offset = 0; offset < audio.Length; offset += 1600)
            {
                var chunk = Convert.ToBase64String(audio, offset, Math.Min(1600, audio.Length - offset));
                await client.SendTextAsync($"{{\"type\":\"audio_chunk\",\"data\":{{\"chunk\":\"{chunk}\"}}}}");
            }

            await client.WaitForAckAsync(audio.Length);
            await client.StopAndWaitForCloseAsync();

            Assert.Equal("papa quebec", client.Transcript());
            Assert.Equal(audio.Length, emulator.FindSession(client.Id)!.KeptBytes);
        }

        [Fact]
        public async Task An_audio_chunk_without_base64_audio_gets_a_negative_ack_and_the_stream_goes_on()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var format = ToneAudioFormat.Pcm16();
            var (_, audio) = TestAudio.Phrase(format, "yankee");
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(format));

            await client.SendTextAsync("{\"type\":\"audio_chunk\",\"data\":{\"chunk\":\"%%% not base64 %%%\"}}");
            await client.SendTextAsync("{\"type\":\"audio_chunk\"}");
            await client.SendTextAsync("not json at all");
            await client.SendTextAsync("{\"type\":\"something_else\"}");
            await client.SendAudioAsync(audio, 3200);
            await client.StopAndWaitForCloseAsync();

            var rejected = client.Acks.Where(a => !(bool)a["acknowledged"]!).ToList();
            Assert.Equal(2, rejected.Count);
            var unknown = client.OfType("something_else").Single();
            Assert.False((bool)unknown["acknowledged"]!);
            Assert.Contains("unknown message type", (string)unknown["error"]!["message"]!, StringComparison.Ordinal);
            Assert.Null(unknown["data"]);
            Assert.Equal(client.Id, (string)unknown["session_id"]!);
            Assert.All(rejected, a =>
            {
                Assert.Contains("base64", (string)a["error"]!["message"]!, StringComparison.Ordinal);
                Assert.Null(a["data"]);
            });
            Assert.Equal(audio.Length, client.LastAckEnd);
            Assert.Equal("yankee", client.Transcript());
        }

        [Fact]
        public async Task A_leading_wav_header_is_stripped_and_not_counted()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var format = ToneAudioFormat.Pcm16();
            var signal = ToneSignalWriter.Synthesize(new[] { "romeo sierra" }, format.SampleRate);
            var wav = ToneSignalWriter.ToWav(signal, format);
            var raw = ToneSignalWriter.Encode(signal, format);
            Assert.True(ToneWavHeader.TryParse(wav, out var headerLength, out _));
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(format));

            // The header arrives split over two frames.
            await client.SendBinaryAsync(wav.AsMemory(0, 20));
            await client.SendAudioAsync(wav.AsMemory(20), 3333);
            await client.WaitForAckAsync(raw.Length);
            await client.StopAndWaitForCloseAsync();

            var session = emulator.FindSession(client.Id)!;
            Assert.Equal(headerLength, session.HeaderBytes);
            Assert.Equal(raw.Length, session.KeptBytes);
            Assert.Equal(raw.Length, client.LastAckEnd);
            Assert.Equal("romeo sierra", client.Transcript());
        }

        [Fact]
        public async Task Text_frames_the_server_cannot_use_are_logged_and_unknown_types_need_acks_to_be_answered()
        {
            var log = new System.IO.StringWriter();
            await using var emulator = await GladiaEmulator.StartAsync(new EmulatorOptions { ApiKey = TestEmulator.ApiKey, WarningLog = log });
            using var http = TestEmulator.Http(emulator);
            var format = ToneAudioFormat.Pcm16(8000);
            var (_, audio) = TestAudio.Phrase(format, "zulu");
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(format, acks: false));

            await client.SendTextAsync("not json at all");
            await client.SendTextAsync("{\"type\":\"pause_recording\"}");
            await client.SendTextAsync("[1, 2]");
            await client.SendAudioAsync(audio, 1600);
            await client.StopAndWaitForCloseAsync();

            Assert.Equal("zulu", client.Transcript());
            Assert.Empty(client.OfType("pause_recording"));
            string warnings;
            lock (log) warnings = log.ToString();
            Assert.Contains("not JSON", warnings, StringComparison.Ordinal);
            Assert.Contains("unknown type \"pause_recording\"", warnings, StringComparison.Ordinal);
            Assert.Contains("without a string \"type\"", warnings, StringComparison.Ordinal);
            Assert.Contains(client.Id, warnings, StringComparison.Ordinal);
            Assert.DoesNotContain(TestEmulator.ApiKey, warnings, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_stream_that_starts_like_a_wav_header_but_is_malformed_is_audio_at_once()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var format = ToneAudioFormat.Pcm16();
            // RIFF....WAVE, then a fmt chunk too short to describe any format.
            var header = new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'A', (byte)'V', (byte)'E',
                (byte)'f', (byte)'m', (byte)'t', (byte)' ', 4, 0, 0, 0, 1, 0, 1, 0, (byte)'d', (byte)'a', (byte)'t', (byte)'a', 0, 0, 0, 0 };
            Assert.Equal(ToneWavHeaderStatus.Malformed, ToneWavHeader.Probe(header, out _, out _, out _));
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(format));

            await client.SendBinaryAsync(header);
            await client.WaitForAckAsync(header.Length);
            await client.StopAndWaitForCloseAsync();

            var session = emulator.FindSession(client.Id)!;
            Assert.Equal(0, session.HeaderBytes);
            Assert.Equal(header.Length, session.KeptBytes);
            Assert.Equal(header.Length, client.LastAckEnd);
        }

        [Fact]
        public async Task A_wav_header_with_a_long_metadata_chunk_is_held_until_complete_then_stripped()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var format = ToneAudioFormat.Pcm16(8000);
            var signal = ToneSignalWriter.Synthesize(new[] { "hotel" }, format.SampleRate);
            var wav = ToneSignalWriter.ToWav(signal, format);
            Assert.True(ToneWavHeader.TryParse(wav, out var plainHeader, out _));
            var raw = ToneSignalWriter.Encode(signal, format);

            // Insert a 100 000-byte LIST chunk before the data chunk: longer than any fixed look-ahead.
            var list = new byte[8 + 100_000];
            "LIST"u8.CopyTo(list);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(list.AsSpan(4), 100_000);
            var dataChunk = plainHeader - 8;
            var stream = wav.AsSpan(0, dataChunk).ToArray().Concat(list).Concat(wav.AsSpan(dataChunk).ToArray()).ToArray();
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(format));

            await client.SendAudioAsync(stream, 16_000);
            await client.WaitForAckAsync(raw.Length);
            await client.StopAndWaitForCloseAsync();

            var session = emulator.FindSession(client.Id)!;
            Assert.Equal(plainHeader + list.Length, session.HeaderBytes);
            Assert.Equal(raw.Length, session.KeptBytes);
            Assert.Equal("hotel", client.Transcript());
        }

        [Fact]
        public async Task Client_close_1000_counts_as_stop_and_results_come_from_get()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var format = ToneAudioFormat.Pcm16();
            var (_, audio) = TestAudio.Phrase(format, "tango uniform|victor");
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(format));

            await client.SendAudioAsync(audio, 6400);
            await client.WaitForAckAsync(audio.Length);
            var before = client.Messages.Count;
            await client.CloseAsync();
            await client.WaitForDisconnectAsync();

            var session = emulator.FindSession(client.Id)!;
            await session.Completion.WaitAsync(TestEmulator.Timeout);
            Assert.Equal("ClientClose", session.EndReason);
            Assert.DoesNotContain(client.Messages.Skip(before), m => (string?)m["type"] is "end_recording" or "post_transcript" or "end_session");
            var job = await TestEmulator.GetJsonAsync(http, $"/v2/live/{client.Id}");
            Assert.Equal("done", (string)job["status"]!);
            Assert.Equal("tango uniform victor", (string)job["result"]!["transcription"]!["full_transcript"]!);
        }

        [Fact]
        public async Task Get_reports_processing_while_the_session_is_open()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(ToneAudioFormat.Pcm16()));

            var job = await TestEmulator.GetJsonAsync(http, $"/v2/live/{client.Id}");

            Assert.Equal("processing", (string)job["status"]!);
            Assert.Null(job["result"]);
            Assert.Null(job["completed_at"]);
            Assert.Equal(16000, (int)job["request_params"]!["sample_rate"]!);
        }

        [Fact]
        public async Task Unknown_token_is_refused()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var socket = new ClientWebSocket();
            var url = new Uri($"ws://127.0.0.1:{emulator.BaseUrl.Port}/v2/live/ws?token=not-a-token");

            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(url, default).WaitAsync(TestEmulator.Timeout));
        }

        [Fact]
        public async Task A_frame_over_1_MiB_is_refused_with_close_1009_and_the_session_goes_on()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var format = ToneAudioFormat.Pcm16();
            var (_, audio) = TestAudio.Phrase(format, "whiskey xray");
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(format));

            await client.SendBinaryAsync(new byte[1024 * 1024 + 2]);
            await client.WaitForDisconnectAsync();
            Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.LastCloseStatus);

            await client.ConnectAsync();
            await client.SendAudioAsync(audio, 1024 * 1024);
            await client.StopAndWaitForCloseAsync();

            Assert.Equal("whiskey xray", client.Transcript());
            var session = emulator.FindSession(client.Id)!;
            Assert.Equal(audio.Length, session.KeptBytes);
            Assert.Equal(1024 * 1024 + 2, session.DiscardedBytes);
        }
    }
}
