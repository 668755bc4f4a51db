using System;
using System.Collections.Concurrent;
using GladiaPS.Core.Configuration;

namespace GladiaPS.Core.Tests.Rest
{
    /// <summary>Settings for tests: a loopback base URL, tiny retry delays, a captured log.</summary>
    internal static class RestTestSettings
    {
        public const string ApiKey = "k3y-5ecret-0b1e2c3d-4f5a-6b7c-8d9e0f1a2b3c";

        public static GladiaClientSettings For(Uri baseUrl, ConcurrentQueue<string>? log = null, int maxRetries = 3)
        {
            var settings = new GladiaClientSettings
            {
                ApiKey = ApiKey,
                BaseUrl = baseUrl,
                Log = log is null ? null : log.Enqueue,
            };
            settings.Http.MaxRetries = maxRetries;
            settings.Http.InitialRetryDelay = TimeSpan.FromMilliseconds(5);
            settings.Http.MaxRetryDelay = TimeSpan.FromMilliseconds(20);
            settings.Http.MaxRetryAfter = TimeSpan.FromMilliseconds(50);
            return settings;
        }
    }
}
