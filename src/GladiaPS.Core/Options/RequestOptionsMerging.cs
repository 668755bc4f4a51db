using System.Collections;
using System.Text.Json.Nodes;

namespace GladiaPS.Core.Options
{
    /// <summary>
    /// Options from plain dictionaries (a PowerShell hashtable), for callers that must not touch JSON types
    /// themselves, such as the module, whose JSON library is isolated from the host's. For either kind of body.
    /// </summary>
    public static class RequestOptionsMerging
    {
        /// <summary>
        /// A copy of <paramref name="options"/> with <paramref name="fields"/> merged into its body at any depth:
        /// nested dictionaries merge into the typed sections (<c>realtime_processing</c>…), other values replace what
        /// is there, and fields the client does not know are kept and sent as they are.
        /// </summary>
        /// <exception cref="GladiaValidationException">A value cannot be represented in JSON, or the result does not fit a typed field.</exception>
        public static TOptions WithFields<TOptions>(this TOptions options, IDictionary fields, string path = "options")
            where TOptions : TranscriptionRequestOptions<TOptions>
        {
            var body = options.ToJsonObject();
            Merge(body, JsonValues.ToJsonObject(fields, path));
            try
            {
                return options.Read(body);
            }
            catch (System.Text.Json.JsonException exception)
            {
                throw new GladiaValidationException(path, path + ": a field does not have the shape the API expects (" + exception.Message + ")");
            }
        }

        internal static void Merge(JsonObject target, JsonObject source)
        {
            foreach (var field in source)
            {
                if (field.Value is JsonObject nested && target[field.Key] is JsonObject existing)
                {
                    Merge(existing, nested);
                }
                else
                {
                    target[field.Key] = field.Value?.DeepClone();
                }
            }
        }
    }
}
