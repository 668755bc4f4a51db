using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GladiaPS.Core.Options;

namespace GladiaPS.Core.Configuration
{
    /// <summary>
    /// Where and how the client talks to Gladia: API key, base URL, region, the product tokens of the
    /// <c>x-gladia-version</c> header, extra headers, and the HTTP retry and timeout policy.
    /// </summary>
    /// <remarks>
    /// One base URL serves both protocols (§1.1): the REST base maps a leading <c>ws</c> scheme to
    /// <c>http</c>, the WebSocket base maps a leading <c>http</c> to <c>ws</c>. The key is never
    /// printed: <see cref="ToString"/> shows only whether one is set.
    /// </remarks>
    public sealed class GladiaClientSettings
    {
        /// <summary>Gladia's public endpoint.</summary>
        public static readonly Uri DefaultBaseUrl = new Uri("https://api.gladia.io");

        public const string ApiKeyVariable = "GLADIA_API_KEY";
        public const string ApiUrlVariable = "GLADIA_API_URL";
        public const string RegionVariable = "GLADIA_REGION";

        private const string VersionHeader = "x-gladia-version";
        private const string KeyHeader = "x-gladia-key";

        /// <summary>The API key sent as <c>x-gladia-key</c>. Optional when the base URL is a proxy that adds it.</summary>
        public string? ApiKey { get; set; }

        /// <summary>Base URL: scheme http, https, ws or wss. Defaults to <c>https://api.gladia.io</c>.</summary>
        public Uri BaseUrl { get; set; } = DefaultBaseUrl;

        /// <summary><c>eu-west</c> or <c>us-west</c> (see <see cref="GladiaRegions"/>); sent only on <c>POST /v2/live</c>. Null sends none.</summary>
        public string? Region { get; set; }

        /// <summary>
        /// The caller's own <c>product/version</c> tokens, sent in <c>x-gladia-version</c> before
        /// <see cref="GladiaClientInfo.ProductToken"/>.
        /// </summary>
        public IList<string> ProductTokens { get; } = new List<string>();

        /// <summary>
        /// Extra headers for every REST call. Names starting with <c>x-gladia-</c> are lowercased; an
        /// <c>x-gladia-version</c> value is sent before the product tokens; <c>x-gladia-key</c> is refused (use <see cref="ApiKey"/>).
        /// </summary>
        public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Retry and timeout policy.</summary>
        public GladiaHttpOptions Http { get; set; } = new GladiaHttpOptions();

        /// <summary>Clock used for retry delays and <c>Retry-After</c> dates.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>
        /// Receives one line per request, response, retry and redirect (for verbose output). Lines
        /// never contain the API key, and URLs in them are redacted.
        /// </summary>
        public Action<string>? Log { get; set; }

        /// <summary>REST base derived from <see cref="BaseUrl"/>: <c>ws</c>→<c>http</c>, <c>wss</c>→<c>https</c>.</summary>
        public Uri RestBaseUrl => MapScheme(BaseUrl, "ws", "http");

        /// <summary>WebSocket base derived from <see cref="BaseUrl"/>: <c>http</c>→<c>ws</c>, <c>https</c>→<c>wss</c>.</summary>
        public Uri WebSocketBaseUrl => MapScheme(BaseUrl, "http", "ws");

        /// <summary>
        /// Settings read from the environment as Gladia's SDK does: <c>GLADIA_API_KEY</c>,
        /// <c>GLADIA_API_URL</c> (default https://api.gladia.io) and <c>GLADIA_REGION</c>.
        /// Empty variables count as unset. The result is validated.
        /// </summary>
        /// <exception cref="GladiaValidationException">A variable holds an unusable value, or no key is set for a gladia.io host.</exception>
        public static GladiaClientSettings FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

