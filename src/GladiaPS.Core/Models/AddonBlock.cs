using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>
    /// The common part of an add-on's outcome in a result (§9.4). Derived types read <c>results</c>
    /// into typed values; <see cref="ResultsJson"/> always keeps it as received.
    /// </summary>
    public abstract class AddonBlock
    {
        public bool? Success { get; internal set; }

        public bool? IsEmpty { get; internal set; }

        /// <summary>Time the add-on took, as the API reports it.</summary>
        public double? ExecTime { get; internal set; }

        public AddonError? Error { get; internal set; }

        /// <summary>The <c>results</c> field as raw JSON, or null when it was null or absent.</summary>
        public string? ResultsJson { get; internal set; }

        internal void ReadCommon(JsonElement element)
        {
            Success = TolerantJson.GetBoolean(element, "success");
            IsEmpty = TolerantJson.GetBoolean(element, "is_empty");
            ExecTime = TolerantJson.GetDouble(element, "exec_time");
            Error = AddonError.FromProperty(element, "error");
            ResultsJson = TolerantJson.GetRawText(element, "results");
        }

        internal static JsonElement? ResultsElement(JsonElement element) =>
            TolerantJson.TryGetProperty(element, "results", out var value) ? value : (JsonElement?)null;
    }
}
