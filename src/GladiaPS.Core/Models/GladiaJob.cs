using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>
    /// What a live job and a pre-recorded job share: the header fields both <c>GET</c> routes and their lists return,
    /// read with the same tolerance (<c>error_code</c> as number, numeric string or null). The full JSON stays in <see cref="Raw"/>.
    /// </summary>
    public abstract class GladiaJob
    {
        private protected GladiaJob()
        {
        }

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

        /// <summary>The effective request parameters, as plain dictionaries, arrays and values.</summary>
        public IReadOnlyDictionary<string, object?>? RequestParams { get; internal set; }

        public string Raw { get; internal set; } = "{}";

        public bool IsDone => string.Equals(Status, "done", StringComparison.OrdinalIgnoreCase);

        public bool IsError => string.Equals(Status, "error", StringComparison.OrdinalIgnoreCase);

        /// <summary>True once the job will not change any more (done or error).</summary>
        public bool IsFinished => IsDone || IsError;

        public override string ToString() =>
            ErrorCode is { } code
                ? string.Format(CultureInfo.InvariantCulture, "{0} {1} ({2})", Id, Status, code)
                : Id + " " + Status;

        /// <summary>Reads the shared fields; <see cref="Raw"/> is the element's text. True when the element is an object and the rest may be read.</summary>
        /// <exception cref="FormatException">A time in it is NaN, infinite or out of range.</exception>
        private protected bool ReadHeader(JsonElement element)
        {
            Raw = element.ValueKind == JsonValueKind.Undefined ? "{}" : element.GetRawText();
            if (element.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            Id = TolerantJson.GetString(element, "id") ?? string.Empty;
            RequestId = TolerantJson.GetString(element, "request_id");
            Version = TolerantJson.GetInt32(element, "version");
            Status = TolerantJson.GetString(element, "status") ?? string.Empty;
            Kind = TolerantJson.GetString(element, "kind");
            CreatedAt = TolerantJson.GetTimestamp(element, "created_at");
            CompletedAt = TolerantJson.GetTimestamp(element, "completed_at");
            ErrorCode = TolerantJson.GetInt32(element, "error_code");
            CustomMetadata = TolerantJson.GetPlainObject(element, "custom_metadata");
            RequestParams = TolerantJson.GetPlainObject(element, "request_params");
            return true;
        }

        /// <summary>Parses <paramref name="json"/> as an object and reads it; false when it is not one or <paramref name="read"/> throws <see cref="FormatException"/>.</summary>
        private protected static bool TryParse<TJob>(string? json, Func<JsonElement, TJob> read, TJob empty, out TJob job)
        {
            job = empty;
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
                job = read(document.RootElement);
                return true;
            }
            catch (FormatException)
            {
                // A time that is not finite or in range makes the job unusable, not a job with a wrong time.
                return false;
            }
        }
    }
}
