using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Configuration;
using GladiaPS.Core.Rest;
using GladiaPS.Core.Security;
using Polly;
using Polly.Retry;

namespace GladiaPS.Core.Http
{
    /// <summary>
    /// Sends one logical REST call: headers (key, version), manual redirects (§7.7), a timeout per
    /// attempt until the response headers arrive, and retries through a Polly pipeline. Returns a
    /// success response whose body is still unread; turns an error response into <see cref="GladiaApiException"/>.
    /// </summary>
    internal sealed class GladiaHttpSender : IDisposable
    {
        private const int MaxErrorBodyBytes = 64 * 1024;
        private const int MaxShownBodyChars = 16 * 1024;
        private const int MaxReasonChars = 200;
        private const int MaxDrainedRedirectBytes = 64 * 1024;

        private static readonly HashSet<string> CrossOriginDroppedHeaders =
            new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "x-gladia-key", "authorization", "cookie" };

        // The request a retry belongs to, for its notice: the pipelines are shared by every request.
        private static readonly ResiliencePropertyKey<RequestSpec> SpecKey = new ResiliencePropertyKey<RequestSpec>("GladiaPS.Request");

        private readonly HttpClient _client;
        private readonly GladiaClientSettings _settings;
        private readonly ResiliencePipeline<HttpResponseMessage> _idempotentPipeline;
        private readonly ResiliencePipeline<HttpResponseMessage> _createPipeline;

