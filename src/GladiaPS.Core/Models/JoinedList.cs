using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace GladiaPS.Core.Models
{
    /// <summary>
    /// A read-only list whose string form is its items' own, joined: what a CSV column (Export-Csv calls ToString()),
    /// a string interpolation or a log line shows instead of the list's type name. Serializers still see a list.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    public sealed class JoinedList<T> : ReadOnlyCollection<T>
    {
        private readonly string _separator;

        public JoinedList(IList<T> items, string separator)
            : base(items ?? throw new ArgumentNullException(nameof(items)))
        {
            _separator = separator ?? throw new ArgumentNullException(nameof(separator));
        }

        /// <summary>A list without items (its string form is empty).</summary>
        public static JoinedList<T> Empty { get; } = new JoinedList<T>(Array.Empty<T>(), string.Empty);

        public override string ToString() => string.Join(_separator, this.Select(item => item?.ToString()));
    }

    /// <summary>Makes <see cref="JoinedList{T}"/>s.</summary>
    public static class JoinedList
    {
        /// <summary>Words, as the sentence they make.</summary>
        public const string WordSeparator = " ";

        /// <summary>Values such as languages.</summary>
        public const string ValueSeparator = ", ";

        /// <summary>Items that hold text of their own (utterances, entities, answers).</summary>
        public const string ItemSeparator = "; ";

        /// <summary>The items as a joined list (a joined list as it is); an empty one for null.</summary>
        public static JoinedList<T> Of<T>(IEnumerable<T>? items, string separator) =>
            items is JoinedList<T> joined ? joined
            : items is null ? JoinedList<T>.Empty
            : new JoinedList<T>(items.ToList(), separator);
    }
}
