using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Rest;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// The failure that ends a whole batch, because every further input would meet it too: the key refused (401, 403),
    /// an option refused when a session or job is created (400, 422 on POST /v2/live or /v2/pre-recorded, the options
    /// being the same for every input), or the server out of reach. The first one is kept and the rest of the batch stopped (what it opened is
    /// closed); the pipeline thread then throws it once, as a terminating error, instead of one error per file.
    /// </summary>
    internal sealed class BatchFailure : IDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly Action _wake;
        private readonly string? _apiUrl;
        private ErrorRecord? _error;

        /// <param name="cancellation">The command's own cancellation (Ctrl+C), which stops the batch too.</param>
        /// <param name="wake">Wakes the pipeline thread, so it sees the failure at once.</param>
        /// <param name="apiUrl">The API's URL as shown (redacted), to say where an unreachable server was looked for.</param>
        public BatchFailure(CancellationToken cancellation, Action wake, string? apiUrl)
        {
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            _wake = wake;
            _apiUrl = apiUrl;
        }

        /// <summary>Cancelled by Ctrl+C or once the batch has failed: what the runs of the batch use.</summary>
        public CancellationToken Token => _stop.Token;

        /// <summary>The error that ended the batch, or null while it goes on.</summary>
        public ErrorRecord? Error => Volatile.Read(ref _error);

        /// <summary>
        /// Whether <paramref name="exception"/> would fail every input of the batch alike. An option refused when a session or
        /// job is created counts only when <paramref name="sameRequest"/>: the request is the same for every input but its audio
        /// (a URL the user gave may be what the server refused).
        /// </summary>
        public static bool IsBatchWide(Exception exception, bool sameRequest = true) => exception switch
        {
            GladiaApiException { StatusCode: 401 or 403 } => true,
            GladiaApiException { StatusCode: 400 or 422, Method: "POST" } api => sameRequest && IsCreation(api.Path),
            _ => IsUnreachable(exception),
        };

        /// <summary>
        /// For commands that take ids: whether <paramref name="exception"/> would meet every further id. Only a refused key or
        /// an unreachable server: a 403 may concern that id alone (a job of another workspace), and the next id goes on.
        /// </summary>
        public static bool FailsEveryId(Exception exception) =>
            exception is GladiaApiException { StatusCode: 401 } || IsUnreachable(exception);

        /// <summary>A request that never reached a server: refused, or a host name that does not resolve.</summary>
        public static bool IsUnreachable(Exception exception)
        {
            if (exception is not HttpRequestException)
            {
                return false;
            }

            for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
            {
                if (inner is SocketException)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Takes <paramref name="exception"/> as the batch's failure when it is batch-wide (the first one wins; later ones
        /// are the same failure met by other inputs) and stops the batch. False when it concerns only its own input.
        /// </summary>
        public bool TryFail(Exception exception, object? target, bool sameRequest = true)
        {
            if (!IsBatchWide(exception, sameRequest))
            {
                return false;
            }

            var record = Describe(exception, target, _apiUrl);
            if (Interlocked.CompareExchange(ref _error, record, null) is null)
            {
                _stop.Cancel();
                _wake();
            }

            return true;
        }

        /// <summary>
        /// The one error for a batch-wide <paramref name="exception"/>: in one line, an unreachable server as a
        /// <c>ServerUnreachable</c> <see cref="ErrorCategory.ConnectionError"/> naming <paramref name="apiUrl"/> (shown redacted).
        /// </summary>
        public static ErrorRecord Describe(Exception exception, object? target, string? apiUrl)
        {
            var record = GladiaErrors.From(exception, target);
            var message = record.ErrorDetails.Message;
            if (IsUnreachable(exception))
            {
                record = new ErrorRecord(exception, "ServerUnreachable", ErrorCategory.ConnectionError, target);
                message = "Could not reach the Gladia API" + (apiUrl is null ? string.Empty : " at " + apiUrl) + ": " + exception.Message;
            }

            record.ErrorDetails = new ErrorDetails(OneLine(message) + " Nothing more was sent: every other input would fail alike.")
            {
                RecommendedAction = record.ErrorDetails?.RecommendedAction,
            };
            return record;
        }

        /// <summary>
        /// Once the batch has failed: lets the stopped inputs (<paramref name="running"/>) close what they opened, writing what
        /// they say, then ends <paramref name="cmdlet"/> with the one error. Does nothing while the batch goes on. Pipeline thread only.
        /// </summary>
        public void ThrowIfFailed(GladiaCmdletBase cmdlet, IReadOnlyCollection<Task> running)
        {
            if (Error is { } error)
            {
                cmdlet.WaitUntil(() => running.All(t => t.IsCompleted), Task.WhenAll(running));
                cmdlet.Terminate(error);
            }
        }

        public void Dispose() => _stop.Dispose();

        private static bool IsCreation(string path)
        {
            var trimmed = path.TrimEnd('/');
            return trimmed.EndsWith("/v2/live", StringComparison.Ordinal) || trimmed.EndsWith("/v2/pre-recorded", StringComparison.Ordinal);
        }

        private static string OneLine(string text)
        {
            return text.Replace("\r", " ").Replace("\n", " ").Trim().TrimEnd('.') + ".";
        }
    }
}
