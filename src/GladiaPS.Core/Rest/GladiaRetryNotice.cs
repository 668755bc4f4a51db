using System;

namespace GladiaPS.Core.Rest
{
    /// <summary>
    /// A failed attempt of a request that is about to be repeated: what failed and how long the client waits first (the
    /// server's <c>Retry-After</c> when it gave one). Reported before the wait, so a caller can say why nothing moves.
    /// </summary>
    public sealed class GladiaRetryNotice
    {
        internal GladiaRetryNotice(string method, string path, int attempt, int? statusCode, string? failure, TimeSpan delay)
        {
            Method = method;
            Path = path;
            Attempt = attempt;
            StatusCode = statusCode;
            Failure = failure;
            Delay = delay;
        }

        /// <summary>The request's method, e.g. POST.</summary>
        public string Method { get; }

        /// <summary>The request's path, without host or query.</summary>
        public string Path { get; }

        /// <summary>The attempt that failed, from 1.</summary>
        public int Attempt { get; }

        /// <summary>The status the server answered (429 when it has too many jobs), or null when no answer came.</summary>
        public int? StatusCode { get; }

        /// <summary>Why no answer came (redacted), when <see cref="StatusCode"/> is null.</summary>
        public string? Failure { get; }

        /// <summary>How long the client waits before the next attempt.</summary>
        public TimeSpan Delay { get; }

        /// <summary>Whether the server said it has too many requests or jobs (429).</summary>
        public bool IsTooManyRequests => StatusCode == 429;
    }
}
