using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace GladiaPS.Core.Http
{
    /// <summary>
    /// Reads the server's message and request id from an error body in either shape (§2.2 and §11 #15):
    /// <c>{message, request_id, statusCode, …}</c> (message may be a string or a list, with optional
    /// <c>validation_errors</c>) or <c>{error: {status_code, exception, message}}</c>. Bodies that are not
    /// JSON are tolerated: a short plain-text body becomes the message, anything else is ignored.
    /// </summary>
    internal static class ErrorBody
    {
        private const int MaxPlainTextMessage = 300;

        public static (string? Message, string? RequestId) Parse(string? body, string? mediaType)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return (null, null);
            }

            var trimmed = body!.Trim();
            if (trimmed.StartsWith("{", StringComparison.Ordinal))
            {
                try
                {
                    using var document = JsonDocument.Parse(trimmed);
                    return FromJson(document.RootElement);
                }
                catch (JsonException)
                {
                    // Falls through to the plain-text rule.
                }
            }

            var isText = mediaType is null || mediaType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase);
            if (isText && trimmed.Length <= MaxPlainTextMessage && trimmed.IndexOf('\n') < 0 && trimmed.IndexOf('<') < 0)
            {
                return (trimmed, null);
            }

            return (null, null);
        }

        private static (string? Message, string? RequestId) FromJson(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var requestId = StringOf(root, "request_id") ?? StringOf(root, "requestId");
            var message = TextOf(root, "message");

            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object)
                {
                    message ??= TextOf(error, "message");
                    var exception = StringOf(error, "exception");
                    if (message is null)
                    {
                        message = exception;
                    }
                    else if (!string.IsNullOrWhiteSpace(exception) && message.IndexOf(exception!, StringComparison.Ordinal) < 0)
                    {
                        message = exception + ": " + message;
                    }

                    requestId ??= StringOf(error, "request_id");
                }
                else if (error.ValueKind == JsonValueKind.String)
                {
                    message ??= error.GetString();
                }
            }

            var validation = TextOf(root, "validation_errors");
            if (!string.IsNullOrWhiteSpace(validation))
            {
                message = string.IsNullOrWhiteSpace(message) ? validation : message + ": " + validation;
            }

            return (string.IsNullOrWhiteSpace(message) ? null : message, string.IsNullOrWhiteSpace(requestId) ? null : requestId);
        }

        /// <summary>The request id Gladia sends in the <c>x-aipi-call-id</c> header (every value, comma-separated), or null.</summary>
        public static string? RequestIdHeader(System.Net.Http.HttpResponseMessage response) =>
            response.Headers.TryGetValues("x-aipi-call-id", out var values) ? Security.SecretRedactor.Printable(string.Join(",", values), 200) : null;

        private static string? StringOf(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        // A message may be a string, a list of strings (framework validation errors) or objects with a message.
        private static string? TextOf(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                return null;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return value.GetString();
                case JsonValueKind.Array:
                    var items = new List<string>();
                    foreach (var item in value.EnumerateArray())
                    {
                        var text = item.ValueKind switch
                        {
                            JsonValueKind.String => item.GetString(),
                            JsonValueKind.Object => TextOf(item, "message") ?? item.GetRawText(),
                            _ => item.GetRawText(),
                        };
                        if (!string.IsNullOrWhiteSpace(text))
                        {
                            items.Add(text!);
                        }
                    }

                    return items.Count == 0 ? null : string.Join("; ", items);
                case JsonValueKind.Object:
                    return TextOf(value, "message") ?? value.GetRawText();
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    return null;
                default:
                    return value.GetRawText();
            }
        }

        /// <summary>Decodes at most <paramref name="limit"/> bytes as UTF-8 for display.</summary>
        public static string Excerpt(byte[] body, int limit)
        {
            var length = Math.Min(body.Length, limit);
            var text = Encoding.UTF8.GetString(body, 0, length);
            return body.Length > limit ? text + "…" : text;
        }
    }
}
