using System;
using System.Collections.Generic;
using System.Linq;

namespace GladiaPS.Core.Options
{
    /// <summary>
    /// A value this version does not know in a field whose values Gladia lists (a language, a model, a summary type…).
    /// It is sent as given: Gladia adds values over time, and the server's answer names the field when one is really wrong.
    /// </summary>
    public sealed class GladiaUnknownValue
    {
        public GladiaUnknownValue(string field, string value)
        {
            Field = field ?? throw new ArgumentNullException(nameof(field));
            Value = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>The wire name of the field, with its index in a list (e.g. <c>language_config.languages[1]</c>).</summary>
        public string Field { get; }

        public string Value { get; }

        /// <summary>What to tell a user, without the field: the caller names it as the user typed it.</summary>
        public string Problem => "'" + Value + "' is not a value this version knows; sent as given.";

        public override string ToString() => Field + ": " + Problem;

        /// <summary>Adds a notice to <paramref name="into"/> when <paramref name="value"/> is not one of <paramref name="known"/> (ordinal).</summary>
        public static void Check(string field, string? value, IEnumerable<string> known, ICollection<GladiaUnknownValue> into)
        {
            if (value is not null && !known.Contains(value, StringComparer.Ordinal))
            {
                into.Add(new GladiaUnknownValue(field, value));
            }
        }
    }
}
