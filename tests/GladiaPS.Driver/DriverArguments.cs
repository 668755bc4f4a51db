using System;
using System.Collections.Generic;
using System.Globalization;

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
            var parsed = new DriverArguments();
            string? url = null;
            string? key = null;
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                switch (arg)
                {
                    case "--api-url":
                        url = Value(args, ref i, arg);
                        break;
                    case "--api-key":
                        key = Value(args, ref i, arg);
                        break;
                    case "--pace":
                        var pace = Value(args, ref i, arg);
                        parsed.RealTime = pace switch
                        {
                            "realtime" => true,
                            "max" => false,
                            _ => throw new ArgumentException("--pace must be 'realtime' or 'max', not '" + pace + "'."),
                        };
                        break;
                    case "--chunk-ms":
                        var text = Value(args, ref i, arg);
                        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms < 1 || ms > 10_000)
                        {
                            throw new ArgumentException("--chunk-ms must be a whole number of milliseconds from 1 to 10000, not '" + text + "'.");
                        }

                        parsed.ChunkMilliseconds = ms;
                        break;
                    case "--json-chunks":
                        parsed.JsonChunks = true;
                        break;
                    case "--language":
                        parsed.Language = Value(args, ref i, arg);
                        break;
                    case "--reconnect-budget":
                        var budget = Value(args, ref i, arg);
                        if (!int.TryParse(budget, NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) || attempts < 1 || attempts > 1000)
                        {
                            throw new ArgumentException("--reconnect-budget must be a whole number of attempts from 1 to 1000, not '" + budget + "'.");
                        }

                        parsed.ReconnectBudget = attempts;
                        break;
                    default:
                        if (arg.StartsWith("--", StringComparison.Ordinal))
                        {
                            throw new ArgumentException("Unknown option '" + arg + "'.");
                        }

                        parsed.Files.Add(arg);
                        break;
                }
            }

            if (url is null)
            {
                throw new ArgumentException("--api-url is required.");
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var apiUrl) ||
                (apiUrl.Scheme != "http" && apiUrl.Scheme != "https" && apiUrl.Scheme != "ws" && apiUrl.Scheme != "wss"))
            {
                throw new ArgumentException("--api-url must be an absolute http, https, ws or wss URL, not '" + url + "'.");
            }

            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException("--api-key is required.");
            }

            if (parsed.Files.Count == 0)
            {
                throw new ArgumentException("At least one FILE is required.");
            }

            parsed.ApiUrl = apiUrl;
            parsed.ApiKey = key;
            return parsed;
        }

        private static string Value(IReadOnlyList<string> args, ref int i, string name)
        {
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException(name + " needs a value.");
            }

            return args[++i];
        }
    }
}