        public GladiaHttpSender(GladiaClientSettings settings, HttpMessageHandler? handler)
        {
            _settings = settings;
            var ownsHandler = handler is null;
            handler ??= new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            _client = new HttpClient(handler, ownsHandler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _idempotentPipeline = BuildPipeline(RetryMode.Idempotent);
            _createPipeline = BuildPipeline(RetryMode.CreateOnlyIfNotCreated);
        }

        public string? ApiKey => _settings.ApiKey;

        /// <summary>Sends the request and returns a 2xx response with headers read and body unread.</summary>
        /// <exception cref="GladiaApiException">The final response was not a success.</exception>
        /// <exception cref="TimeoutException">No response headers within the timeout, on every attempt allowed.</exception>
        /// <exception cref="HttpRequestException">The connection failed on every attempt allowed.</exception>
        /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
        public async Task<HttpResponseMessage> SendAsync(RequestSpec spec, CancellationToken cancellationToken)
        {
            var pipeline = spec.RetryMode switch
            {
                RetryMode.Idempotent => _idempotentPipeline,
                RetryMode.CreateOnlyIfNotCreated => _createPipeline,
                _ => ResiliencePipeline<HttpResponseMessage>.Empty,
            };

            var attempts = 0;
            HttpResponseMessage response;
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(SpecKey, spec);
            try
            {
                response = await pipeline.ExecuteAsync(
                    async attempt =>
                    {
                        attempts++;
                        return await SendAttemptAsync(spec, attempts, attempt.CancellationToken).ConfigureAwait(false);
                    },
                    context).ConfigureAwait(false);
            }
            catch (AttemptTimeoutException timeout)
            {
                throw new TimeoutException(Redact(string.Format(CultureInfo.InvariantCulture,
                    "{0} {1}: no response within {2:0.###} s{3}.{4}", spec.Method, spec.DisplayPath, timeout.Timeout.TotalSeconds,
                    attempts > 1 ? $" on any of {attempts} attempts" : string.Empty, NotRetriedNote(spec, timeout))), timeout);
            }
            catch (HttpRequestException failure)
            {
                throw new HttpRequestException(Redact(string.Format(CultureInfo.InvariantCulture,
                    "{0} {1}: {2}{3}{4}", spec.Method, spec.DisplayPath, failure.Message,
                    attempts > 1 ? $" (after {attempts} attempts)" : string.Empty, NotRetriedNote(spec, failure))), failure);
            }
            catch (IOException failure) when (!cancellationToken.IsCancellationRequested)
            {
                throw new HttpRequestException(Redact(string.Format(CultureInfo.InvariantCulture,
                    "{0} {1}: the connection failed: {2}", spec.Method, spec.DisplayPath, failure.Message)), failure);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            if ((int)response.StatusCode >= 200 && (int)response.StatusCode <= 299)
            {
                return response;
            }

            using (response)
            {
                throw await ToExceptionAsync(response, spec, attempts).ConfigureAwait(false);
            }
        }

        public void Dispose() => _client.Dispose();

        // Tells the caller why a create was not repeated, so that they check for the session before trying again.
        private static string NotRetriedNote(RequestSpec spec, Exception failure) =>
            spec.RetryMode == RetryMode.CreateOnlyIfNotCreated && !RetryClassifier.FailedBeforeSending(failure)
                ? " Not retried: the server may have created the session before the answer was lost."
                : string.Empty;

        internal string Redact(string? text) => SecretRedactor.RedactText(text, _settings.ApiKey);

        private string? RedactOrNull(string? text) => text is null ? null : Redact(text);

        /// <summary>
        /// Text the server chose (a reason phrase), fit to quote: the key removed, control characters made spaces and the
        /// length bounded, so an echoing server cannot put the key, forged lines or a flood into a message.
        /// </summary>
        internal string? RedactServerText(string? text) => text is null ? null : Redact(SecretRedactor.Printable(text, MaxReasonChars));

        /// <summary>
        /// Reads a JSON answer's body as text. The operation's timeout applies again to the body, so a server that sends
        /// headers and then stalls cannot hang the caller; and the body is counted as it is decompressed, so one that
        /// inflates past <see cref="GladiaHttpOptions.MaxJsonBodyBytes"/> fails with an error naming the limit instead of filling memory.
        /// </summary>
        /// <exception cref="GladiaApiException">The body is larger than the limit.</exception>
        /// <exception cref="TimeoutException">The body did not arrive within the operation's timeout.</exception>
        internal async Task<string> ReadJsonBodyAsync(HttpResponseMessage response, RequestSpec spec, CancellationToken cancellationToken)
        {
            if (response.Content is null)
            {
                return string.Empty;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var limit = _settings.Http.MaxJsonBodyBytes;
            if (response.Content.Headers.ContentLength is long declared && declared > limit)
            {
                throw TooLarge(response, spec, limit);
            }

            using var timeout = _settings.TimeProvider.CreateCancellationTokenSource(spec.Timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            // Disposing the response unblocks the read on runtimes whose content streams ignore tokens.
            using var registration = linked.Token.Register(response.Dispose);
            try
            {
                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using var memory = new MemoryStream();
                var buffer = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, linked.Token).ConfigureAwait(false)) > 0)
                {
                    if (memory.Length + read > limit)
                    {
                        throw TooLarge(response, spec, limit);
                    }

                    memory.Write(buffer, 0, read);
                }

                return Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length);
            }
            catch (GladiaApiException)
            {
                throw;
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (Exception e) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException(string.Format(CultureInfo.InvariantCulture,
                    "{0} {1}: the answer's body did not arrive within {2:0.###} s.", spec.Method, spec.DisplayPath, spec.Timeout.TotalSeconds), e);
            }
        }

        private GladiaApiException TooLarge(HttpResponseMessage response, RequestSpec spec, long limit) =>
            new GladiaApiException((int)response.StatusCode, spec.Method.Method, spec.DisplayPath,
                string.Format(CultureInfo.InvariantCulture, "unexpected response: the answer is larger than the limit of {0} bytes (MaxJsonBodyBytes) once decompressed", limit),
                RedactOrNull(ErrorBody.RequestIdHeader(response)), RedactServerText(response.ReasonPhrase))
            {
                Problem = GladiaAnswerProblem.TooLarge,
            };

        internal void Log(string line)
        {
            var log = _settings.Log;
            if (log != null)
            {
                log(Redact(line));
            }
        }

