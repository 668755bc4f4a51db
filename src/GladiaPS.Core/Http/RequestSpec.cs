using System;
using System.Net.Http;

namespace GladiaPS.Core.Http
{
    /// <summary>Everything needed to build a fresh request for each attempt and redirect hop.</summary>
    internal sealed class RequestSpec
    {
        public RequestSpec(HttpMethod method, Uri url, TimeSpan timeout, RetryMode retryMode)
        {
            Method = method;
            Url = url;
            Timeout = timeout;
            RetryMode = retryMode;
        }

        public HttpMethod Method { get; }

        public Uri Url { get; }

        public TimeSpan Timeout { get; }

        public RetryMode RetryMode { get; }

        /// <summary>JSON body, or null for none.</summary>
        public byte[]? JsonBody { get; set; }

        /// <summary>
        /// Builds a fresh body for each attempt and redirect hop (a streamed upload reopens its file), or null.
        /// Takes precedence over <see cref="JsonBody"/>.
        /// </summary>
        public Func<HttpContent>? ContentFactory { get; set; }

        /// <summary>Hears each failed attempt that is about to be repeated, before the wait (the request's retries say why nothing moves).</summary>
        public IProgress<Rest.GladiaRetryNotice>? Retrying { get; set; }

        /// <summary>Send the API key to this URL's origin. False for URLs of an origin other than the REST base.</summary>
        public bool SendCredentials { get; set; } = true;

        /// <summary>Path shown in errors: the URL path without host or query.</summary>
        public string DisplayPath => Url.IsAbsoluteUri ? Url.AbsolutePath : Url.OriginalString;
    }
}
