using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>
    /// A pre-recorded job as <c>GET /v2/pre-recorded/{id}</c> and the list return it. Parsing is as tolerant
    /// as for live jobs (<c>error_code</c> as number or string, nullable <c>file</c> and <c>request_params</c>);
    /// the full JSON stays in <see cref="Raw"/>.
    /// </summary>
    public sealed class PreRecordedJob
    {
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

        /// <summary>The metadata given at creation, as plain dictionaries, arrays and values.</summary>
        public IReadOnlyDictionary<string, object?>? CustomMetadata { get; internal set; }

        /// <summary>The effective job parameters, as plain dictionaries, arrays and values.</summary>
        public IReadOnlyDictionary<string, object?>? RequestParams { get; internal set; }

        public PreRecordedJobFile? File { get; internal set; }

        public PreRecordedResult? Result { get; internal set; }

        public string Raw { get; internal set; } = "{}";

        public bool IsDone => string.Equals(Status, "done", StringComparison.OrdinalIgnoreCase);

        public bool IsError => string.Equals(Status, "error", StringComparison.OrdinalIgnoreCase);

        /// <summary>True once the job will not change any more (done or error).</summary>
        public bool IsFinished => IsDone || IsError;

        public override string ToString() =>
            ErrorCode is { } code
                ? string.Format(CultureInfo.InvariantCulture, "{0} {1} ({2})", Id, Status, code)
                : Id + " " + Status;

        public static bool TryParse(string? json, out PreRecordedJob job)
        {
            job = new PreRecordedJob();
            if (json is null)
            {
                return false;
            }

            using var document = TolerantJson.TryParseDocument(json);
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            job = FromJson(document.RootElement);
            return true;
        }

        /// <summary>Reads a job from a JSON object; missing or malformed fields are left empty.</summary>
        public static PreRecordedJob FromJson(JsonElement element)
        {
            var job = new PreRecordedJob { Raw = element.ValueKind == JsonValueKind.Undefined ? "{}" : element.GetRawText() };
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
            job.RequestParams = TolerantJson.GetPlainObject(element, "request_params");
            job.File = TolerantJson.GetObject(element, "file") is { } file ? PreRecordedJobFile.FromJson(file) : null;
            job.Result = TolerantJson.GetObject(element, "result") is { } result ? PreRecordedResult.FromJson(result) : null;
            return job;
        }
    }
}
