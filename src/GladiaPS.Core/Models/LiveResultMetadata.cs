using System;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>The <c>metadata</c> of a result (§9.2).</summary>
    public sealed class LiveResultMetadata
    {
        public double? AudioDuration { get; internal set; }

        public int? NumberOfDistinctChannels { get; internal set; }

        public double? BillingTime { get; internal set; }

        public double? TranscriptionTime { get; internal set; }

        internal static LiveResultMetadata FromJson(JsonElement element) => new LiveResultMetadata
        {
            AudioDuration = TolerantJson.GetDouble(element, "audio_duration"),
            NumberOfDistinctChannels = TolerantJson.GetInt32(element, "number_of_distinct_channels"),
            BillingTime = TolerantJson.GetDouble(element, "billing_time"),
            TranscriptionTime = TolerantJson.GetDouble(element, "transcription_time"),
        };
    }
}
