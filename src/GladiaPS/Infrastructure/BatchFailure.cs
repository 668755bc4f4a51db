using System;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using GladiaPS.Core.Rest;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// The failure that ends a whole batch, because every further input would meet it too: the key refused (401, 403),
    /// an option refused when a session is created (400, 422 on POST /v2/live, the options being the same for every
    /// input), or the server out of reach. The first one is kept and the rest of the batch stopped (what it opened is
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

        /// <summary>Whether <paramref name="exception"/> would fail every input of the batch alike.</summary>
        public static bool IsBatchWide(Exception exception) => exception switch
        {
            GladiaApiException { StatusCode: 401 or 403 } => true,
            GladiaApiException { StatusCode: 400 or 422, Method: "POST" } api => api.Path.TrimEnd('/').EndsWith("/v2/live", StringComparison.Ordinal),
            _ => IsUnreachable(exception),
        };

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
        public bool TryFail(Exception exception, object? target)
        {
            if (!IsBatchWide(exception))
            {
                return false;
            }

            var record = GladiaErrors.From(exception, target);
            var message = record.ErrorDetails.Message;
            if (IsUnreachable(exception))
            {
                record = new ErrorRecord(exception, "ServerUnreachable", ErrorCategory.ConnectionError, target);
                message = "Could not reach the Gladia API" + (_apiUrl is null ? string.Empty : " at " + _apiUrl) + ": " + exception.Message;
            }

            record.ErrorDetails = new ErrorDetails(OneLine(message) + " Nothing more was sent: every other input would fail alike.")
            {
                RecommendedAction = record.ErrorDetails?.RecommendedAction,
            };
            if (Interlocked.CompareExchange(ref _error, record, null) is null)
            {
                _stop.Cancel();
                _wake();
            }

            return true;
        }

        public void Dispose() => _stop.Dispose();

        private static string OneLine(string text)
        {
            return text.Replace("\r", " ").Replace("\n", " ").Trim().TrimEnd('.') + ".";
        }
    }
}
