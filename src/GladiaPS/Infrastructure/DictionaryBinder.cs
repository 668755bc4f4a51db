using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using GladiaPS.Core.Options;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// Sets an options object's properties from a hashtable whose keys are either the property names
    /// (ReceivePartialTranscripts) or the wire names (receive_partial_transcripts).
    /// </summary>
    internal static class DictionaryBinder
    {
        /// <exception cref="GladiaValidationException">An unknown key or a value of the wrong type; names the parameter and the key.</exception>
        public static void Apply(IDictionary values, object target, string parameterName)
        {
            var properties = target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .ToDictionary(p => Normalize(p.Name), StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in values)
            {
                var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                if (!properties.TryGetValue(Normalize(key), out var property))
                {
                    throw new GladiaValidationException(parameterName,
                        $"-{parameterName}: '{key}' is not a field here; use one of {string.Join(", ", properties.Values.Select(p => p.Name))}.");
                }

                try
                {
                    property.SetValue(target, ConvertValue(entry.Value, property.PropertyType));
                }
                catch (Exception exception) when (exception is InvalidCastException or FormatException or OverflowException or ArgumentException or PSInvalidCastException)
                {
                    throw new GladiaValidationException(parameterName,
                        $"-{parameterName}: '{key}' takes a {Describe(property.PropertyType)}; {exception.Message}");
                }
            }
        }

        private static object? ConvertValue(object? value, Type type)
        {
            value = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (value is null)
            {
                return null;
            }

            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (underlying == typeof(bool) && value is string text)
            {
                // PowerShell would take any non-empty string, 'false' included, as true.
                return bool.TryParse(text.Trim(), out var flag)
                    ? flag
                    : throw new FormatException("'" + text + "' is neither true nor false");
            }

            if (underlying == typeof(Uri))
            {
                return value as Uri ?? new Uri(Convert.ToString(value, CultureInfo.InvariantCulture)!, UriKind.Absolute);
            }

            if (underlying.IsGenericType && typeof(IEnumerable).IsAssignableFrom(underlying) && underlying.GetGenericArguments()[0] == typeof(string))
            {
                var items = value is string single ? new[] { single } : ((IEnumerable)value).Cast<object?>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty);
                return items.ToList();
            }

            return LanguagePrimitives.ConvertTo(value, underlying, CultureInfo.InvariantCulture);
        }

        private static string Describe(Type type)
        {
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            return underlying == typeof(bool) ? "boolean ($true or $false)"
                : underlying == typeof(double) ? "number"
                : underlying == typeof(Uri) ? "absolute URL"
                : typeof(IEnumerable<string>).IsAssignableFrom(underlying) ? "list of strings"
                : underlying.Name;
        }

        private static string Normalize(string name) => name.Replace("_", string.Empty).Replace("-", string.Empty);
    }
}
