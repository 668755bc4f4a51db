using System;
using System.Collections.Generic;
using GladiaPS.CommandLine;

namespace GladiaPS.Benchmarks
{
    /// <summary>The command line: positional arguments (the command first) plus --seconds and --dir.</summary>
    internal sealed class BenchmarkArguments
    {
        private readonly CommandLineArguments _arguments;

        /// <exception cref="ArgumentException">An unknown option, or one without its value.</exception>
        public BenchmarkArguments(IReadOnlyList<string> args)
        {
            _arguments = new CommandLineArguments(args);
            _arguments.RefuseUnknown("--seconds", "--dir");
            Seconds = _arguments.Int("--seconds", 3600);
            Directory = _arguments.Value("--dir");
        }

        public int Seconds { get; }

        /// <summary>True when --seconds was given.</summary>
        public bool HasSeconds => _arguments.Has("--seconds");

        public string? Directory { get; }

        public string Positional(int index) => _arguments.Positional(index);
    }
}
