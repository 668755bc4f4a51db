using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary>
    /// The <c>AdditionalFields</c> of the init body's nested objects (<c>pre_processing</c>,
    /// <c>custom_vocabulary_config</c>, …): read from JSON, written back into it, and copied, by walking
    /// the typed objects and the JSON side by side. Vocabulary entries carry theirs through their converter.
    /// </summary>
    internal static class NestedAdditionalFields
    {
        private static readonly ConcurrentDictionary<Type, Shape> Shapes = new ConcurrentDictionary<Type, Shape>();

        /// <summary>Puts every field of <paramref name="json"/> without a typed property into its object's <c>AdditionalFields</c>.</summary>
        public static void CollectFrom(JsonObject json, object options) => Walk(json, options, collect: true, root: true);

        /// <summary>Writes every nested <c>AdditionalFields</c> into the serialised <paramref name="body"/>.</summary>
        public static void MergeInto(object options, JsonObject body) => Walk(body, options, collect: false, root: true);

        /// <summary>Deep-copies every nested <c>AdditionalFields</c> of <paramref name="from"/> onto the same objects of <paramref name="to"/>.</summary>
        public static void Copy(object from, object to)
        {
            var shape = ShapeOf(from.GetType());
            if (shape.AdditionalFields is { } additional && !(from is IRequestBodyRoot))
            {
                additional.SetValue(to, (additional.GetValue(from) as JsonObject)?.DeepClone());
            }

            foreach (var property in shape.Typed.Values)
            {
                var a = property.GetValue(from);
                var b = property.GetValue(to);
                if (a is null || b is null)
                {
                    continue;
                }

                if (IsWalked(a.GetType()) && a.GetType() == b.GetType())
                {
                    Copy(a, b);
                }
                else if (a is IList left && b is IList right && left.Count == right.Count)
                {
                    for (var i = 0; i < left.Count; i++)
                    {
                        if (left[i] is { } x && right[i] is { } y && IsWalked(x.GetType()) && x.GetType() == y.GetType())
                        {
                            Copy(x, y);
                        }
                    }
                }
            }
        }

        private static void Walk(JsonObject json, object typed, bool collect, bool root)
        {
            var shape = ShapeOf(typed.GetType());
            if (!root && shape.AdditionalFields is { } additional)
            {
                if (collect)
                {
                    JsonObject? extra = null;
                    foreach (var field in json)
                    {
                        if (!shape.Typed.ContainsKey(field.Key))
                        {
                            extra ??= new JsonObject();
                            extra[field.Key] = field.Value?.DeepClone();
                        }
                    }

                    if (extra != null)
                    {
                        additional.SetValue(typed, extra);
                    }
                }
                else if (additional.GetValue(typed) is JsonObject extra)
                {
                    foreach (var field in extra)
                    {
                        json[field.Key] = field.Value?.DeepClone();
                    }
                }
            }

            foreach (var pair in shape.Typed)
            {
                var name = pair.Key;
                var value = pair.Value.GetValue(typed);
                if (value is null || !json.TryGetPropertyValue(name, out var child) || child is null)
                {
                    continue;
                }

                if (IsWalked(value.GetType()) && child is JsonObject childObject)
                {
                    Walk(childObject, value, collect, root: false);
                }
                else if (value is IList items && child is JsonArray array && items.Count == array.Count)
                {
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (items[i] is { } item && IsWalked(item.GetType()) && array[i] is JsonObject itemObject)
                        {
                            Walk(itemObject, item, collect, root: false);
                        }
                    }
                }
            }
        }

        /// <summary>The option classes walked into: classes of this namespace, but not vocabulary entries (their converter does it).</summary>
        private static bool IsWalked(Type type) =>
            type.IsClass && type.Namespace == typeof(LiveSessionOptions).Namespace && type != typeof(CustomVocabularyEntry) && type != typeof(string);

        private static Shape ShapeOf(Type type) => Shapes.GetOrAdd(type, t =>
        {
            var properties = t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
            var typed = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
            foreach (var property in properties)
            {
                if (property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name is { } name)
                {
                    typed[name] = property;
                }
            }

            var additional = properties.FirstOrDefault(p => p.Name == "AdditionalFields" && p.PropertyType == typeof(JsonObject) && p.CanWrite);
            return new Shape(typed, additional);
        });

        private sealed class Shape
        {
            public Shape(Dictionary<string, PropertyInfo> typed, PropertyInfo? additionalFields)
            {
                Typed = typed;
                AdditionalFields = additionalFields;
            }

            public Dictionary<string, PropertyInfo> Typed { get; }

            public PropertyInfo? AdditionalFields { get; }
        }
    }
}
