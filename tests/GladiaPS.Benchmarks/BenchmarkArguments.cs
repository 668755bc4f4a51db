using System;
using System.Collections.Generic;
using System.Globalization;

namespace GladiaPS.Benchmarks
{
    /// <summary>The command line: positional arguments plus --seconds and --dir.</summary>
    internal sealed class BenchmarkArguments
    {
        private readonly List<string> positional = new();

        public BenchmarkArguments(string[] args)
        {
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--seconds":
                        Seconds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    case "--dir":
                        Directory = args[++i];
                        break;
                    default:
                        positional.Add(args[i]);
                        break;
                }
            }
        }

        public int Seconds { get; } = 3600;

        public string? Directory { get; }

        public string Positional(int index) =>
            index < positional.Count ? positional[index] : throw new ArgumentException($"argument {index} is missing");
    }
}
