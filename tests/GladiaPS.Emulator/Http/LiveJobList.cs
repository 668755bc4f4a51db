using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GladiaPS.Emulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace GladiaPS.Emulator.Http
{
    /// <summary><c>GET /v2/live</c>: filters and offset/limit pages with first/current/next links (reference §2.1).</summary>
    internal static class LiveJobList
    {
        private static readonly string[] Statuses = { "queued", "processing", "done", "error" };

        public static IResult Build(HttpContext context, GladiaEmulator emulator) =>
            Build(context, emulator, "/v2/live", emulator.Sessions.Select(s => new Listed(s.Status, s.CreatedAt, s.Config.CustomMetadata, s.ToJob)), "live");

        /// <summary>One job as the list sees it: what the filters read, and its JSON.</summary>
        internal sealed record Listed(string Status, DateTimeOffset CreatedAt, JsonObject? CustomMetadata, Func<JsonObject> ToJob);

        /// <summary>The list at <paramref name="path"/> over <paramref name="jobs"/>: the same filters and pages for live sessions and pre-recorded jobs.</summary>
        internal static IResult Build(HttpContext context, GladiaEmulator emulator, string path, IEnumerable<Listed> jobs, string kind)
        {
            var query = context.Request.Query;
            if (!TryInt(query, "offset", 0, 0, out var offset, out var problem)
                || !TryInt(query, "limit", 20, 1, out var limit, out problem))
            {
                return ErrorBodies.Create(context, 400, problem!);
            }

            IEnumerable<Listed> items = jobs.OrderByDescending(s => s.CreatedAt);
            var statuses = query["status"].Where(s => !string.IsNullOrEmpty(s)).ToArray();
            var unknown = statuses.FirstOrDefault(s => !Statuses.Contains(s));
            if (unknown != null) return ErrorBodies.Create(context, 400, $"status must be one of: {string.Join(", ", Statuses)} (got '{unknown}')");
            if (statuses.Length > 0) items = items.Where(s => statuses.Contains(s.Status));

            if (query.TryGetValue("date", out var dateText) && !string.IsNullOrEmpty(dateText))
            {
                if (!DateOnly.TryParseExact(dateText.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    return ErrorBodies.Create(context, 400, "date must be a date in YYYY-MM-DD format");
                items = items.Where(s => DateOnly.FromDateTime(s.CreatedAt.UtcDateTime) == date);
            }

            if (!TryDate(query, "before_date", out var before, out problem) || !TryDate(query, "after_date", out var after, out problem))
                return ErrorBodies.Create(context, 400, problem!);
            if (before is { } b) items = items.Where(s => s.CreatedAt < b);
            if (after is { } a) items = items.Where(s => s.CreatedAt > a);

            foreach (var (key, values) in query)
            {
                if (!key.StartsWith("custom_metadata[", StringComparison.Ordinal) || !key.EndsWith(']')) continue;
                var name = key["custom_metadata[".Length..^1];
                var wanted = values.ToString();
                items = items.Where(s => MetadataValue(s, name) == wanted);
            }

            var all = items.ToList();
            var page = all.Skip(offset).Take(limit).Select(s => (JsonNode)s.ToJob()).ToList();
            if (offset == 0 && emulator.Faults.Snapshot().ListJobIds is { } lies)
            {
                page.AddRange(lies.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["status"] = "done", ["kind"] = kind }));
            }

            var filters = FilterQuery(context.Request.QueryString.Value);
            var hasNext = offset + limit < all.Count;
            return ApiEndpoints.Json(new JsonObject
            {
                ["first"] = PageUrl(emulator, path, 0, limit, filters),
                ["current"] = PageUrl(emulator, path, offset, limit, filters),
                ["next"] = hasNext ? PageUrl(emulator, path, offset + limit, limit, filters) : null,
                ["items"] = new JsonArray(page.ToArray()),
            });
        }

        private static string PageUrl(GladiaEmulator emulator, string path, int offset, int limit, string filters) =>
            $"{emulator.BaseUrl.ToString().TrimEnd('/')}{path}?offset={offset}&limit={limit}{filters}";

        /// <summary>The request's own query parameters other than offset and limit, in their order and encoding.</summary>
        private static string FilterQuery(string? queryString)
        {
            if (string.IsNullOrEmpty(queryString)) return string.Empty;
            var parts = queryString.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(p => !p.StartsWith("offset=", StringComparison.Ordinal) && !p.StartsWith("limit=", StringComparison.Ordinal)
                    && p != "offset" && p != "limit");
            return string.Concat(parts.Select(p => "&" + p));
        }

        private static string? MetadataValue(Listed job, string name)
        {
            if (job.CustomMetadata is not { } metadata || !metadata.TryGetPropertyValue(name, out var value) || value == null) return null;
            return value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        }

        private static bool TryInt(IQueryCollection query, string name, int fallback, int min, out int value, out string? problem)
        {
            problem = null;
            value = fallback;
            if (!query.TryGetValue(name, out var text) || string.IsNullOrEmpty(text)) return true;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min) return true;
            problem = $"{name} must be an integer of at least {min} (got '{text}')";
            return false;
        }

        private static bool TryDate(IQueryCollection query, string name, out DateTimeOffset? value, out string? problem)
        {
            problem = null;
            value = null;
            if (!query.TryGetValue(name, out var text) || string.IsNullOrEmpty(text)) return true;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                value = parsed;
                return true;
            }

            problem = $"{name} must be an ISO 8601 date or date-time (got '{text}')";
            return false;
        }
    }
}
