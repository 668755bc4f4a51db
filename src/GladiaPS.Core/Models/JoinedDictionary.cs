using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GladiaPS.Core.Models
{
    /// <summary>
    /// A JSON object as a string-keyed dictionary whose string form is its pairs, <c>key=value; key=value</c>: what a
    /// CSV column shows for custom metadata instead of the dictionary's type name.
    /// </summary>
    public sealed class JoinedDictionary : Dictionary<string, object?>
    {
        public JoinedDictionary()
            : base(StringComparer.Ordinal)
        {
        }

        public override string ToString() => string.Join("; ", this.Select(pair => pair.Key + "=" + Format(pair.Value)));

        private static string Format(object? value) => value switch
        {
            null => string.Empty,
            string text => text,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            object?[] items => "[" + string.Join(", ", items.Select(Format)) + "]",
            JoinedDictionary nested => "{" + nested + "}",
            _ => value.ToString() ?? string.Empty,
        };
    }
}
