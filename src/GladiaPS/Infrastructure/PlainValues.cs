using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// Values as PowerShell hands them over, made plain for JSON: a value that came from a command
    /// (<c>@{ batch = (Get-Date -Format yyyy-MM-dd) }</c>, <c>@{ n = $n }</c> after <c>$n = Write-Output x</c>) arrives
    /// wrapped in a <see cref="PSObject"/> at any depth of a hashtable or array. Dates stay dates; the JSON writer
    /// sends them as ISO 8601.
    /// </summary>
    internal static class PlainValues
    {
        // Deeper than the JSON writer accepts: what is left wrapped there is refused by it with its own message.
        private const int MaxDepth = 70;

        /// <summary>A copy of <paramref name="value"/> with every <see cref="PSObject"/> unwrapped, dictionaries and arrays at every depth.</summary>
        public static object? Unwrap(object? value) => Unwrap(value, 0);

        /// <summary>A copy of <paramref name="dictionary"/> (keys in the same order) with every value unwrapped; null stays null.</summary>
        public static IDictionary? Unwrap(IDictionary? dictionary) => dictionary is null ? null : (IDictionary)Unwrap((object)dictionary, 0)!;

        private static object? Unwrap(object? value, int depth)
        {
            if (value is PSObject wrapped)
            {
                value = wrapped.BaseObject is PSCustomObject ? Properties(wrapped) : wrapped.BaseObject;
            }

            if (depth > MaxDepth)
            {
                return value;
            }

            switch (value)
            {
                case IDictionary dictionary:
                    var copy = new OrderedDictionary(dictionary.Count);
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        copy[Unwrap(entry.Key, depth + 1) ?? string.Empty] = Unwrap(entry.Value, depth + 1);
                    }

                    return copy;
                case string:
                    return value;
                case IList list:
                    var items = new object?[list.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = Unwrap(list[i], depth + 1);
                    }

                    return items;
                default:
                    return value;
            }
        }

        // [pscustomobject]@{ a = 1 } is a hashtable written another way.
        private static IDictionary Properties(PSObject custom)
        {
            var fields = new OrderedDictionary();
            foreach (var property in custom.Properties)
            {
                fields[property.Name] = property.Value;
            }

            return fields;
        }
    }
}
