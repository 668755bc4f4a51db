using System;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>
    /// A live job as <c>GET /v2/live/{id}</c> and the list endpoint return it (§9.1). Parsing tolerates
    /// every documented discrepancy: <c>error_code</c> as number, numeric string or null; nullable
    /// <c>file</c> and <c>request_params</c>; either result shape. The full JSON stays in <see cref="GladiaJob.Raw"/>.
    /// </summary>
    public sealed class LiveJob : GladiaJob
    {
        internal const string NotAnObject = "The live job is not a JSON object.";

        public string? CustomMetadataJson { get; internal set; }

        public string? RequestParamsJson { get; internal set; }

        public string? PostSessionMetadataJson { get; internal set; }

        public LiveJobFile? File { get; internal set; }

        public LiveResult? Result { get; internal set; }

        /// <summary>Reads a job from its JSON text; throws <see cref="FormatException"/> when it is not a JSON object, or a time in it is not finite or in range.</summary>
        public static LiveJob Parse(string json)
        {
            using var document = json is null ? null : TolerantJson.TryParseDocument(json);
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException(NotAnObject);
            }

            return FromJson(document.RootElement);
        }

        public static bool TryParse(string? json, out LiveJob job) => TryParse(json, FromJson, new LiveJob(), out job);

        /// <summary>Reads a job from a JSON object; missing or malformed fields are left empty.</summary>
        /// <exception cref="FormatException">A time in it is NaN, infinite or out of range.</exception>
        public static LiveJob FromJson(JsonElement element)
        {
            var job = new LiveJob();
            if (job.ReadHeader(element))
            {
                job.CustomMetadataJson = TolerantJson.GetRawText(element, "custom_metadata");
                job.RequestParamsJson = TolerantJson.GetRawText(element, "request_params");
                job.PostSessionMetadataJson = TolerantJson.GetRawText(element, "post_session_metadata");
                job.File = TolerantJson.GetObject(element, "file") is { } file ? LiveJobFile.FromJson(file) : null;
                job.Result = TolerantJson.GetObject(element, "result") is { } result ? LiveResult.FromJson(result) : null;
            }

            return job;
        }
    }
}
