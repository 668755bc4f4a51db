using System.Collections;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GladiaPS.Core.Options
{
    /// <summary>The body of a request that starts a transcription, whatever its kind (the walkers stop at such a root).</summary>
    internal interface IRequestBodyRoot
    {
    }

    /// <summary>
    /// What a live session's init body and a pre-recorded job's body share: extra top-level fields for options the API
    /// adds later, the body as JSON (unset fields left out, extra fields merged at every depth), reading a body back
    /// with nothing dropped, and a deep copy. Each kind declares its own typed fields and rules.
    /// </summary>
    /// <typeparam name="TSelf">The kind of body.</typeparam>
    public abstract class TranscriptionRequestOptions<TSelf> : IRequestBodyRoot
        where TSelf : TranscriptionRequestOptions<TSelf>
    {
        private protected TranscriptionRequestOptions()
        {
        }

        /// <summary>
        /// Extra top-level fields merged into the body as they are. A name that is also a typed field
        /// is refused by <c>Validate</c> and <see cref="ToJson"/>.
        /// </summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary>The body's <c>custom_metadata</c>, which each kind declares where its wire order puts it.</summary>
        private protected abstract JsonObject? Metadata { get; set; }

        /// <summary>The body's source-generated serialisation.</summary>
        private protected abstract JsonTypeInfo<TSelf> TypeInfo { get; }

        /// <summary>The wire names of the typed top-level fields.</summary>
        private protected abstract ICollection<string> TypedFieldNames { get; }

        /// <summary>Checks every set field against the API's rules.</summary>
        /// <exception cref="GladiaValidationException">The first problem found; <see cref="GladiaValidationException.Field"/> is its wire path.</exception>
        public abstract void Validate();

        /// <summary>
        /// Values in listed fields (languages, models, summary types…) that this version does not know. <c>Validate</c>
        /// lets them through, since Gladia adds values over time; show these as warnings.
        /// </summary>
        public abstract IReadOnlyList<GladiaUnknownValue> FindUnknownValues();

        /// <summary>Sets <c>custom_metadata</c> from a plain dictionary (a PowerShell hashtable); null clears it.</summary>
        /// <exception cref="GladiaValidationException">A value cannot be represented in JSON; names <paramref name="path"/>.</exception>
        public void SetCustomMetadata(IDictionary? metadata, string path = "custom_metadata") =>
            Metadata = metadata is null ? null : JsonValues.ToJsonObject(metadata, path);

        /// <summary>The body as JSON: snake_case, unset fields left out, additional fields merged.</summary>
        /// <exception cref="GladiaValidationException">An additional field clashes with a typed one.</exception>
        public string ToJson() => ToJsonObject().ToJsonString();

        /// <summary>The body as a mutable JSON object.</summary>
        /// <exception cref="GladiaValidationException">An additional field clashes with a typed one.</exception>
        public JsonObject ToJsonObject()
        {
            LiveSessionOptionsValidator.ValidateAdditionalFields(AdditionalFields, TypedFieldNames);
            LiveSessionOptionsValidator.ValidateNestedAdditionalFields(this, string.Empty);
            var body = TypedFieldsToJsonObject();
            NestedAdditionalFields.MergeInto(this, body);
            if (AdditionalFields != null)
            {
                foreach (var field in AdditionalFields)
                {
                    body[field.Key] = field.Value?.DeepClone();
                }
            }

            return body;
        }

        /// <summary>A deep copy, additional fields included (at every depth).</summary>
        public TSelf Clone()
        {
            var copy = TypedFieldsToJsonObject().Deserialize(TypeInfo)!;
            NestedAdditionalFields.Copy(this, copy);
            copy.AdditionalFields = (JsonObject?)AdditionalFields?.DeepClone();
            return copy;
        }

        /// <summary>A body of the same kind read from <paramref name="node"/>, fields without a typed property kept in their object's <c>AdditionalFields</c>.</summary>
        /// <exception cref="JsonException">The node does not have this body's shape.</exception>
        internal TSelf Read(JsonObject node) => Read(node, TypeInfo, TypedFieldNames);

        /// <summary>Reads a body; fields without a typed property land in the <c>AdditionalFields</c> of their object, at any depth.</summary>
        /// <exception cref="JsonException">The text is not a JSON object of this shape.</exception>
        private protected static TSelf Read(string json, JsonTypeInfo<TSelf> typeInfo, ICollection<string> typedFields, string what)
        {
            var node = JsonNode.Parse(json) as JsonObject ?? throw new JsonException(what + " must be a JSON object.");
            return Read(node, typeInfo, typedFields);
        }

        private static TSelf Read(JsonObject node, JsonTypeInfo<TSelf> typeInfo, ICollection<string> typedFields)
        {
            var options = node.Deserialize(typeInfo) ?? throw new JsonException("The body must be a JSON object.");
            NestedAdditionalFields.CollectFrom(node, options);
            foreach (var field in node)
            {
                if (!typedFields.Contains(field.Key))
                {
                    options.AdditionalFields ??= new JsonObject();
                    options.AdditionalFields[field.Key] = field.Value?.DeepClone();
                }
            }

            return options;
        }

        private JsonObject TypedFieldsToJsonObject() => JsonSerializer.SerializeToNode((TSelf)this, TypeInfo)!.AsObject();
    }
}
