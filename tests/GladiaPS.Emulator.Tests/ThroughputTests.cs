using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Emulator.Tests.Support;
using GladiaPS.TestSupport.ToneWords;
using Xunit;
using Xunit.Abstractions;

namespace GladiaPS.Emulator.Tests
{
    /// <summary>
    /// A client streaming 16 kHz mono at full speed: the server keeps up, recognises everything, and its memory does
    /// not grow with the session. The suite streams 5 minutes; set GLADIA_EMULATOR_BENCH_MINUTES=60 for the hour.
    /// </summary>
    [Collection(nameof(ThroughputTests))]
    public sealed class ThroughputTests(ITestOutputHelper output)
    {
        [Fact]
        public async Task Keeps_up_with_full_speed_streaming_in_bounded_memory()
        {
            var minutes = int.TryParse(Environment.GetEnvironmentVariable("GLADIA_EMULATOR_BENCH_MINUTES"), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 5;
            var format = ToneAudioFormat.Pcm16();
            // One minute of speech-like audio: utterances of three words, repeated.
            var phrase = string.Join("|", Enumerable.Range(0, 20).Select(i => string.Join(" ", ToneVocabulary.Words.Skip(i % 29).Take(3))));
            var signal = ToneSignalWriter.Synthesize(new[] { phrase }, format.SampleRate, new ToneSignalLayout { LeadingSilence = 0.5, TrailingSilence = 0.5, UtteranceGap = 2.2 });
            var minute = ToneSignalWriter.Encode(signal, format);
            Assert.InRange(minute.Length / (double)format.ByteRate, 55, 65);
            const int chunk = 3200;

            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            var init = TestAudio.Init(format, partials: true);
            var (_, created, _) = await TestEmulator.PostInitAsync(http, init.ToJsonString());
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri((string)created!["url"]!), default);
            var session = emulator.FindSession((string)created["id"]!)!;

            long total = (long)minute.Length * minutes;
            long lastAck = 0;
            var finals = 0;
            var receiver = Task.Run(async () =>
            {
                var buffer = new byte[1 << 16];
                while (true)
                {
                    var result = await socket.ReceiveAsync(buffer.AsMemory(), default);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    var count = result.Count;
                    while (!result.EndOfMessage)
                    {
                        if (count == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                        result = await socket.ReceiveAsync(buffer.AsMemory(count), default);
                        count += result.Count;
                    }

                    CountMessage(buffer.AsSpan(0, count), ref lastAck, ref finals);
                }
            });

            var clock = Stopwatch.StartNew();
            long baseline = 0;
            for (var i = 0; i < minutes; i++)
            {
                for (var offset = 0; offset < minute.Length; offset += chunk)
                    await socket.SendAsync(minute.AsMemory(offset, Math.Min(chunk, minute.Length - offset)), WebSocketMessageType.Binary, true, default);
                if (i == 0) baseline = HeapAfterCollection();
            }

            var sent = clock.Elapsed;
            await session.WaitUntilAsync(s => s.KeptBytes == total, TimeSpan.FromMinutes(10));
            var keptAll = clock.Elapsed;
            var heapAtEnd = HeapAfterCollection();
            await socket.SendAsync("{\"type\":\"stop_recording\"}"u8.ToArray(), WebSocketMessageType.Text, true, default);
            await receiver.WaitAsync(TimeSpan.FromMinutes(2));

            var audioSeconds = total / (double)format.ByteRate;
            output.WriteLine($"{minutes} min of audio ({total / 1e6:0.0} MB, {total / chunk} frames): sent in {sent.TotalSeconds:0.0} s, " +
                $"all kept in {keptAll.TotalSeconds:0.0} s ({audioSeconds / keptAll.TotalSeconds:0}x real time); " +
                $"managed heap after minute 1: {baseline / 1e6:0.0} MB, at the end: {heapAtEnd / 1e6:0.0} MB");

            Assert.Equal(total, Interlocked.Read(ref lastAck));
            var utterancesPerMinute = signal.Phrases.Count > 0 ? phrase.Split('|').Length : 0;
            Assert.Equal(utterancesPerMinute * minutes, session.FinalUtterances.Count);
            Assert.Equal(utterancesPerMinute * minutes, finals);
            Assert.True(audioSeconds / keptAll.TotalSeconds > 10, "the server processes audio at least 10 times faster than real time");
            Assert.True(heapAtEnd - baseline < 32_000_000, $"managed heap grew by {(heapAtEnd - baseline) / 1e6:0.0} MB over the session");
        }

        private static long HeapAfterCollection()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return GC.GetTotalMemory(true);
        }

        private static void CountMessage(ReadOnlySpan<byte> json, ref long lastAck, ref int finals)
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var type = root.GetProperty("type").GetString();
            if (type == "audio_chunk") Interlocked.Exchange(ref lastAck, root.GetProperty("data").GetProperty("byte_range")[1].GetInt64());
            else if (type == "transcript" && root.GetProperty("data").GetProperty("is_final").GetBoolean()) finals++;
        }
    }
}
