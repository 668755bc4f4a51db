using System;
using System.Collections.Generic;
using System.Globalization;

namespace GladiaPS.Perf
{
    /// <summary>--name value options and positional arguments; a flag followed by another option or nothing is "true".</summary>
    internal sealed class Arguments
    {
        private readonly Dictionary<string, string> options = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly List<string> positional = new List<string>();

        public Arguments(IReadOnlyList<string> args, int start)
        {
            for (var i = start; i < args.Count; i++)
            {
                if (args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                    options[args[i]] = hasValue ? args[++i] : "true";
                }
                else
                {
                    positional.Add(args[i]);
                }
            }
        }

        public bool Has(string name) => options.ContainsKey(name);

        public string Value(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;

        public string Required(string name) =>
            options.TryGetValue(name, out var v) ? v : throw new ArgumentException(name + " is required");

        public long Long(string name, long fallback) =>
            options.TryGetValue(name, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;

        public int Int(string name, int fallback) => (int)Long(name, fallback);

        public int[] Ints(string name, int[] fallback)
        {
            if (!options.TryGetValue(name, out var v))
            {
                return fallback;
            }

            var parts = v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return Array.ConvertAll(parts, p => int.Parse(p, CultureInfo.InvariantCulture));
        }

        public string[] List(string name, string[] fallback) =>
            options.TryGetValue(name, out var v) ? v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : fallback;

        public string Positional(int index) =>
            index < positional.Count ? positional[index] : throw new ArgumentException("argument " + (index + 1) + " is missing");
    }
}
