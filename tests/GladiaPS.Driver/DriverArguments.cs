using System;
using System.Collections.Generic;
using GladiaPS.CommandLine;

namespace GladiaPS.Driver
{
    /// <summary>The driver's command line: <c>--api-url URL --api-key KEY [--pace realtime|max] [--chunk-ms N] [--json-chunks] [--language CODE] [--reconnect-budget N] FILE...</c></summary>
    internal sealed class DriverArguments
    {
        public const string Usage =
            "usage: GladiaPS.Driver --api-url URL --api-key KEY [--pace realtime|max] [--chunk-ms N] [--json-chunks] [--language CODE] [--reconnect-budget N] FILE...";

        public Uri ApiUrl { get; private set; } = null!;

        public string ApiKey { get; private set; } = string.Empty;

        public bool RealTime { get; private set; }

        public int ChunkMilliseconds { get; private set; } = 100;

        public bool JsonChunks { get; private set; }

        public string? Language { get; private set; }

        /// <summary>Connection attempts in a row without progress before a session gives up; null for the core's default (40).</summary>
        public int? ReconnectBudget { get; private set; }

        public List<string> Files { get; } = new List<string>();

        /// <exception cref="ArgumentException">Names the argument and the problem.</exception>
        public static DriverArguments Parse(IReadOnlyList<string> args)
        {
            var arguments = new CommandLineArguments(args, 0, "--json-chunks");
            arguments.RefuseUnknown("--api-url", "--api-key", "--pace", "--chunk-ms", "--json-chunks", "--language", "--reconnect-budget");
            var parsed = new DriverArguments
            {
                RealTime = arguments.Value("--pace") switch
                {
                    null or "max" => false,
                    "realtime" => true,
                    var pace => throw new ArgumentException("--pace must be 'realtime' or 'max', not '" + pace + "'."),
                },
                ChunkMilliseconds = arguments.Int("--chunk-ms", 1, 10_000, "milliseconds") ?? 100,
                JsonChunks = arguments.Has("--json-chunks"),
                Language = arguments.Value("--language"),
                ReconnectBudget = arguments.Int("--reconnect-budget", 1, 1000, "attempts"),
            };
            parsed.Files.AddRange(arguments.Positionals);

            var url = arguments.Value("--api-url") ?? throw new ArgumentException("--api-url is required.");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var apiUrl) ||
                (apiUrl.Scheme != "http" && apiUrl.Scheme != "https" && apiUrl.Scheme != "ws" && apiUrl.Scheme != "wss"))
            {
                throw new ArgumentException("--api-url must be an absolute http, https, ws or wss URL, not '" + url + "'.");
            }

            var key = arguments.Value("--api-key");
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException("--api-key is required.");
            }

            if (parsed.Files.Count == 0)
            {
                throw new ArgumentException("At least one FILE is required.");
            }

            parsed.ApiUrl = apiUrl;
            parsed.ApiKey = key!;
            return parsed;
        }
    }
}