        private ResiliencePipeline<HttpResponseMessage> BuildPipeline(RetryMode mode)
        {
            var http = _settings.Http;
            if (http.MaxRetries == 0)
            {
                return ResiliencePipeline<HttpResponseMessage>.Empty;
            }

            var options = new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = http.MaxRetries,
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.Zero,
                UseJitter = false,
                ShouldHandle = args => new ValueTask<bool>(
                    args.Outcome.Exception is Exception exception
                        ? !(exception is OperationCanceledException) && RetryClassifier.IsRetryableException(exception, mode)
                        : args.Outcome.Result is HttpResponseMessage result && RetryClassifier.IsRetryableStatus((int)result.StatusCode, mode) &&
                          !AsksForTooLongAWait(result)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    RetryDelay.Compute(args.AttemptNumber, args.Outcome.Result, http, _settings.TimeProvider.GetUtcNow())),
                OnRetry = args =>
                {
                    var what = args.Outcome.Exception is Exception e
                        ? e.GetType().Name + ": " + e.Message
                        : "status " + ((int)args.Outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture);
                    Log(string.Format(CultureInfo.InvariantCulture, "attempt {0} failed ({1}); retrying in {2:0.###} s",
                        args.AttemptNumber + 1, what, args.RetryDelay.TotalSeconds));
                    if (args.Context.Properties.TryGetValue(SpecKey, out var spec) && spec.Retrying is { } retrying)
                    {
                        retrying.Report(new GladiaRetryNotice(spec.Method.Method, spec.DisplayPath, args.AttemptNumber + 1,
                            args.Outcome.Result is { } answer ? (int)answer.StatusCode : null,
                            args.Outcome.Exception is { } failure ? Redact(failure.GetType().Name + ": " + failure.Message) : null, args.RetryDelay));
                    }

                    return default;
                },
            };

