using System;
using System.Net.Http;
using GladiaPS.Core.Configuration;

namespace GladiaPS.Core.Http
{
    /// <summary>Delay before a retry: the server's <c>Retry-After</c> when given (capped), else capped exponential backoff with jitter.</summary>
    internal static class RetryDelay
    {
        [ThreadStatic]
        private static Random? _random;

        /// <param name="retryIndex">0 for the first retry.</param>
        public static TimeSpan Compute(int retryIndex, HttpResponseMessage? response, GladiaHttpOptions options, DateTimeOffset now)
        {
            var retryAfter = FromRetryAfter(response, now);
            if (retryAfter is TimeSpan serverDelay)
            {
                return serverDelay > options.MaxRetryAfter ? options.MaxRetryAfter : serverDelay;
            }

            return Backoff(retryIndex, options, options.UseJitter ? NextDouble() : 1.0);
        }

        /// <summary>min(initial × 2^n, max), scaled into [½, 1] of itself by <paramref name="jitter"/> in [0, 1].</summary>
        public static TimeSpan Backoff(int retryIndex, GladiaHttpOptions options, double jitter)
        {
            var exponent = Math.Min(retryIndex, 30);
            var ticks = options.InitialRetryDelay.Ticks * Math.Pow(2, exponent);
            var capped = Math.Min(ticks, options.MaxRetryDelay.Ticks);
            var scale = 0.5 + (0.5 * Math.Max(0, Math.Min(1, jitter)));
            return TimeSpan.FromTicks((long)(capped * scale));
        }

        /// <summary>The <c>Retry-After</c> header as a delay: seconds, or an HTTP date relative to <paramref name="now"/>. Never negative.</summary>
        public static TimeSpan? FromRetryAfter(HttpResponseMessage? response, DateTimeOffset now)
        {
            var header = response?.Headers.RetryAfter;
            if (header is null)
            {
                return null;
            }

            if (header.Delta is TimeSpan delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (header.Date is DateTimeOffset date)
            {
                var wait = date - now;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }

            return null;
        }

        private static double NextDouble() => (_random ??= new Random(Guid.NewGuid().GetHashCode())).NextDouble();
    }
}
