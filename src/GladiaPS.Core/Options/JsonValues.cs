using System;
using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GladiaPS.Core.Options
{
    /// <summary>
    /// Turns plain .NET values (strings, numbers, booleans, dates, dictionaries such as a PowerShell
    /// hashtable, lists) into JSON nodes for <see cref="LiveSessionOptions.CustomMetadata"/> and
    /// <see cref="LiveSessionOptions.AdditionalFields"/>, without reflection-based serialisation.
    /// </summary>
    public static class JsonValues
    {
        private const int MaxDepth = 64;

        /// <summary>A JSON object from a dictionary; keys are converted with invariant culture.</summary>
        /// <param name="path">Field name used in error messages, e.g. <c>custom_metadata</c>.</param>
        /// <exception cref="GladiaValidationException">A value cannot be represented in JSON.</exception>
        public static JsonObject ToJsonObject(IDictionary dictionary, string path = "custom_metadata")
        {
            if (dictionary is null)
            {
                throw new ArgumentNullException(nameof(dictionary));
            }

            return (JsonObject)ToJsonNode(dictionary, path)!;
        }

        /// <summary>A JSON node for any supported value; null stays null.</summary>
        /// <exception cref="GladiaValidationException">A value cannot be represented in JSON.</exception>
        public static JsonNode? ToJsonNode(object? value, string path = "value") => Convert(value, path, 0);

        private static JsonNode? Convert(object? value, string path, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new GladiaValidationException(path, $"{path}: nested more than {MaxDepth} levels deep (a value that contains itself?).");
            }

            switch (value)
            {
                case null:
                    return null;
                case JsonNode node:
                    return node.DeepClone();
                case JsonElement element:
                    return element.ValueKind == JsonValueKind.Undefined ? null : JsonNode.Parse(element.GetRawText());
                case string s:
                    return JsonValue.Create(s);
                case char c:
                    return JsonValue.Create(c.ToString());
                case bool b:
                    return JsonValue.Create(b);
                case DateTime dt:
                    return JsonValue.Create(dt.ToString("o", CultureInfo.InvariantCulture));
                case DateTimeOffset dto:
                    return JsonValue.Create(dto.ToString("o", CultureInfo.InvariantCulture));
                case Guid g:
                    return JsonValue.Create(g.ToString());
                case Uri u:
                    return JsonValue.Create(u.OriginalString);
                case Enum e:
                    return JsonValue.Create(e.ToString());
                case double d:
                    return Finite(d, path);
                case float f:
                    return Finite(f, path);
                case decimal m:
                    return JsonValue.Create(m);
                case sbyte or byte or short or ushort or int:
                    return JsonValue.Create(System.Convert.ToInt32(value, CultureInfo.InvariantCulture));
                case uint or long:
                    return JsonValue.Create(System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
                case ulong ul:
                    return JsonValue.Create(ul);
                case IDictionary dictionary:
                    var obj = new JsonObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        var key = System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                        obj[key] = Convert(entry.Value, path + "." + key, depth + 1);
                    }

                    return obj;
                case IEnumerable sequence:
                    var array = new JsonArray();
                    var index = 0;
                    foreach (var item in sequence)
                    {
                        array.Add(Convert(item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", depth + 1));
                        index++;
                    }

                    return array;
                default:
                    throw new GladiaValidationException(path,
                        $"{path}: a value of type {value.GetType().Name} cannot be sent as JSON; use strings, numbers, booleans, dates, hashtables or arrays.");
            }
        }

        private static JsonNode Finite(double value, string path)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new GladiaValidationException(path, $"{path}: {value.ToString(CultureInfo.InvariantCulture)} is not a JSON number.");
            }

            return JsonValue.Create(value);
        }
    }
}
