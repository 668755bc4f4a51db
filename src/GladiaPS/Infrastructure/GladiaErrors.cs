using System;
using System.IO;
using System.Management.Automation;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Capture;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;

namespace GladiaPS.Infrastructure
{
    /// <summary>Turns what the core throws into error records with an id, a category and the target the user gave.</summary>
    internal static class GladiaErrors
    {
        public static ErrorRecord From(Exception exception, object? target, string? context = null)
        {
            if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
            {
                exception = aggregate.InnerException!;
            }

            var (id, category) = Classify(exception);
            var record = new ErrorRecord(exception, id, category, target);
            var message = exception is GladiaApiException api ? DescribeApiError(api) : exception.Message;
            // The core's audio errors already name the file; say it once.
            if (context is not null && message.IndexOf(context.Trim('\''), StringComparison.OrdinalIgnoreCase) < 0)
            {
                message = context + ": " + message;
            }

            record.ErrorDetails = new ErrorDetails(message);
            if (exception is GladiaApiException { StatusCode: 401 })
            {
                record.ErrorDetails.RecommendedAction = "Check the key: pass -ApiKey, or set $env:GLADIA_API_KEY to a key from app.gladia.io.";
            }

            return record;
        }

        /// <summary>
        /// Posts the error for an input that failed, after what the tool behind it wrote (ffmpeg's whole output) as
        /// verbose text: the error itself says only the telling line.
        /// </summary>
        public static void Post(GladiaCmdletBase cmdlet, Exception exception, object? target, string? context = null)
        {
            for (var inner = exception; inner is not null; inner = inner.InnerException)
            {
                if (inner is AudioFormatException { ToolOutput: { } output })
                {
                    cmdlet.PostVerbose("What the tool wrote for " + (context ?? target?.ToString() ?? "the input") + ":" + Environment.NewLine + output);
                    break;
                }
            }

            cmdlet.PostError(From(exception, target, context));
        }

        public static ErrorRecord Create(string message, string id, ErrorCategory category, object? target, string? recommendedAction = null)
        {
            var record = new ErrorRecord(new InvalidOperationException(message), id, category, target);
            if (recommendedAction is not null)
            {
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
            }

            return record;
        }

        /// <summary>The status, the server's words and the request id, in that order, so a support ticket can quote it.</summary>
        public static string DescribeApiError(GladiaApiException api)
        {
            var what = api.Problem switch
            {
                GladiaAnswerProblem.Unusable => "The server's answer cannot be used",
                GladiaAnswerProblem.TooLarge => "The server's answer is past a limit",
                _ => Refusal(api),
            };

            var text = what + " on " + api.Method + " " + api.Path;
            if (!string.IsNullOrWhiteSpace(api.ServerMessage))
            {
                text += ": " + api.ServerMessage;
            }

            if (!string.IsNullOrWhiteSpace(api.RequestId))
            {
                text += " (request id " + api.RequestId + ")";
            }

            return text;
        }

        private static string Refusal(GladiaApiException api) =>
            api.StatusCode switch
            {
                400 => "The server refused the request as malformed",
                401 => "The API key was refused (401)",
                403 => "The API key may not do this (403)",
                404 => "Not found (404)",
                422 => "The server refused an option (422)",
                413 => "The server refused it as too large (413)",
                415 => "The server cannot read it as audio or video (415)",
                429 => "Too many requests (429), still refused after " + api.Attempts + " attempts",
                _ when api.StatusCode >= 500 => "The server failed (" + api.StatusCode + ") after " + api.Attempts + " attempts",
                _ => "The server answered " + api.StatusCode,
            };

        private static (string Id, ErrorCategory Category) Classify(Exception exception) => exception switch
        {
            GladiaApiException { Problem: GladiaAnswerProblem.Unusable } => ("InvalidAnswer", ErrorCategory.InvalidResult),
            GladiaApiException { Problem: GladiaAnswerProblem.TooLarge } => ("AnswerTooLarge", ErrorCategory.LimitsExceeded),
            GladiaApiException { StatusCode: 401 } => ("ApiKeyRefused", ErrorCategory.AuthenticationError),
            GladiaApiException { StatusCode: 403 } => ("Forbidden", ErrorCategory.PermissionDenied),
            GladiaApiException { StatusCode: 404 } => ("NotFound", ErrorCategory.ObjectNotFound),
            GladiaApiException { StatusCode: 400 or 422 } => ("OptionRefused", ErrorCategory.InvalidArgument),
            GladiaApiException { StatusCode: 408 or 429 } => ("RateLimited", ErrorCategory.LimitsExceeded),
            GladiaApiException { StatusCode: 413 } => ("TooLarge", ErrorCategory.LimitsExceeded),
            GladiaApiException { StatusCode: 415 } => ("UnsupportedMedia", ErrorCategory.InvalidData),
            GladiaApiException => ("ApiError", ErrorCategory.ConnectionError),
            GladiaValidationException => ("InvalidOption", ErrorCategory.InvalidArgument),
            AudioFormatException => ("InvalidAudio", ErrorCategory.InvalidData),
            AudioCaptureException => ("DeviceError", ErrorCategory.ResourceUnavailable),
            FileNotFoundException or DirectoryNotFoundException => ("FileNotFound", ErrorCategory.ObjectNotFound),
            UnauthorizedAccessException => ("AccessDenied", ErrorCategory.PermissionDenied),
            IOException => ("ReadError", ErrorCategory.ReadError),
            TimeoutException => ("Timeout", ErrorCategory.OperationTimeout),
            System.Net.Http.HttpRequestException => ("ConnectionFailed", ErrorCategory.ConnectionError),
            ArgumentException => ("InvalidArgument", ErrorCategory.InvalidArgument),
            InvalidOperationException => ("InvalidOperation", ErrorCategory.InvalidOperation),
            _ => ("Failed", ErrorCategory.NotSpecified),
        };
    }
}
