using System;
using System.Collections.Generic;
using System.Globalization;

namespace GladiaPS.Core.Rest
{
    /// <summary>
    /// A REST call that the server answered with an error (or with a response the client cannot use).
    /// The message reads like Gladia's SDK: <c>message | request_id | status | METHOD /path</c>.
    /// Nothing in it carries the API key, even when the server echoes the key back.
    /// </summary>
    public sealed class GladiaApiException : Exception
    {
        public GladiaApiException(int statusCode, string method, string path, string? serverMessage, string? requestId,
            string? reasonPhrase = null, string? responseBody = null, int attempts = 1, Exception? innerException = null)
            : base(BuildMessage(statusCode, method, path, serverMessage, requestId, reasonPhrase), innerException)
        {
            StatusCode = statusCode;
            Method = method;
            Path = path;
            ServerMessage = serverMessage;
            RequestId = requestId;
            ResponseBody = responseBody;
            Attempts = attempts;
        }

        /// <summary>
        /// Builds the exception for a transient refusal whose <c>Retry-After</c> asks for a longer wait than the
        /// client allows (<see cref="Configuration.GladiaHttpOptions.MaxRetryAfter"/>): not retried, and the message says how long the server asked for.
        /// </summary>
        internal GladiaApiException(int statusCode, string method, string path, string? serverMessage, string? requestId,
            string? reasonPhrase, string? responseBody, int attempts, TimeSpan retryAfter, TimeSpan maxRetryAfter)
            : base(BuildMessage(statusCode, method, path, WithWait(serverMessage ?? reasonPhrase, retryAfter, maxRetryAfter), requestId, reasonPhrase))
        {
            StatusCode = statusCode;
            Method = method;
            Path = path;
            ServerMessage = serverMessage;
            RequestId = requestId;
            ResponseBody = responseBody;
            Attempts = attempts;
            RetryAfter = retryAfter;
        }

        /// <summary>
        /// What was wrong with an answer the server gave without an error status: <see cref="GladiaAnswerProblem.None"/> when the
        /// server refused (the status says why), else an answer that is not what was asked for, or larger than a limit.
        /// </summary>
        public GladiaAnswerProblem Problem { get; internal set; }

        /// <summary>The wait the server asked for with <c>Retry-After</c>, when it gave one.</summary>
        public TimeSpan? RetryAfter { get; internal set; }

        /// <summary>HTTP status of the final response.</summary>
        public int StatusCode { get; }

        /// <summary>The body's <c>request_id</c>, else the <c>x-aipi-call-id</c> header; quote it to Gladia's support.</summary>
        public string? RequestId { get; }

        /// <summary>The server's own explanation (<c>message</c>, <c>error.message</c>, validation errors), if it gave one.</summary>
        public string? ServerMessage { get; }

        /// <summary>HTTP method of the request.</summary>
        public string Method { get; }

        /// <summary>URL path of the request, without host or query.</summary>
        public string Path { get; }

        /// <summary>The start of the response body (at most 16 KiB), secrets removed.</summary>
        public string? ResponseBody { get; }

        /// <summary>How many attempts were made, retries included.</summary>
        public int Attempts { get; }

        /// <summary>True for a status worth retrying later (408, 429, 5xx).</summary>
        public bool IsTransient => StatusCode == 408 || StatusCode == 429 || (StatusCode >= 500 && StatusCode <= 599);

        private static string WithWait(string? text, TimeSpan retryAfter, TimeSpan maxRetryAfter) =>
            (string.IsNullOrWhiteSpace(text) ? "an error occurred" : text) + string.Format(
                CultureInfo.InvariantCulture,
                " (the server asks to wait {0:0.###} s before trying again, longer than MaxRetryAfter allows ({1:0.###} s), so it was not retried; try again after that wait)",
                retryAfter.TotalSeconds,
                maxRetryAfter.TotalSeconds);

        private static string BuildMessage(int statusCode, string method, string path, string? serverMessage, string? requestId, string? reasonPhrase)
        {
            var parts = new List<string>();
            var text = !string.IsNullOrWhiteSpace(serverMessage) ? serverMessage!
                : !string.IsNullOrWhiteSpace(reasonPhrase) ? reasonPhrase!
                : "an error occurred";
            parts.Add(text);
            if (!string.IsNullOrWhiteSpace(requestId))
            {
                parts.Add(requestId!);
            }

            parts.Add(statusCode.ToString(CultureInfo.InvariantCulture));
            parts.Add(method + " " + path);
            return string.Join(" | ", parts);
        }
    }
}
