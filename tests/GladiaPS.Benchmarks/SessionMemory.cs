using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using GladiaPS.Core.Configuration;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Benchmarks
{
    /// <summary>
    /// What a live session retains as its stream gets longer. Streams MINUTES of 16 kHz mono tone words at full
    /// speed into one session and, after each minute of audio is queued, measures the managed memory still
    /// reachable (a full, compacting collection first), so that memory the GC has not yet bothered to collect
    /// does not count. Also prints the process's peak working set and the bytes allocated in all.
    /// </summary>
    internal static class SessionMemory
    {
        private const int SampleRate = 16000;

        public static async Task<int> RunAsync(string apiUrl, string apiKey, int minutes)
        {
            var format = ToneAudioFormat.Pcm16(SampleRate);
            // One minute of audio, the same words every minute: 19 two-word utterances.
            var minute = ToneAudio.Generate(format, MinutePhrase()).Raw;
            Array.Resize(ref minute, SampleRate * 2 * 60);

            using var client = new GladiaRestClient(new GladiaClientSettings { ApiKey = apiKey, BaseUrl = new Uri(apiUrl) });
            var options = new LiveSessionOptions { SampleRate = SampleRate, BitDepth = 16, Channels = 1 };
            await using var session = await GladiaLiveSession.StartAsync(client, options).ConfigureAwait(false);

            var finals = 0;
            var reader = Task.Run(async () =>
            {
                await foreach (var message in session.ReadMessagesAsync().ConfigureAwait(false))
                {
                    if (message is TranscriptMessage { IsFinal: true })
                    {
                        finals++;
                    }
                }
            });

            var clock = Stopwatch.StartNew();
            long maxRetained = 0;
            var chunk = SampleRate * 2 / 10;
            for (var m = 0; m < minutes; m++)
            {
                for (var offset = 0; offset < minute.Length; offset += chunk)
                {
                    await session.SendAudioAsync(new ReadOnlyMemory<byte>(minute, offset, chunk)).ConfigureAwait(false);
                }

                maxRetained = Math.Max(maxRetained, Retained());
            }

            await session.StopRecordingAsync().ConfigureAwait(false);
            var outcome = await session.WaitForEndAsync().ConfigureAwait(false);
            await reader.ConfigureAwait(false);
            var afterResults = Retained();

            using var process = Process.GetCurrentProcess();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "minutes {0} | finals {1} (expected {2}) | outcome {3} | {4:0.0} s | retained while streaming, max {5:0.0} MiB | retained after the results {6:0.0} MiB | allocated {7:0.0} MiB | peak working set {8:0.0} MiB",
                minutes, finals, 19 * minutes, outcome.Reason, clock.Elapsed.TotalSeconds, maxRetained / 1048576.0, afterResults / 1048576.0,
                GC.GetTotalAllocatedBytes() / 1048576.0, process.PeakWorkingSet64 / 1048576.0));
            return outcome.Succeeded && finals == 19 * minutes ? 0 : 1;
        }

        private static long Retained()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            return GC.GetTotalMemory(forceFullCollection: true);
        }

        private static string MinutePhrase()
        {
            var words = ToneVocabulary.Words;
            var utterances = new string[19];
            for (var i = 0; i < utterances.Length; i++)
            {
                utterances[i] = words[(2 * i) % words.Count] + " " + words[(2 * i + 1) % words.Count];
            }

            return string.Join(" | ", utterances);
        }
    }
}
