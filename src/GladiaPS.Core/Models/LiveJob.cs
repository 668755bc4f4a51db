using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>
    /// A live job as <c>GET /v2/live/{id}</c> and the list endpoint return it (§9.1). Parsing tolerates
    /// every documented discrepancy: <c>error_code</c> as number, numeric string or null; nullable
    /// <c>file</c> and <c>request_params</c>; either result shape. The full JSON stays in <see cref="Raw"/>.
    /// </summary>
    public sealed class LiveJob
    {
        internal const string NotAnObject = "The live job is not a JSON object.";

        public string Id { get; internal set; } = string.Empty;

        public string? RequestId { get; internal set; }

        public int? Version { get; internal set; }

        /// <summary><c>queued</c>, <c>processing</c>, <c>done</c> or <c>error</c> (kept as sent, so later values pass through).</summary>
        public string Status { get; internal set; } = string.Empty;

        public string? Kind { get; internal set; }

        public DateTimeOffset? CreatedAt { get; internal set; }

        public DateTimeOffset? CompletedAt { get; internal set; }

        /// <summary>HTTP-style code when the job failed.</summary>
        public int? ErrorCode { get; internal set; }

        /// <summary>The metadata given at init, as plain dictionaries, arrays and values.</summary>
        public IReadOnlyDictionary<string, object?>? CustomMetadata { get; internal set; }

        public string? CustomMetadataJson { get; internal set; }

        /// <summary>The effective init parameters, as plain dictionaries, arrays and values.</summary>
        public IReadOnlyDictionary<string, object?>? RequestParams { get; internal set; }

        public string? RequestParamsJson { get; internal set; }

        public string? PostSessionMetadataJson { get; internal set; }

        public LiveJobFile? File { get; internal set; }

        public LiveResult? Result { get; internal set; }

        public string Raw { get; internal set; } = "{}";

        public bool IsDone => string.Equals(Status, "done", StringComparison.OrdinalIgnoreCase);

        public bool IsError => string.Equals(Status, "error", StringComparison.OrdinalIgnoreCase);

        /// <summary>True once the job will not change any more (done or error).</summary>
        public bool IsFinished => IsDone || IsError;

        public override string ToString() =>
            ErrorCode is { } code
                ? string.Format(CultureInfo.InvariantCulture, "{0} {1} ({2})", Id, Status, code)
                : Id + " " + Status;

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

        public static bool TryParse(string? json, out LiveJob job)
        {
            job = new LiveJob();
            if (json is null)
            {
                return false;
            }

            using var document = TolerantJson.TryParseDocument(json);
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            try
            {
                job = FromJson(document.RootElement);
                return true;
            }
            catch (FormatException)
            {
                // A time that is not finite or in range makes the job unusable, not a job with a wrong time.
                return false;
            }
        }

        /// <summary>Reads a job from a JSON object; missing or malformed fields are left empty.</summary>
        /// <exception cref="FormatException">A time in it is NaN, infinite or out of range.</exception>
        public static LiveJob FromJson(JsonElement element)
        {
            var job = new LiveJob { Raw = element.ValueKind == JsonValueKind.Undefined ? "{}" : element.GetRawText() };
            if (element.ValueKind != JsonValueKind.Object)
            {
                return job;
            }

            job.Id = TolerantJson.GetString(element, "id") ?? string.Empty;
            job.RequestId = TolerantJson.GetString(element, "request_id");
            job.Version = TolerantJson.GetInt32(element, "version");
            job.Status = TolerantJson.GetString(element, "status") ?? string.Empty;
            job.Kind = TolerantJson.GetString(element, "kind");
            job.CreatedAt = TolerantJson.GetTimestamp(element, "created_at");
            job.CompletedAt = TolerantJson.GetTimestamp(element, "completed_at");
            job.ErrorCode = TolerantJson.GetInt32(element, "error_code");
            job.CustomMetadata = TolerantJson.GetPlainObject(element, "custom_metadata");
            job.CustomMetadataJson = TolerantJson.GetRawText(element, "custom_metadata");
            job.RequestParams = TolerantJson.GetPlainObject(element, "request_params");
            job.RequestParamsJson = TolerantJson.GetRawText(element, "request_params");
            job.PostSessionMetadataJson = TolerantJson.GetRawText(element, "post_session_metadata");
            job.File = TolerantJson.GetObject(element, "file") is { } file ? LiveJobFile.FromJson(file) : null;
            job.Result = TolerantJson.GetObject(element, "result") is { } result ? LiveResult.FromJson(result) : null;
            return job;
        }
    }
}
