using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>
    /// Reads JSON the way the API's documented discrepancies require: a field may be missing, null, of
    /// another JSON type, or a number written as a string. Nothing here throws; a value that cannot be
    /// read is reported as absent.
    /// </summary>
    internal static class TolerantJson
    {
        public static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value))
            {
                return true;
            }

            value = default;
            return false;
        }

        public static JsonElement? GetObject(JsonElement element, string name) =>
            TryGetProperty(element, name, out var value) && value.ValueKind == JsonValueKind.Object ? value : (JsonElement?)null;

        public static JsonElement? GetArray(JsonElement element, string name) =>
            TryGetProperty(element, name, out var value) && value.ValueKind == JsonValueKind.Array ? value : (JsonElement?)null;

        public static string? GetString(JsonElement element, string name) =>
            TryGetProperty(element, name, out var value) ? AsString(value) : null;

        /// <summary>A string value as is; a number or boolean as its JSON text; null and containers as null.</summary>
        public static string? AsString(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };

        public static double? GetDouble(JsonElement element, string name) =>
            TryGetProperty(element, name, out var value) ? AsDouble(value) : null;

        public static double? AsDouble(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
            {
                return number;
            }

            if (value.ValueKind == JsonValueKind.String &&
                double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }

            return null;
        }

        /// <summary>The most seconds a time on the wire may say, either way (about 115 days): far past any session, far below what overflows a TimeSpan.</summary>
        public const double MaxSeconds = 1e7;

        /// <summary>
        /// A time in seconds: null when missing or not a number (malformed fields are left empty); a number that is not finite
        /// or is beyond <see cref="MaxSeconds"/> makes the whole message invalid (<see cref="FormatException"/>), since every
        /// later use of it (a subtitle, a TimeSpan, an offset) would overflow or lie.
        /// </summary>
        /// <exception cref="FormatException">The time is NaN, infinite or out of range.</exception>
        public static double? GetSeconds(JsonElement element, string name)
        {
            if (!TryGetProperty(element, name, out var value))
            {
                return null;
            }

            double seconds;
            if (value.ValueKind == JsonValueKind.Number)
            {
                if (!value.TryGetDouble(out seconds))
                {
                    seconds = double.PositiveInfinity;
                }
            }
            else if (value.ValueKind != JsonValueKind.String ||
                     !double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
            {
                return null;
            }

            if (double.IsNaN(seconds) || double.IsInfinity(seconds) || Math.Abs(seconds) > MaxSeconds)
            {
                var raw = value.GetRawText();
                throw new FormatException(string.Format(CultureInfo.InvariantCulture,
                    "'{0}' is {1}: a time must be a finite number of seconds within ±{2:0}.", name, raw.Length > 40 ? raw.Substring(0, 40) + "…" : raw, MaxSeconds));
            }

            return seconds;
        }

        public static long? GetInt64(JsonElement element, string name) =>
            TryGetProperty(element, name, out var value) ? AsInt64(value) : null;

        public static long? AsInt64(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Number)
            {
                if (value.TryGetInt64(out var integer))
                {
                    return integer;
                }

                if (value.TryGetDouble(out var number) && IsWhole(number))
                {
                    return (long)number;
                }

                return null;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                var text = value.GetString();
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
                {
                    return integer;
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && IsWhole(number))
                {
                    return (long)number;
                }
            }

            return null;
        }

        public static int? GetInt32(JsonElement element, string name)
        {
            var value = GetInt64(element, name);
            return value is >= int.MinValue and <= int.MaxValue ? (int)value.Value : null;
        }

        public static bool? GetBoolean(JsonElement element, string name)
        {
            if (!TryGetProperty(element, name, out var value))
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed,
                JsonValueKind.Number when value.TryGetInt64(out var number) && (number == 0 || number == 1) => number == 1,
                _ => null,
            };
        }

        public static DateTimeOffset? GetTimestamp(JsonElement element, string name) => ParseTimestamp(GetString(element, name));

        /// <summary>
        /// An API timestamp (ISO 8601), or null when absent or unreadable. Examples carry timestamps with and
        /// without fractions and offsets; a time without an offset is UTC.
        /// </summary>
        public static DateTimeOffset? ParseTimestamp(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            return DateTimeOffset.TryParse(
                text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : null;
        }

        /// <summary>A string or number field as text (a number as its JSON text); anything else, or absent, is null.</summary>
        public static string? GetScalarText(JsonElement element, string name) =>
            TryGetProperty(element, name, out var value) && (value.ValueKind == JsonValueKind.String || value.ValueKind == JsonValueKind.Number)
                ? AsString(value)
                : null;

        /// <summary>The raw JSON text of a field that is present and not null, else null.</summary>
        public static string? GetRawText(JsonElement element, string name) =>
            TryGetProperty(element, name, out var value) && value.ValueKind != JsonValueKind.Null && value.ValueKind != JsonValueKind.Undefined
                ? value.GetRawText()
                : null;

        /// <summary>The strings of an array field, as a list whose string form joins them with ", ".</summary>
        public static IReadOnlyList<string> GetStringList(JsonElement element, string name)
        {
            var array = GetArray(element, name);
            if (array is null)
            {
                return JoinedList<string>.Empty;
            }

            var list = new List<string>();
            foreach (var item in array.Value.EnumerateArray())
            {
                var text = AsString(item);
                if (text is not null)
                {
                    list.Add(text);
                }
            }

            return new JoinedList<string>(list, JoinedList.ValueSeparator);
        }

        /// <summary>The objects of an array field, read by <paramref name="read"/>, as a list whose string form joins theirs.</summary>
        public static IReadOnlyList<T> GetObjectList<T>(JsonElement element, string name, Func<JsonElement, T> read, string separator = JoinedList.ItemSeparator)
        {
            var array = GetArray(element, name);
            return array is null ? JoinedList<T>.Empty : ReadObjects(array.Value, read, separator);
        }

        public static IReadOnlyList<T> ReadObjects<T>(JsonElement array, Func<JsonElement, T> read, string separator = JoinedList.ItemSeparator)
        {
            var list = new List<T>();
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    list.Add(read(item));
                }
            }

            return new JoinedList<T>(list, separator);
        }

        /// <summary>
        /// Converts JSON into plain .NET values PowerShell shows naturally: objects become ordered
        /// string-keyed dictionaries, arrays become object arrays, numbers become long or double.
        /// </summary>
        public static object? ToPlainValue(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    var dictionary = new JoinedDictionary();
                    foreach (var property in value.EnumerateObject())
                    {
                        dictionary[property.Name] = ToPlainValue(property.Value);
                    }

                    return dictionary;
                case JsonValueKind.Array:
                    var items = new List<object?>();
                    foreach (var item in value.EnumerateArray())
                    {
                        items.Add(ToPlainValue(item));
                    }

                    return items.ToArray();
                case JsonValueKind.String:
                    return value.GetString();
                case JsonValueKind.Number:
                    return value.TryGetInt64(out var integer) ? (object)integer : value.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        public static IReadOnlyDictionary<string, object?>? GetPlainObject(JsonElement element, string name)
        {
            var obj = GetObject(element, name);
            return obj is null ? null : (IReadOnlyDictionary<string, object?>?)ToPlainValue(obj.Value);
        }

        /// <summary>Parses text into a document, or null when it is not JSON.</summary>
        public static JsonDocument? TryParseDocument(string json)
        {
            try
            {
                return JsonDocument.Parse(json);
            }
            catch (JsonException)
            {
                return null;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private static bool IsWhole(double number) =>
            !double.IsNaN(number) && !double.IsInfinity(number) && Math.Floor(number) == number &&
            number >= long.MinValue && number <= long.MaxValue;
    }
}
