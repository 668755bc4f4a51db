using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using GladiaPS.Core.Rest;

namespace GladiaPS.Infrastructure
{
    /// <summary>The list form that Get-GladiaLiveResult and Get-GladiaTranscription share: their filter parameters as the API's filter.</summary>
    internal static class JobListing
    {
        /// <summary>The filter for -Status, -After, -Before, -Date, -CustomMetadata and the paging parameters.</summary>
        internal static LiveJobFilter CreateFilter(
            ListPaging paging, string[]? status, DateTime? after, DateTime? before, DateTime? date, IDictionary? customMetadata)
        {
            var filter = new LiveJobFilter
            {
                Offset = paging.Skip > 0 ? (int)Math.Min(paging.Skip, int.MaxValue) : null,
                Limit = paging.First is > 0 and < 100 && !paging.IncludeTotalCount ? (int)paging.First : null,
                Date = date?.Date,
                AfterDate = after is { } a ? new DateTimeOffset(a) : null,
                BeforeDate = before is { } b ? new DateTimeOffset(b) : null,
            };
            foreach (var value in status ?? Array.Empty<string>())
            {
                filter.Statuses.Add(value.ToLowerInvariant());
            }

            if (customMetadata is not null)
            {
                foreach (DictionaryEntry entry in customMetadata)
                {
                    filter.CustomMetadata[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] =
                        PlainValues.Unwrap(entry.Value);
                }
            }

            return filter;
        }
    }
}
