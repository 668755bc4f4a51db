using System.Collections;

namespace GladiaPS.Core.Options
{
    /// <summary>Pre-recorded options from plain dictionaries (a PowerShell hashtable), as <see cref="LiveSessionOptionsMerging"/> does for live.</summary>
    public static class PreRecordedOptionsMerging
    {
        /// <summary>Sets <c>custom_metadata</c> from a dictionary; null clears it.</summary>
        /// <exception cref="GladiaValidationException">A value cannot be represented in JSON; names <paramref name="path"/>.</exception>
        public static void SetCustomMetadata(this PreRecordedOptions options, IDictionary? metadata, string path = "custom_metadata") =>
            options.CustomMetadata = metadata is null ? null : JsonValues.ToJsonObject(metadata, path);

        /// <summary>A copy of <paramref name="options"/> with <paramref name="fields"/> merged into its body at any depth; unknown fields are kept.</summary>
        /// <exception cref="GladiaValidationException">A value cannot be represented in JSON, or the result does not fit a typed field.</exception>
        public static PreRecordedOptions WithFields(this PreRecordedOptions options, IDictionary fields, string path = "options")
        {
            var body = options.ToJsonObject();
            LiveSessionOptionsMerging.Merge(body, JsonValues.ToJsonObject(fields, path));
            try
            {
                return PreRecordedOptions.FromJson(body.ToJsonString());
            }
            catch (System.Text.Json.JsonException exception)
            {
                throw new GladiaValidationException(path, path + ": a field does not have the shape the API expects (" + exception.Message + ")");
            }
        }
    }
}
