using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Http;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Rest
{
    public sealed partial class GladiaRestClient
    {
        /// <summary><c>GET /v2/live/{id}</c>: the job's status and, when done, its result.</summary>
        /// <exception cref="ArgumentException">No id given, or it is not shaped like an id (<see cref="GladiaId"/>).</exception>
        /// <exception cref="GladiaApiException">The server refused (401, 404, …) or sent something other than a job.</exception>
        public async Task<LiveJob> GetLiveJobAsync(string id, CancellationToken cancellationToken = default)
        {
            var spec = new RequestSpec(HttpMethod.Get, BuildUrl(LivePath + "/" + EscapeId(id)), _settings.Http.GetTimeout, RetryMode.Idempotent);
            using var response = await _sender.SendAsync(spec, cancellationToken).ConfigureAwait(false);
            var text = await ReadBodyAsync(response, spec, cancellationToken).ConfigureAwait(false);
            LiveJob job;
            try
            {
                job = LiveJob.Parse(text);
            }
            catch (FormatException e)
            {
                throw Unusable(response, spec, e.Message == LiveJob.NotAnObject ? "the answer is not a job object" : "the answer is not a usable job: " + e.Message);
            }

            return TheJobAskedFor(job, id, response, spec);
        }

        /// <summary>
        /// The job as the one asked for: its <see cref="GladiaJob.Id"/> is <paramref name="id"/>, whatever the answer says, so a
        /// server's text never decides which job a later command (a delete, a download) acts on. An answer that names another
        /// job is not that job's and is refused; one that names none is taken as the job asked for.
        /// </summary>
        private TJob TheJobAskedFor<TJob>(TJob job, string id, HttpResponseMessage response, RequestSpec spec)
            where TJob : GladiaJob
        {
            var asked = id.Trim();
            var answered = job.Id.Trim();
            if (answered.Length > 0 && !string.Equals(answered, asked, StringComparison.OrdinalIgnoreCase))
            {
                throw Unusable(response, spec, _sender.Redact("the answer is for another job (" +
                    (GladiaId.IsValid(answered) ? "'" + answered + "'" : "an id that is not an id") + "), not '" + asked + "'"));
            }

            job.Id = asked;
            return job;
        }

        /// <summary>
        /// <c>GET /v2/live</c>: every job matching the filter, page after page. Each following page is
        /// requested exactly as the server's <c>next</c> gives it; the key is sent only to the REST base's origin.
        /// </summary>
        /// <exception cref="Options.GladiaValidationException">A filter is out of range.</exception>
        /// <exception cref="GladiaApiException">A page was refused or is not a page.</exception>
        public async IAsyncEnumerable<LiveJob> ListLiveJobsAsync(LiveJobFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var job in ListJobsAsync(LivePath, filter, LiveJob.FromJson, cancellationToken).ConfigureAwait(false))
            {
                yield return job;
            }
        }

        /// <summary>Every item of the list at <paramref name="path"/>, page after page, each read by <paramref name="read"/>.</summary>
        private async IAsyncEnumerable<T> ListJobsAsync<T>(string path, LiveJobFilter? filter, Func<JsonElement, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            filter?.Validate();
            var query = filter?.ToQueryString();
            var url = BuildUrl(path, string.IsNullOrEmpty(query) ? null : query);
            var visited = new HashSet<string>(StringComparer.Ordinal);

            while (url != null)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!visited.Add(url.AbsoluteUri))
                {
                    // A server that points back at a page already read would otherwise loop for ever.
                    _sender.Log("list: 'next' repeats " + Security.SecretRedactor.RedactUrl(url) + "; stopping");
                    yield break;
                }

                if (visited.Count > _settings.Http.MaxListPages)
                {
                    // A server that hands out a new 'next' for ever would otherwise be followed for ever.
                    throw new GladiaApiException(200, "GET", "/" + path, string.Format(System.Globalization.CultureInfo.InvariantCulture,
                        "unexpected response: the list goes on past {0} pages (MaxListPages); it was stopped after the jobs already listed", _settings.Http.MaxListPages),
                        requestId: null)
                    {
                        Problem = GladiaAnswerProblem.TooLarge,
                    };
                }

                var page = await GetPageAsync(url, read, cancellationToken).ConfigureAwait(false);
                foreach (var job in page.Items)
                {
                    yield return job;
                }

                url = page.Next;
            }
        }

        /// <summary><c>DELETE /v2/live/{id}</c>: true when the server accepted the deletion (202), false for another 2xx.</summary>
        /// <remarks>
        /// A 404 on a retry (after a timeout, a dropped connection or a 5xx) means an earlier attempt deleted the job
        /// and only its answer was lost, so it counts as accepted; a 404 on the first attempt is reported.
        /// </remarks>
        /// <exception cref="GladiaApiException">The server refused (404, …).</exception>
        public async Task<bool> DeleteLiveJobAsync(string id, CancellationToken cancellationToken = default)
        {
            var spec = new RequestSpec(HttpMethod.Delete, BuildUrl(LivePath + "/" + EscapeId(id)), _settings.Http.DeleteTimeout, RetryMode.Idempotent);
            try
            {
                using var response = await _sender.SendAsync(spec, cancellationToken).ConfigureAwait(false);
                return (int)response.StatusCode == 202;
            }
            catch (GladiaApiException notFound) when (notFound.StatusCode == 404 && notFound.Attempts > 1)
            {
                _sender.Log("DELETE " + spec.DisplayPath + ": 404 on attempt " + notFound.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                    "; an earlier attempt deleted it, so the deletion counts as accepted");
                return true;
            }
        }

        private async Task<(List<T> Items, Uri? Next)> GetPageAsync<T>(Uri url, Func<JsonElement, T> read, CancellationToken cancellationToken)
        {
            var spec = new RequestSpec(HttpMethod.Get, url, _settings.Http.ListTimeout, RetryMode.Idempotent)
            {
                SendCredentials = GladiaHttpSender.SameOrigin(_settings.RestBaseUrl, url),
            };
            using var response = await _sender.SendAsync(spec, cancellationToken).ConfigureAwait(false);
            var text = await ReadBodyAsync(response, spec, cancellationToken).ConfigureAwait(false);

            var items = new List<T>();
            string? next;
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var array) || array.ValueKind != JsonValueKind.Array)
                {
                    throw Unusable(response, spec, "the answer is not a page with 'items'");
                }

                foreach (var item in array.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        items.Add(read(item));
                    }
                }

                next = root.TryGetProperty("next", out var nextElement) && nextElement.ValueKind == JsonValueKind.String ? nextElement.GetString() : null;
            }
            catch (JsonException)
            {
                throw Unusable(response, spec, "the answer is not JSON");
            }
            catch (FormatException e)
            {
                throw Unusable(response, spec, "a job in the page is not usable: " + e.Message);
            }

            if (string.IsNullOrWhiteSpace(next))
            {
                return (items, null);
            }

            if (!Uri.TryCreate(url, next, out var nextUrl) || (nextUrl.Scheme != Uri.UriSchemeHttp && nextUrl.Scheme != Uri.UriSchemeHttps))
            {
                throw Unusable(response, spec, "the page's 'next' is not an http(s) URL");
            }

            return (items, nextUrl);
        }

        /// <summary>The id as a URL segment, checked first: '.', '..', '/' or '?' in an id would change which resource a request names.</summary>
        internal static string EscapeId(string id) => Uri.EscapeDataString(GladiaId.Validate(id?.Trim(), nameof(id)));
    }
}
