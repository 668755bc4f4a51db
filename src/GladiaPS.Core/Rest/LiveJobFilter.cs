using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GladiaPS.Core.Options;

namespace GladiaPS.Core.Rest
{
    /// <summary>Filters of <c>GET /v2/live</c> (§2.1). Unset filters are not sent.</summary>
    public sealed class LiveJobFilter
    {
        /// <summary>Index of the first item; 0 is the first (sent even when 0).</summary>
        public int? Offset { get; set; }

        /// <summary>Items per page.</summary>
        public int? Limit { get; set; }

        /// <summary>Items created on this day (only the date part is used).</summary>
        public DateTime? Date { get; set; }

        /// <summary>Items created before this moment.</summary>
        public DateTimeOffset? BeforeDate { get; set; }

        /// <summary>Items created after this moment.</summary>
        public DateTimeOffset? AfterDate { get; set; }

        /// <summary>Any of <c>queued</c>, <c>processing</c>, <c>done</c>, <c>error</c>; one query key per value.</summary>
        public IList<string> Statuses { get; } = new List<string>();

        /// <summary>Metadata entries to match, sent as <c>custom_metadata[key]=value</c>; values are stringified, null entries skipped.</summary>
        public IDictionary<string, object?> CustomMetadata { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

        /// <exception cref="GladiaValidationException">A filter is out of range; the message names its query parameter.</exception>
        public void Validate()
        {
            if (Offset is int offset && offset < 0)
            {
                throw new GladiaValidationException("offset", $"offset: {offset} is negative; use 0 or more.");
            }

            if (Limit is int limit && limit < 1)
            {
                throw new GladiaValidationException("limit", $"limit: {limit} is too small; use 1 or more.");
            }

            foreach (var status in Statuses)
            {
                if (status is null || !GladiaKnownValues.JobStatuses.Contains(status))
                {
                    throw new GladiaValidationException("status",
                        $"status: '{status}' is not a job status; use one of {string.Join(", ", GladiaKnownValues.JobStatuses)}.");
                }
            }

            foreach (var key in CustomMetadata.Keys)
            {
                if (string.IsNullOrEmpty(key))
                {
                    throw new GladiaValidationException("custom_metadata", "custom_metadata: a metadata key must not be empty.");
                }
            }
        }

        /// <summary>The query string without the leading '?', e.g. <c>offset=0&amp;limit=20&amp;status=done&amp;status=error</c>.</summary>
        public string ToQueryString()
        {
            var parts = new List<string>();
            void Add(string name, string value) => parts.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value));

            if (Offset is int offset)
            {
                Add("offset", offset.ToString(CultureInfo.InvariantCulture));
            }

            if (Limit is int limit)
            {
                Add("limit", limit.ToString(CultureInfo.InvariantCulture));
            }

            if (Date is DateTime date)
            {
                Add("date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            if (BeforeDate is DateTimeOffset before)
            {
                Add("before_date", FormatInstant(before));
            }

            if (AfterDate is DateTimeOffset after)
            {
                Add("after_date", FormatInstant(after));
            }

            foreach (var status in Statuses)
            {
                Add("status", status);
            }

            foreach (var entry in CustomMetadata)
            {
                if (entry.Value is null)
                {
                    continue;
                }

                Add("custom_metadata[" + entry.Key + "]", Stringify(entry.Value));
            }

            return string.Join("&", parts);
        }

        private static string FormatInstant(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        // As JavaScript's String(value): booleans lowercase, numbers invariant.
        private static string Stringify(object value) => value switch
        {
            bool b => b ? "true" : "false",
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
    }
}
