using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Dsp;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace GladiaPS.Benchmarks
{
    /// <summary>
    /// The core's resampler (PolyphaseResampler, behind AudioConverter.ToLayout) beside NAudio 2.2.1's
    /// WdlResamplingSampleProvider (NAudio.Core), and the same WDL engine in its sinc mode, on the same input:
    ///   speed: 48 kHz stereo float tone words (one minute of the benchmark's input, looped) to 16 kHz mono, the
    ///          down-mix first in both (AudioConverter; StereoToMonoSampleProvider), samples summed and dropped, CPU time
    ///          of this thread, alternating the two, several passes;
    ///   quality: 48 kHz mono sines at amplitude 0.5 to 16 kHz; the gain in dB from the RMS of the middle second of the
    ///          output (passband: flatness up to 7 kHz; stopband: anything that comes out of a tone above 8 kHz is an alias).
    /// </summary>
    internal static class ResamplerComparison
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        public static async Task<int> RunAsync(int seconds)
        {
            // One minute of the benchmark's input (tone words with a little noise), held in memory and looped.
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gladiaps-resampler-" + Environment.ProcessId + ".wav");
            await InputGenerator.WriteAsync(path, 60).ConfigureAwait(false);
            float[] minute;
            using (var reader = new WaveFileReader(path))
            {
                var provider = reader.ToSampleProvider();
                minute = new float[reader.SampleCount * reader.WaveFormat.Channels];
                var n = 0;
                while (n < minute.Length)
                {
                    var r = provider.Read(minute, n, minute.Length - n);
                    if (r == 0)
                    {
                        break;
                    }

                    n += r;
                }
            }

            System.IO.File.Delete(path);
            Console.WriteLine(string.Format(Inv, "input: {0} s of 48 kHz stereo float tone words (one minute looped), to 16 kHz mono; one thread", seconds));
            Console.WriteLine("pass  resampler            cpu_s   wall_s  x_realtime  output_frames");
            var ours = new List<double>();
            var wdl = new List<double>();
            var sinc = new List<double>();
            for (var pass = 1; pass <= 3; pass++)
            {
                ours.Add(await TimeAsync("GladiaPS polyphase", pass, seconds, () => OursAsync(minute, seconds)).ConfigureAwait(false));
                wdl.Add(await TimeAsync("NAudio WDL", pass, seconds, () => Task.FromResult(Wdl(minute, seconds))).ConfigureAwait(false));
                sinc.Add(await TimeAsync("NAudio WDL sinc", pass, seconds, () => Task.FromResult(Wdl(minute, seconds, sinc: true))).ConfigureAwait(false));
            }

            ours.Sort();
            wdl.Sort();
            sinc.Sort();
            Console.WriteLine(string.Format(Inv, "median x real time: GladiaPS {0:F0}, NAudio WDL (the provider) {1:F0}, NAudio WDL sinc {2:F0}",
                seconds / ours[1], seconds / wdl[1], seconds / sinc[1]));

            Console.WriteLine();
            Console.WriteLine("frequency_hz  gladiaps_gain_db  naudio_wdl_gain_db  naudio_wdl_sinc_gain_db");
            var frequencies = new[] { 100, 1000, 3000, 5000, 6000, 7000, 7200, 7500, 7800, 8200, 8500, 9000, 10000, 12000, 16000, 20000, 23000 };
            foreach (var f in frequencies)
            {
                var input = Sine(f, 48000, 3);
                var a = await GainOursAsync(input).ConfigureAwait(false);
                var b = GainWdl(input);
                var c = GainWdl(input, sinc: true);
                Console.WriteLine(string.Format(Inv, "{0,12}  {1,16:F4}  {2,18:F4}  {3,23:F4}", f, a, b, c));
            }

            return 0;
        }

        private static async Task<double> TimeAsync(string name, int pass, int seconds, Func<Task<long>> run)
        {
            var cpu = CurrentThreadCpu();
            var wall = Stopwatch.StartNew();
            var frames = await run().ConfigureAwait(false);
            var used = CurrentThreadCpu() - cpu;
            // The core's reads complete synchronously from memory, so the whole conversion runs on this thread.
            Console.WriteLine(string.Format(Inv, "{0,4}  {1,-19} {2,6:F2}  {3,7:F2}  {4,10:F0}  {5}", pass, name, used, wall.Elapsed.TotalSeconds, seconds / used, frames));
            return used;
        }

        private static double CurrentThreadCpu()
        {
            // getrusage(RUSAGE_THREAD) on Linux; elsewhere the process's time (run pinned to one core either way).
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                var usage = new RUsage();
                if (getrusage(1, ref usage) == 0)
                {
                    return usage.UserSec + usage.UserUsec / 1e6 + usage.SysSec + usage.SysUsec / 1e6;
                }
            }

            return Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct RUsage
        {
            public long UserSec;
            public long UserUsec;
            public long SysSec;
            public long SysUsec;
            [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
            public long[] Rest;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int getrusage(int who, ref RUsage usage);

        // ------------------------------------------------------------ the core

        private sealed class LoopSource : IAudioSource
        {
            private readonly float[] samples;
            private long remaining;
            private int position;

            public LoopSource(float[] samples, int rate, int channels, long frames)
            {
                this.samples = samples;
                Format = new AudioFormat(SampleEncoding.Float, 32, rate, channels);
                remaining = frames * channels;
            }

            public AudioFormat Format { get; }

            public string? Name => null;

            public ValueTask<int> ReadAsync(Memory<float> buffer, CancellationToken cancellationToken)
            {
                var count = (int)Math.Min(remaining, buffer.Length - buffer.Length % Format.Channels);
                var written = 0;
                while (written < count)
                {
                    var n = Math.Min(count - written, samples.Length - position);
                    samples.AsSpan(position, n).CopyTo(buffer.Span.Slice(written));
                    written += n;
                    position = (position + n) % samples.Length;
                }

                remaining -= written;
                return new ValueTask<int>(written);
            }

            public void Dispose()
            {
            }
        }

        private static async Task<long> OursAsync(float[] minute, int seconds)
        {
            using var converted = AudioConverter.ToLayout(new LoopSource(minute, 48000, 2, 48000L * seconds), 16000, 1);
            var buffer = new float[1600];
            long frames = 0;
            float sum = 0;
            while (true)
            {
                var n = await converted.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                frames += n;
                sum += buffer[0];
            }

            GC.KeepAlive(sum);
            return frames;
        }

        private static async Task<float[]> ResampleOursAsync(float[] mono)
        {
            using var resampled = AudioConverter.ToLayout(new LoopSource(mono, 48000, 1, mono.Length), 16000, 1);
            var output = new List<float>(mono.Length / 3 + 16);
            var buffer = new float[1600];
            while (true)
            {
                var n = await resampled.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                output.AddRange(new ArraySegment<float>(buffer, 0, n));
            }

            return output.ToArray();
        }

        // ------------------------------------------------------------ NAudio

        private sealed class LoopProvider : ISampleProvider
        {
            private readonly float[] samples;
            private long remaining;
            private int position;

            public LoopProvider(float[] samples, int rate, int channels, long frames)
            {
                this.samples = samples;
                WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(rate, channels);
                remaining = frames * channels;
            }

            public WaveFormat WaveFormat { get; }

            public int Read(float[] buffer, int offset, int count)
            {
                count = (int)Math.Min(remaining, count);
                var written = 0;
                while (written < count)
                {
                    var n = Math.Min(count - written, samples.Length - position);
                    Array.Copy(samples, position, buffer, offset + written, n);
                    written += n;
                    position = (position + n) % samples.Length;
                }

                remaining -= written;
                return written;
            }
        }

        /// <summary>NAudio's WDL engine in its windowed-sinc mode (64 taps), which WdlResamplingSampleProvider does not use:
        /// the same Read loop as the provider, with SetMode(interp: true, filtercnt: 0, sinc: true, sinc_size: 64).</summary>
        private sealed class WdlSincProvider : ISampleProvider
        {
            private readonly ISampleProvider source;
            private readonly NAudio.Dsp.WdlResampler resampler = new NAudio.Dsp.WdlResampler();

            public WdlSincProvider(ISampleProvider source, int rate)
            {
                this.source = source;
                WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(rate, source.WaveFormat.Channels);
                resampler.SetMode(true, 0, true, 64);
                resampler.SetFilterParms();
                resampler.SetFeedMode(false);
                resampler.SetRates(source.WaveFormat.SampleRate, rate);
            }

            public WaveFormat WaveFormat { get; }

            public int Read(float[] buffer, int offset, int count)
            {
                var channels = WaveFormat.Channels;
                var frames = count / channels;
                var needed = resampler.ResamplePrepare(frames, channels, out var inBuffer, out var inOffset);
                var available = source.Read(inBuffer, inOffset, needed * channels) / channels;
                return resampler.ResampleOut(buffer, offset, available, frames, channels) * channels;
            }
        }

        private static ISampleProvider Naudio(ISampleProvider source, bool sinc) =>
            sinc ? new WdlSincProvider(source, 16000) : new WdlResamplingSampleProvider(source, 16000);

        private static long Wdl(float[] minute, int seconds, bool sinc = false)
        {
            var mono = new StereoToMonoSampleProvider(new LoopProvider(minute, 48000, 2, 48000L * seconds)) { LeftVolume = 0.5f, RightVolume = 0.5f };
            var resampler = Naudio(mono, sinc);
            var buffer = new float[1600];
            long frames = 0;
            float sum = 0;
            while (true)
            {
                var n = resampler.Read(buffer, 0, buffer.Length);
                if (n == 0)
                {
                    break;
                }

                frames += n;
                sum += buffer[0];
            }

            GC.KeepAlive(sum);
            return frames;
        }

        private static float[] ResampleWdl(float[] mono, bool sinc = false)
        {
            var resampler = Naudio(new LoopProvider(mono, 48000, 1, mono.Length), sinc);
            var output = new List<float>(mono.Length / 3 + 16);
            var buffer = new float[1600];
            while (true)
            {
                var n = resampler.Read(buffer, 0, buffer.Length);
                if (n == 0)
                {
                    break;
                }

                output.AddRange(new ArraySegment<float>(buffer, 0, n));
            }

            return output.ToArray();
        }

        // ------------------------------------------------------------ quality

        private static float[] Sine(double frequency, int rate, int seconds)
        {
            var samples = new float[rate * seconds];
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = (float)(0.5 * Math.Sin(2 * Math.PI * frequency * i / rate));
            }

            return samples;
        }

        private static async Task<double> GainOursAsync(float[] input) => Gain(await ResampleOursAsync(input).ConfigureAwait(false));

        private static double GainWdl(float[] input, bool sinc = false) => Gain(ResampleWdl(input, sinc));

        /// <summary>The RMS of the middle second (16 kHz) against the input's (amplitude 0.5), in dB.</summary>
        private static double Gain(float[] output)
        {
            double sum = 0;
            for (var i = 16000; i < 32000; i++)
            {
                sum += (double)output[i] * output[i];
            }

            var rms = Math.Sqrt(sum / 16000);
            return 20 * Math.Log10(Math.Max(rms, 1e-12) / (0.5 / Math.Sqrt(2)));
        }
    }
}
