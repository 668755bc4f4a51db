using System;
using System.Threading.Tasks;

namespace GladiaPS.Benchmarks
{
    /// <summary>
    /// Audio pipeline benchmark. Commands:
    ///   all [--seconds N] [--dir D]   generate the input, convert it with GladiaPS and with ffmpeg (each pinned to
    ///                                  one core, under /usr/bin/time -v) and print a comparison table;
    ///   generate FILE [--seconds N]   write a 48 kHz stereo 32-bit float WAV of tone words, streamed;
    ///   convert IN OUT                 convert a WAV to 16 kHz mono 16-bit raw with the GladiaPS pipeline;
    ///   session-memory URL KEY MINUTES stream MINUTES of tone words into one live session and print what it retains;
    ///   resampler [--seconds N]        the core's resampler beside NAudio's WdlResamplingSampleProvider: speed and response.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            if (args.Length == 0)
            {
                Console.Error.WriteLine("usage: GladiaPS.Benchmarks all [--seconds N] [--dir D] | generate FILE [--seconds N] | convert IN OUT | session-memory URL KEY MINUTES | resampler [--seconds N]");
                return 2;
            }

            var options = new BenchmarkArguments(args);
            switch (args[0])
            {
                case "generate":
                    await InputGenerator.WriteAsync(options.Positional(1), options.Seconds).ConfigureAwait(false);
                    return 0;
                case "convert":
                    await PipelineConversion.RunAsync(options.Positional(1), options.Positional(2)).ConfigureAwait(false);
                    return 0;
                case "session-memory":
                    return await SessionMemory.RunAsync(options.Positional(1), options.Positional(2),
                        int.Parse(options.Positional(3), System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
                case "resampler":
                    return await ResamplerComparison.RunAsync(options.HasSeconds ? options.Seconds : 600).ConfigureAwait(false);
                case "all":
                    return await ComparisonRun.RunAsync(options).ConfigureAwait(false);
                default:
                    Console.Error.WriteLine($"unknown command '{args[0]}'");
                    return 2;
            }
        }
    }
}
