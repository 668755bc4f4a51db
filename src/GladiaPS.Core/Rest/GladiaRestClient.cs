using System;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Configuration;
using GladiaPS.Core.Http;
using GladiaPS.Core.Options;

namespace GladiaPS.Core.Rest
{
    /// <summary>
    /// The REST side of the live API: create a session, get, list and delete jobs, download the
    /// recorded audio. Safe to share between threads; dispose it to release its connections.
    /// </summary>
    public sealed partial class GladiaRestClient : IDisposable
    {
        private const string LivePath = "v2/live";

        private readonly GladiaClientSettings _settings;
        private readonly GladiaHttpSender _sender;

        /// <param name="settings">Copied; later changes to it do not affect this client.</param>
        /// <param name="handler">
        /// Optional handler (proxies, tests). It is not disposed by the client. It should not follow
        /// redirects itself: the client follows them so that credentials never cross origins.
        /// </param>
        /// <exception cref="GladiaValidationException">The settings are unusable.</exception>
        public GladiaRestClient(GladiaClientSettings settings, HttpMessageHandler? handler = null)
        {
            if (settings is null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            _settings = settings.Clone();
            _settings.Validate();
            _sender = new GladiaHttpSender(_settings, handler);
        }

        /// <summary>
        /// A copy of the settings in use (themselves a copy of those given): changing the returned object
        /// does not affect this client.
        /// </summary>
        public GladiaClientSettings Settings => _settings.Clone();

        /// <summary>
        /// <c>POST /v2/live[?region=…]</c>: creates a live session. The options are validated first.
        /// Any 2xx is a success; the answer must carry <c>id</c> and <c>url</c>; <c>url</c> is resolved
        /// against the WebSocket base.
        /// </summary>
        /// <remarks>
        /// Retried only when the server certainly created nothing: 408, 429 and 503 answers, and
        /// connections that failed before the request was sent. A timeout, a dropped connection or a
        /// 500/502/504 is reported instead of retried, because the session may exist already and a
        /// second POST would leave it orphaned (billed, never used).
        /// </remarks>
        /// <exception cref="GladiaValidationException">An option is out of range.</exception>
        /// <exception cref="GladiaApiException">The server refused (401, 422, …) or its answer is unusable.</exception>
        /// <exception cref="TimeoutException">No answer within <see cref="GladiaHttpOptions.InitTimeout"/>.</exception>
        public async Task<LiveSessionCreated> CreateLiveSessionAsync(LiveSessionOptions options, CancellationToken cancellationToken = default)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            options.Validate();
            var body = Encoding.UTF8.GetBytes(options.ToJson());
            var query = _settings.Region is null ? null : "region=" + Uri.EscapeDataString(_settings.Region);
            var spec = new RequestSpec(HttpMethod.Post, BuildUrl(LivePath, query), _settings.Http.InitTimeout, RetryMode.CreateOnlyIfNotCreated)
            {
                JsonBody = body,
            };

            using var response = await _sender.SendAsync(spec, cancellationToken).ConfigureAwait(false);
            var text = await ReadBodyAsync(response, spec, cancellationToken).ConfigureAwait(false);
            return ParseCreated(text, response, spec);
        }

        public void Dispose() => _sender.Dispose();

        /// <summary>The REST base joined with a relative path (a base path, e.g. a proxy prefix, is kept).</summary>
        internal Uri BuildUrl(string relativePath, string? query = null)
        {
            var baseUrl = _settings.RestBaseUrl;
            var left = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
            var url = left + "/" + relativePath.TrimStart('/');
            return new Uri(string.IsNullOrEmpty(query) ? url : url + "?" + query);
        }

        /// <summary>Reads a JSON answer, bounded in time and in size (<see cref="GladiaHttpSender.ReadJsonBodyAsync"/>).</summary>
        private Task<string> ReadBodyAsync(HttpResponseMessage response, RequestSpec spec, CancellationToken cancellationToken) =>
            _sender.ReadJsonBodyAsync(response, spec, cancellationToken);

        private LiveSessionCreated ParseCreated(string text, HttpResponseMessage response, RequestSpec spec)
        {
            string? id = null;
            string? url = null;
            DateTimeOffset? createdAt = null;
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    id = Models.TolerantJson.GetScalarText(root, "id");
                    url = Models.TolerantJson.GetScalarText(root, "url");
                    createdAt = Models.TolerantJson.ParseTimestamp(Models.TolerantJson.GetScalarText(root, "created_at"));
                }
            }
            catch (JsonException)
            {
                throw Unusable(response, spec, "the answer is not JSON");
            }

            if (string.IsNullOrWhiteSpace(id))
            {
                throw Unusable(response, spec, "the answer has no session 'id'");
            }

            if (!GladiaId.IsValid(id))
            {
                // The id becomes URL segments and file names later: one that is not an id is refused here, once.
                throw Unusable(response, spec, "the session 'id' in the answer is not an id");
            }

            if (string.IsNullOrWhiteSpace(url))
            {
                throw Unusable(response, spec, "the answer has no WebSocket 'url'");
            }

            if (!Uri.TryCreate(_settings.WebSocketBaseUrl, url, out var resolved) || !resolved.IsAbsoluteUri)
            {
                throw Unusable(response, spec, "the WebSocket 'url' in the answer is not a URL");
            }

            var created = new LiveSessionCreated(id!, resolved, createdAt);
            _sender.Log("created live session " + created);
            return created;
        }

        private GladiaApiException Unusable(HttpResponseMessage response, RequestSpec spec, string problem) =>
            new GladiaApiException((int)response.StatusCode, spec.Method.Method, spec.DisplayPath,
                "unexpected response: " + problem, _sender.RedactServerText(ErrorBody.RequestIdHeader(response)), _sender.RedactServerText(response.ReasonPhrase))
            {
                Problem = GladiaAnswerProblem.Unusable,
            };
    }
}
