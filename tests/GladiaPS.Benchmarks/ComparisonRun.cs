using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Ffmpeg;

namespace GladiaPS.Benchmarks
{
    /// <summary>Runs both conversions of the same input side by side, each as its own process pinned to one core
    /// under /usr/bin/time -v, and prints the commands and a table.</summary>
    internal static class ComparisonRun
    {
        public static async Task<int> RunAsync(BenchmarkArguments options)
        {
            var directory = options.Directory ?? Path.Combine(Path.GetTempPath(), "gladiaps-benchmark");
            Directory.CreateDirectory(directory);
            var input = Path.Combine(directory, "in.wav");
            var ours = Path.Combine(directory, "gladiaps.raw");
            var theirs = Path.Combine(directory, "ffmpeg.raw");
            try
            {
                Console.WriteLine($"machine: {Environment.ProcessorCount} cores (nproc), {CpuModel()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
                var generate = Stopwatch.StartNew();
                await InputGenerator.WriteAsync(input, options.Seconds);
                Console.WriteLine($"input: {options.Seconds} s of 48 kHz stereo float ({new FileInfo(input).Length / 1048576.0:F0} MiB), written in {generate.Elapsed.TotalSeconds:F0} s");

                var self = typeof(Program).Assembly.Location;
                var rows = new List<string>();
                var oursCommand = $"taskset -c 0 dotnet {self} convert {input} {ours}";
                var oursResult = Measure(oursCommand);
                rows.Add(Row("GladiaPS pipeline", options.Seconds, oursResult));
                Console.WriteLine($"gladiaps: {oursCommand}");
                Console.WriteLine($"  {oursResult.StandardOutput.Trim()}");

                // The same run with a 4 MiB gen0 budget: what is left is what the pipeline holds, not garbage awaiting a GC.
                var boundedResult = Measure(oursCommand, ("DOTNET_GCgen0size", "0x400000"));
                rows.Add(Row("GladiaPS pipeline, DOTNET_GCgen0size=0x400000", options.Seconds, boundedResult));
                Console.WriteLine($"gladiaps with DOTNET_GCgen0size=0x400000: {oursCommand}");
                Console.WriteLine($"  {boundedResult.StandardOutput.Trim()}");

                var ffmpeg = FfmpegLocator.TryFind();
                if (ffmpeg is not null)
                {
                    var ffmpegCommand = $"taskset -c 0 {ffmpeg} -nostdin -loglevel error -y -threads 1 -i {input} -ac 1 -ar 16000 -f s16le {theirs}";
                    var ffmpegResult = Measure(ffmpegCommand);
                    rows.Add(Row("ffmpeg (swresample)", options.Seconds, ffmpegResult));
                    Console.WriteLine($"ffmpeg: {ffmpegCommand}");
                    Console.WriteLine($"  output_bytes={new FileInfo(theirs).Length}");
                }
                else
                {
                    Console.WriteLine("ffmpeg: not found on PATH; no comparison.");
                }

                Console.WriteLine();
                Console.WriteLine("| converter | wall s | user+sys CPU s | × real time (wall) | peak RSS MiB |");
                Console.WriteLine("|---|---|---|---|---|");
                rows.ForEach(Console.WriteLine);
                return 0;
            }
            finally
            {
                foreach (var file in new[] { input, ours, theirs })
                {
                    if (File.Exists(file))
                    {
                        File.Delete(file);
                    }
                }
            }
        }

        private static string Row(string name, int seconds, Measurement m) => string.Format(CultureInfo.InvariantCulture,
            "| {0} | {1:F2} | {2:F2} | {3:F0} | {4:F1} |", name, m.WallSeconds, m.CpuSeconds, seconds / m.WallSeconds, m.PeakRssKb / 1024.0);

        private static Measurement Measure(string command, params (string Name, string Value)[] environment)
        {
            var start = new ProcessStartInfo("/usr/bin/time", "-v " + command)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'{command}' failed: {errors}");
            }

            return new Measurement(
                ParseClock(Field(errors, "Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)")),
                double.Parse(Field(errors, "User time \\(seconds\\)"), CultureInfo.InvariantCulture) +
                double.Parse(Field(errors, "System time \\(seconds\\)"), CultureInfo.InvariantCulture),
                long.Parse(Field(errors, "Maximum resident set size \\(kbytes\\)"), CultureInfo.InvariantCulture),
                output.Result);
        }

        private static string Field(string text, string name)
        {
            var match = Regex.Match(text, "\\s" + name + ": (.+)");
            return match.Success ? match.Groups[1].Value.Trim() : throw new InvalidOperationException($"no '{name}' in /usr/bin/time output");
        }

        private static double ParseClock(string value)
        {
            double seconds = 0;
            foreach (var part in value.Split(':'))
            {
                seconds = seconds * 60 + double.Parse(part, CultureInfo.InvariantCulture);
            }

            return seconds;
        }

        private static string CpuModel()
        {
            try
            {
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal))
                    {
                        return line.Substring(line.IndexOf(':') + 1).Trim();
                    }
                }
            }
            catch (IOException)
            {
            }

            return "unknown CPU";
        }

        private sealed record Measurement(double WallSeconds, double CpuSeconds, long PeakRssKb, string StandardOutput);
    }
}
