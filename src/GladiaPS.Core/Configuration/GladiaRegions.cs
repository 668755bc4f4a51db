using System.Collections.Generic;

namespace GladiaPS.Core.Configuration
{
    /// <summary>The processing regions <c>POST /v2/live</c> accepts in its <c>region</c> query parameter.</summary>
    public static class GladiaRegions
    {
        public const string EuWest = "eu-west";
        public const string UsWest = "us-west";

        /// <summary>Every known region, for validation and tab completion.</summary>
        public static IReadOnlyList<string> All { get; } = new[] { EuWest, UsWest };
    }
}