        internal static GladiaClientSettings FromEnvironment(Func<string, string?> getVariable)
        {
            var settings = new GladiaClientSettings();
            var key = Trimmed(getVariable(ApiKeyVariable));
            if (key != null)
            {
                settings.ApiKey = key;
            }

            var url = Trimmed(getVariable(ApiUrlVariable));
            if (url != null)
            {
                settings.BaseUrl = ParseBaseUrl(url, ApiUrlVariable);
            }

            var region = Trimmed(getVariable(RegionVariable));
            if (region != null)
            {
                settings.Region = region;
                settings.ValidateRegion(RegionVariable);
            }

            settings.Validate();
            return settings;
        }

        /// <summary>Parses a base URL, requiring an absolute URL with scheme http, https, ws or wss.</summary>
        /// <param name="value">The text to parse.</param>
        /// <param name="source">The name used in the error message, e.g. <c>GLADIA_API_URL</c>.</param>
        public static Uri ParseBaseUrl(string value, string source = nameof(BaseUrl))
        {
            if (value is null)
            {
                throw new GladiaValidationException(source, $"{source}: no URL given.");
            }

            if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            {
                throw new GladiaValidationException(source, $"{source}: '{SafeText(value)}' is not an absolute URL; use for example https://api.gladia.io.");
            }

            if (!IsSupportedScheme(uri.Scheme))
            {
                throw new GladiaValidationException(source, $"{source}: scheme '{uri.Scheme}' is not supported; use http, https, ws or wss.");
            }

            return uri;
        }

        /// <summary>Checks the settings as Gladia's SDK does, plus the region and HTTP policy.</summary>
        /// <exception cref="GladiaValidationException">A setting is unusable; the message names it.</exception>
        public void Validate()
        {
            if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || string.IsNullOrEmpty(BaseUrl.Host))
            {
                throw new GladiaValidationException(nameof(BaseUrl), $"{nameof(BaseUrl)}: an absolute URL is required, for example https://api.gladia.io.");
            }

            if (!IsSupportedScheme(BaseUrl.Scheme))
            {
                throw new GladiaValidationException(nameof(BaseUrl), $"{nameof(BaseUrl)}: scheme '{BaseUrl.Scheme}' is not supported; use http, https, ws or wss.");
            }

            if (string.IsNullOrWhiteSpace(ApiKey) && IsGladiaHost(BaseUrl.Host))
            {
                throw new GladiaValidationException(nameof(ApiKey),
                    $"{nameof(ApiKey)}: an API key is required for {BaseUrl.Host}; set {ApiKeyVariable} or pass one explicitly.");
            }

            if (ApiKey != null && ApiKey.Any(char.IsControl))
            {
                throw new GladiaValidationException(nameof(ApiKey), $"{nameof(ApiKey)}: the key contains control characters (a stray line break?).");
            }

            ValidateRegion(nameof(Region));

            foreach (var token in ProductTokens)
            {
                if (string.IsNullOrWhiteSpace(token) || token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                {
                    throw new GladiaValidationException(nameof(ProductTokens),
                        $"{nameof(ProductTokens)}: '{token}' is not a product token; use the form Product/1.0 without spaces.");
                }
            }

            foreach (var header in Headers)
            {
                if (string.Equals(header.Key, KeyHeader, StringComparison.OrdinalIgnoreCase))
                {
                    throw new GladiaValidationException(nameof(Headers), $"{nameof(Headers)}: set the key through {nameof(ApiKey)}, not as an {KeyHeader} header.");
                }

                if (string.IsNullOrWhiteSpace(header.Key) || header.Key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == ':'))
                {
                    throw new GladiaValidationException(nameof(Headers), $"{nameof(Headers)}: '{header.Key}' is not a valid header name.");
                }

                if (header.Value is null || header.Value.Any(c => c == '\r' || c == '\n'))
                {
                    throw new GladiaValidationException(nameof(Headers), $"{nameof(Headers)}: the value of '{header.Key}' is missing or contains a line break.");
                }
            }

            if (Http is null)
            {
                throw new GladiaValidationException(nameof(Http), $"{nameof(Http)}: no HTTP options set.");
            }

            Http.Validate();

            if (TimeProvider is null)
            {
                throw new GladiaValidationException(nameof(TimeProvider), $"{nameof(TimeProvider)}: no clock set.");
            }
        }

