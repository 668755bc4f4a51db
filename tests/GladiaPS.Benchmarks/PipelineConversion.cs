using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using GladiaPS.Core.Audio.Dsp;
using GladiaPS.Core.Audio.Streaming;

namespace GladiaPS.Benchmarks
{
    /// <summary>Converts a WAV to 16 kHz mono 16-bit with the GladiaPS pipeline, the way a send would: WAV reader,
    /// down-mix, polyphase resampler, encoder, 100 ms chunks, written to a file. Prints one line of key=value.</summary>
    internal static class PipelineConversion
    {
        public static async Task RunAsync(string input, string output)
        {
            var target = new SessionAudioFormat(AudioEncoding.Pcm, 16, 16000, 1);
            var stopwatch = Stopwatch.StartNew();
            var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            long bytes = 0;
            double audioSeconds;
            using (var source = await WavAudioSource.OpenAsync(input, null, CancellationToken.None))
            {
                audioSeconds = (double)(source.Info.DataLength ?? new FileInfo(input).Length) / source.Format.BlockAlign / source.Format.SampleRate;
                using var chunker = new AudioChunker(AudioConverter.ToSessionLayout(source, target), target);
                await using var file = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                var buffer = new byte[chunker.BytesPerChunk];
                while (true)
                {
                    var length = await chunker.ReadChunkAsync(buffer, CancellationToken.None);
                    if (length == 0)
                    {
                        break;
                    }

                    await file.WriteAsync(buffer.AsMemory(0, length));
                    bytes += length;
                }
            }

            stopwatch.Stop();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime - cpuStart;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "audio_seconds={0:F1} wall_seconds={1:F2} cpu_seconds={2:F2} realtime_x={3:F0} output_bytes={4} gen0={5} gen1={6} gen2={7} " +
                "allocated_mb={8:F1} peak_working_set_mb={9:F1} heap_mb={10:F1}",
                audioSeconds, stopwatch.Elapsed.TotalSeconds, cpu.TotalSeconds, audioSeconds / stopwatch.Elapsed.TotalSeconds, bytes,
                GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes() / 1048576.0,
                process.PeakWorkingSet64 / 1048576.0, GC.GetTotalMemory(false) / 1048576.0));
        }
    }
}
