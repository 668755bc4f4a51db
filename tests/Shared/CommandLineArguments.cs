using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GladiaPS.CommandLine
{
    /// <summary>
    /// The command line of the test tools (the driver, the benchmarks, the perf harness): <c>--name value</c> options,
    /// <c>--flag</c> switches that take no value, and positional arguments. One source file, compiled into each tool
    /// (the perf harness takes no project references). Errors are <see cref="ArgumentException"/>s that name the argument.
    /// </summary>
    internal sealed class CommandLineArguments
    {
        private readonly Dictionary<string, string> _options = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly List<string> _positional = new List<string>();

        /// <param name="args">The arguments.</param>
        /// <param name="start">The first argument to read (after a command name, say).</param>
        /// <param name="flags">The names that take no value; every other <c>--name</c> takes the argument after it.</param>
        /// <exception cref="ArgumentException">An option without its value.</exception>
        public CommandLineArguments(IReadOnlyList<string> args, int start = 0, params string[] flags)
        {
            for (var i = start; i < args.Count; i++)
            {
                var arg = args[i];
                if (!arg.StartsWith("--", StringComparison.Ordinal))
                {
                    _positional.Add(arg);
                }
                else if (flags.Contains(arg, StringComparer.Ordinal))
                {
                    _options[arg] = "true";
                }
                else if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException(arg + " needs a value.");
                }
                else
                {
                    _options[arg] = args[++i];
                }
            }
        }

        /// <summary>The positional arguments, in order.</summary>
        public IReadOnlyList<string> Positionals => _positional;

        public bool Has(string name) => _options.ContainsKey(name);

        public string? Value(string name) => _options.TryGetValue(name, out var value) ? value : null;

        public string Value(string name, string fallback) => Value(name) ?? fallback;

        /// <exception cref="ArgumentException">The option is not given.</exception>
        public string Required(string name) => Value(name) ?? throw new ArgumentException(name + " is required.");

        /// <exception cref="FormatException">The value is not a whole number.</exception>
        public long Long(string name, long fallback) => Value(name) is { } value ? long.Parse(value, CultureInfo.InvariantCulture) : fallback;

        /// <exception cref="FormatException">The value is not a whole number.</exception>
        public int Int(string name, int fallback) => (int)Long(name, fallback);

        /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or null when the option is not given.</summary>
        /// <exception cref="ArgumentException">The value is not such a number; names the option, the range and the value.</exception>
        public int? Int(string name, int min, int max, string unit)
        {
            if (Value(name) is not { } text)
            {
                return null;
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                throw new ArgumentException($"{name} must be a whole number of {unit} from {min} to {max}, not '{text}'.");
            }

            return value;
        }

        public int[] Ints(string name, int[] fallback) =>
            Value(name) is { } value ? Array.ConvertAll(Split(value), p => int.Parse(p, CultureInfo.InvariantCulture)) : fallback;

        public string[] List(string name, string[] fallback) => Value(name) is { } value ? Split(value) : fallback;

        /// <exception cref="ArgumentException">There are fewer positional arguments.</exception>
        public string Positional(int index) =>
            index < _positional.Count ? _positional[index] : throw new ArgumentException("argument " + (index + 1) + " is missing.");

        /// <summary>Refuses any option but <paramref name="known"/>.</summary>
        /// <exception cref="ArgumentException">Names the first unknown option.</exception>
        public void RefuseUnknown(params string[] known)
        {
            var unknown = _options.Keys.FirstOrDefault(name => !known.Contains(name, StringComparer.Ordinal));
            if (unknown is not null)
            {
                throw new ArgumentException("Unknown option '" + unknown + "'.");
            }
        }

        private static string[] Split(string value) =>
            value.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
    }
}