        /// <summary>The <c>x-gladia-version</c> value: a caller-set header value, the caller's tokens, then <c>GladiaPS/&lt;version&gt;</c>.</summary>
        public string VersionHeaderValue
        {
            get
            {
                var parts = new List<string>();
                if (Headers.TryGetValue(VersionHeader, out var fromHeader) && !string.IsNullOrWhiteSpace(fromHeader))
                {
                    parts.Add(fromHeader.Trim());
                }

                parts.AddRange(ProductTokens.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()));
                parts.Add(GladiaClientInfo.ProductToken);
                return string.Join(" ", parts);
            }
        }

        /// <summary>Extra headers with <c>x-gladia-*</c> names lowercased, without <c>x-gladia-version</c> (see <see cref="VersionHeaderValue"/>).</summary>
        internal IEnumerable<KeyValuePair<string, string>> NormalizedExtraHeaders()
        {
            foreach (var header in Headers)
            {
                var name = header.Key.StartsWith("x-gladia-", StringComparison.OrdinalIgnoreCase)
                    ? header.Key.ToLowerInvariant()
                    : header.Key;
                if (!string.Equals(name, VersionHeader, StringComparison.Ordinal))
                {
                    yield return new KeyValuePair<string, string>(name, header.Value);
                }
            }
        }

        /// <summary>A deep copy, so a client is not affected by later changes to these settings.</summary>
        public GladiaClientSettings Clone()
        {
            var copy = new GladiaClientSettings
            {
                ApiKey = ApiKey,
                BaseUrl = BaseUrl,
                Region = Region,
                Http = Http?.Clone()!,
                TimeProvider = TimeProvider,
                Log = Log,
            };
            foreach (var token in ProductTokens)
            {
                copy.ProductTokens.Add(token);
            }

            foreach (var header in Headers)
            {
                copy.Headers[header.Key] = header.Value;
            }

            return copy;
        }

        /// <summary>The settings without the key: only whether one is set.</summary>
        public override string ToString()
        {
            var key = string.IsNullOrEmpty(ApiKey) ? "(none)" : Security.SecretRedactor.Mask;
            var region = Region ?? "(none)";
            return string.Format(CultureInfo.InvariantCulture, "BaseUrl={0}, Region={1}, ApiKey={2}",
                Security.SecretRedactor.RedactUrl(BaseUrl), region, key);
        }

        private void ValidateRegion(string source)
        {
            if (Region is null)
            {
                return;
            }

            var normalized = Region.Trim().ToLowerInvariant();
            if (!GladiaRegions.All.Contains(normalized))
            {
                throw new GladiaValidationException(source,
                    $"{source}: '{SafeText(Region)}' is not a region; use one of {string.Join(", ", GladiaRegions.All)}.");
            }

            Region = normalized;
        }

        private static bool IsSupportedScheme(string scheme) =>
            scheme == "http" || scheme == "https" || scheme == "ws" || scheme == "wss";

        private static bool IsGladiaHost(string host)
        {
            var h = host.TrimEnd('.').ToLowerInvariant();
            return h == "gladia.io" || h.EndsWith(".gladia.io", StringComparison.Ordinal);
        }

        private static Uri MapScheme(Uri url, string fromPrefix, string toPrefix)
        {
            if (url is null || !url.IsAbsoluteUri || !url.Scheme.StartsWith(fromPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return url!;
            }

            var builder = new UriBuilder(url) { Scheme = toPrefix + url.Scheme.Substring(fromPrefix.Length) };
            if (url.IsDefaultPort)
            {
                builder.Port = -1;
            }

            return builder.Uri;
        }

        private static string? Trimmed(string? value)
        {
            if (value is null)
            {
                return null;
            }

            var trimmed = value.Trim();
            return trimmed.Length == 0 ? null : trimmed;
        }

        // A mistyped URL or region is echoed back, but never more than a short, single-line excerpt.
        private static string SafeText(string value)
        {
            var single = new string(value.Where(c => !char.IsControl(c)).ToArray());
            return single.Length <= 80 ? single : single.Substring(0, 80) + "…";
        }
    }
}
