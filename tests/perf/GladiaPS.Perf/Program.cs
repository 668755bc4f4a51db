using System;
using System.Threading.Tasks;
using GladiaPS.CommandLine;

namespace GladiaPS.Perf
{
    /// <summary>
    /// Commands:
    ///   run [options]                  the side-by-side run (see Harness; tests/perf/run.sh builds everything and calls this);
    ///   bare --api-url URL --api-key KEY [--window BYTES] [--pace max|realtime] FILE   the bare ClientWebSocket client;
    ///   tone FILE SECONDS [--rate R] [--kind pcm16-mono|pcm16-stereo|float32-stereo]      write a tone-word WAV file.
    /// </summary>
    internal static class Program
    {
        private static async Task<int> Main(string[] args)
        {
            if (args.Length == 0)
            {
                Console.Error.WriteLine("usage: GladiaPS.Perf run [options] | bare ... FILE | tone FILE SECONDS [--rate R] [--kind K]");
                return 2;
            }

            try
            {
                var arguments = new CommandLineArguments(args, 1);
                switch (args[0])
                {
                    case "bare":
                        return await BareClient.RunAsync(arguments).ConfigureAwait(false);
                    case "tone":
                        var kind = arguments.Value("--kind", "pcm16-mono") switch
                        {
                            "pcm16-stereo" => ToneFiles.Kind.Pcm16Stereo,
                            "float32-stereo" => ToneFiles.Kind.Float32Stereo,
                            _ => ToneFiles.Kind.Pcm16Mono,
                        };
                        ToneFiles.Write(arguments.Positional(0), int.Parse(arguments.Positional(1), System.Globalization.CultureInfo.InvariantCulture),
                            arguments.Int("--rate", 16000), kind);
                        return 0;
                    case "run":
                        return await new Harness(arguments).RunAsync().ConfigureAwait(false);
                    default:
                        Console.Error.WriteLine("unknown command '" + args[0] + "'");
                        return 2;
                }
            }
            catch (ArgumentException exception)
            {
                Console.Error.WriteLine("GladiaPS.Perf: " + exception.Message);
                return 2;
            }
        }
    }
}
