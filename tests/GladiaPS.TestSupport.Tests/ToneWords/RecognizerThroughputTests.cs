using System;
using System.Diagnostics;
using System.Linq;
using GladiaPS.TestSupport.ToneWords;
using Xunit;
using Xunit.Abstractions;

namespace GladiaPS.TestSupport.Tests.ToneWords
{
    /// <summary>
    /// Streams a long recording through the recogniser as a server would and prints the speed (not asserted:
    /// timings on a shared machine vary). What is asserted: every utterance is recognised, and the memory the
    /// recogniser allocates does not grow with the stream's length.
    /// </summary>
    public class RecognizerThroughputTests
    {
        private readonly ITestOutputHelper output;

        public RecognizerThroughputTests(ITestOutputHelper output) => this.output = output;

        [Fact]
        public void SeveralMinutesOfSixteenKilohertzMonoStreamAtFullSpeed()
        {
            // About 40 s of speech-like tone words, streamed ten times over in 100 ms packets.
            string minute = string.Join(" | ", Enumerable.Range(0, 24).Select(i =>
                string.Join(" ", Enumerable.Range(0, 4).Select(j => ToneVocabulary.Words[((i * 4) + j) % ToneVocabulary.Count]))));
            var format = ToneAudioFormat.Pcm16(16000);
            ToneClip clip = ToneAudio.Generate(format, minute);
            const int Repeats = 10;
            int packet = format.ByteRate / 10;

            var recognizer = new ToneRecognizer(format);
            int finals = 0;
            long allocatedAfterFirstPass = 0;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            for (int r = 0; r < Repeats; r++)
            {
                for (int offset = 0; offset < clip.Raw.Length; offset += packet)
                {
                    int length = Math.Min(packet, clip.Raw.Length - offset);
                    finals += recognizer.Feed(clip.Raw.AsSpan(offset, length)).OfType<FinalUtterance>().Count();
                }

                if (r == 0)
                {
                    allocatedAfterFirstPass = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                }
            }

            finals += recognizer.Complete().OfType<FinalUtterance>().Count();
            stopwatch.Stop();
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            long allocatedTotal = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

            double audioSeconds = recognizer.SecondsProcessed;
            output.WriteLine(
                $"{audioSeconds:F0} s of 16 kHz mono in {stopwatch.Elapsed.TotalSeconds:F2} s: " +
                $"{audioSeconds / stopwatch.Elapsed.TotalSeconds:F0}x real time (process CPU {cpu.TotalSeconds:F2} s: " +
                $"{audioSeconds / Math.Max(cpu.TotalSeconds, 1e-3):F0}x real time per core); allocated {allocatedTotal / 1024} KiB " +
                $"({allocatedAfterFirstPass / 1024} KiB in the first pass).");

            Assert.Equal(24 * Repeats, finals);
            Assert.Equal(clip.Duration * Repeats, audioSeconds, 6);

            // Allocation is per event, not per sample: ten times the audio allocates about ten times the events' worth,
            // far below the audio's own size (the streamed audio is 13 MB).
            Assert.True(allocatedTotal < 12 * Math.Max(allocatedAfterFirstPass, 64 * 1024),
                $"Allocated {allocatedTotal} bytes for ten passes, {allocatedAfterFirstPass} for the first.");
        }
    }
}