            return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _settings.TimeProvider }
                .AddRetry(options)
                .Build();
        }

        /// <summary>A <c>Retry-After</c> beyond <see cref="GladiaHttpOptions.MaxRetryAfter"/>: retrying sooner would only be refused again.</summary>
        private bool AsksForTooLongAWait(HttpResponseMessage response) =>
            RetryDelay.FromRetryAfter(response, _settings.TimeProvider.GetUtcNow()) is TimeSpan wait && wait > _settings.Http.MaxRetryAfter;

        /// <summary>One attempt: follows redirects, all within one timeout that ends when the final headers arrive.</summary>
        private async Task<HttpResponseMessage> SendAttemptAsync(RequestSpec spec, int attempt, CancellationToken cancellationToken)
        {
            using var timeoutSource = _settings.TimeProvider.CreateCancellationTokenSource(spec.Timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
            try
            {
                var response = await FollowRedirectsAsync(spec, attempt, linked.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    // Read the error body while the timer runs: a server that sends error headers and then
                    // stalls must not hang the caller.
                    await BufferErrorBodyAsync(response, linked.Token).ConfigureAwait(false);
                }

                return response;
            }
            catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                Log(string.Format(CultureInfo.InvariantCulture, "{0} {1}: no response within {2:0.###} s (attempt {3})",
                    spec.Method, spec.DisplayPath, spec.Timeout.TotalSeconds, attempt));
                throw new AttemptTimeoutException(spec.Timeout);
            }
        }

        private async Task<HttpResponseMessage> FollowRedirectsAsync(RequestSpec spec, int attempt, CancellationToken cancellationToken)
        {
            var method = spec.Method;
            var url = spec.Url;
            var body = spec.JsonBody;
            var contentFactory = spec.ContentFactory;
            var sendCredentials = spec.SendCredentials;

            for (var hop = 0; ; hop++)
            {
                using var request = BuildRequest(method, url, body, sendCredentials);
                if (contentFactory != null)
                {
                    request.Content = contentFactory();
                }

                Log(string.Format(CultureInfo.InvariantCulture, "{0} {1} (attempt {2}{3})", method, SecretRedactor.RedactUrl(url), attempt,
                    hop > 0 ? ", redirect " + hop.ToString(CultureInfo.InvariantCulture) : string.Empty));
                var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                Log(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2}", method, SecretRedactor.RedactUrl(url), status));

                var location = response.Headers.Location;
                if (!IsRedirect(status) || location is null)
                {
                    return response;
                }

                using (response)
                {
                    if (hop + 1 > _settings.Http.MaxRedirects)
                    {
                        throw new GladiaApiException(status, spec.Method.Method, spec.DisplayPath,
                            string.Format(CultureInfo.InvariantCulture, "more than {0} redirects", _settings.Http.MaxRedirects),
                            RedactOrNull(ErrorBody.RequestIdHeader(response)), attempts: attempt);
                    }

                    await DrainAsync(response, cancellationToken).ConfigureAwait(false);
                }

                var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                {
                    throw new GladiaApiException(status, spec.Method.Method, spec.DisplayPath,
                        "redirect to an unsupported scheme '" + next.Scheme + "'", null, attempts: attempt);
                }

                // Credentials stay with the origin they were meant for; once dropped they stay dropped.
                if (!SameOrigin(url, next))
                {
                    sendCredentials = false;
                }

                if (status == 303 || ((status == 301 || status == 302) && method == HttpMethod.Post))
                {
                    method = HttpMethod.Get;
                    body = null;
                    contentFactory = null;
                }

                url = next;
            }
        }

        private HttpRequestMessage BuildRequest(HttpMethod method, Uri url, byte[]? body, bool sendCredentials)
        {
            var request = new HttpRequestMessage(method, url);
            request.Headers.TryAddWithoutValidation("x-gladia-version", _settings.VersionHeaderValue);
            foreach (var header in _settings.NormalizedExtraHeaders())
            {
                if (!sendCredentials && CrossOriginDroppedHeaders.Contains(header.Key))
                {
                    continue;
                }

                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (sendCredentials && !string.IsNullOrEmpty(_settings.ApiKey))
            {
                request.Headers.TryAddWithoutValidation("x-gladia-key", _settings.ApiKey);
            }

            if (body != null)
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Content = content;
            }

            return request;
        }

        private static bool IsRedirect(int status) => status == 301 || status == 302 || status == 303 || status == 307 || status == 308;

        internal static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
            && a.Port == b.Port;

        private static async Task DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            if (response.Content is null)
            {
                return;
            }

            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new byte[8192];
            var total = 0;
            int read;
            while (total < MaxDrainedRedirectBytes && (read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }
        }

        private static async Task BufferErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            if (response.Content is null)
            {
                return;
            }

            var original = response.Content;
            byte[] bytes;
            using (var stream = await original.ReadAsStreamAsync().ConfigureAwait(false))
            using (var memory = new MemoryStream())
            {
                var buffer = new byte[8192];
                int read;
                while (memory.Length < MaxErrorBodyBytes
                       && (read = await stream.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, MaxErrorBodyBytes - memory.Length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    memory.Write(buffer, 0, read);
                }

                bytes = memory.ToArray();
            }

            var replacement = new ByteArrayContent(bytes);
            foreach (var header in original.Headers)
            {
                replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            replacement.Headers.ContentLength = bytes.Length;
            response.Content = replacement;
            original.Dispose();
        }

        private async Task<GladiaApiException> ToExceptionAsync(HttpResponseMessage response, RequestSpec spec, int attempts)
        {
            var bytes = response.Content is null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var text = Redact(ErrorBody.Excerpt(bytes, MaxErrorBodyBytes));
            var (message, requestId) = ErrorBody.Parse(text, response.Content?.Headers.ContentType?.MediaType);
            requestId ??= ErrorBody.RequestIdHeader(response);
            var shown = text.Length > MaxShownBodyChars ? text.Substring(0, MaxShownBodyChars) + "…" : text;
            var status = (int)response.StatusCode;
            var wait = RetryDelay.FromRetryAfter(response, _settings.TimeProvider.GetUtcNow());
            if (wait is TimeSpan tooLong && tooLong > _settings.Http.MaxRetryAfter && _settings.Http.MaxRetries > 0 &&
                RetryClassifier.IsRetryableStatus(status, spec.RetryMode))
            {
                return new GladiaApiException(status, spec.Method.Method, spec.DisplayPath,
                    RedactOrNull(message), RedactOrNull(requestId), RedactServerText(response.ReasonPhrase), shown, attempts, tooLong, _settings.Http.MaxRetryAfter);
            }

            return new GladiaApiException(status, spec.Method.Method, spec.DisplayPath,
                RedactOrNull(message), RedactOrNull(requestId), RedactServerText(response.ReasonPhrase), shown, attempts) { RetryAfter = wait };
        }
    }
}
