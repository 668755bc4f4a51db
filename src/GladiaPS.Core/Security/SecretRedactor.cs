using System;
using System.Collections.Generic;
using System.Text;

namespace GladiaPS.Core.Security
{
    /// <summary>
    /// Removes secrets from text and URLs before they reach an exception message, a log line or
    /// <c>ToString()</c>: the API key, the WebSocket URL's token and signed-storage parameters.
    /// </summary>
    public static class SecretRedactor
    {
        /// <summary>What a removed secret is replaced with.</summary>
        public const string Mask = "***";

        // Query parameters whose values grant access: the live URL's token and the usual names of
        // signed object-storage URLs (the audio file redirect points at one).
        private static readonly string[] SensitiveQueryNameParts =
        {
            "token", "key", "signature", "sig", "credential", "secret", "password", "auth",
        };

        /// <summary>The URL with every credential-bearing query value and any user information replaced by <see cref="Mask"/>.</summary>
        public static string RedactUrl(Uri? url) => RedactUrl(url, everyQueryValue: false);

        /// <summary>
        /// A live session's WebSocket URL with every query value replaced by <see cref="Mask"/>. The URL is
        /// opaque and its query authenticates the socket, so no query value of it is shown, whatever its name.
        /// </summary>
        public static string RedactLiveUrl(Uri? url) => RedactUrl(url, everyQueryValue: true);

        /// <summary>The text with every spelling of a live session's URL (and of its query alone) redacted as by <see cref="RedactLiveUrl"/>.</summary>
        public static string ScrubLiveUrl(string? text, Uri url)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            var redacted = RedactLiveUrl(url);
            var result = ReplaceOrdinal(text!, url.OriginalString, redacted);
            if (url.IsAbsoluteUri)
            {
                result = ReplaceOrdinal(result, url.AbsoluteUri, redacted);
                if (url.Query.Length > 1)
                {
                    result = ReplaceOrdinal(result, url.Query.Substring(1), RedactQuery(url.Query, everyValue: true).Substring(1));
                }
            }

            return result;
        }

        private static string RedactUrl(Uri? url, bool everyQueryValue)
        {
            if (url is null)
            {
                return string.Empty;
            }

            if (!url.IsAbsoluteUri)
            {
                return RedactQuery(url.OriginalString, everyQueryValue);
            }

            var builder = new StringBuilder();
            builder.Append(url.Scheme).Append("://");
            if (!string.IsNullOrEmpty(url.UserInfo))
            {
                builder.Append(Mask).Append('@');
            }

            builder.Append(url.IsDefaultPort ? url.Host : url.Host + ":" + url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.Append(url.AbsolutePath);
            var query = url.Query;
            if (query.Length > 1)
            {
                builder.Append(RedactQuery(query, everyQueryValue));
            }

            return builder.ToString();
        }

        /// <summary>The text with every occurrence of each secret (plain and URL-escaped) replaced by <see cref="Mask"/>.</summary>
        public static string RedactText(string? text, params string?[] secrets)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            var result = text!;
            foreach (var secret in secrets)
            {
                if (string.IsNullOrEmpty(secret))
                {
                    continue;
                }

                result = ReplaceOrdinal(result, secret!, Mask);
                var escaped = Uri.EscapeDataString(secret!);
                if (!string.Equals(escaped, secret, StringComparison.Ordinal))
                {
                    result = ReplaceOrdinal(result, escaped, Mask);
                }
            }

            return result;
        }

        /// <summary>
        /// Text a server chose, fit to show on one line: control characters (line breaks included) become spaces, and
        /// it is cut at <paramref name="maxChars"/> with an ellipsis.
        /// </summary>
        public static string Printable(string? text, int maxChars)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            var length = Math.Min(text!.Length, maxChars);
            var builder = new StringBuilder(length + 1);
            for (var i = 0; i < length; i++)
            {
                builder.Append(char.IsControl(text[i]) ? ' ' : text[i]);
            }

            if (text.Length > maxChars)
            {
                builder.Append('…');
            }

            return builder.ToString();
        }

        private static string RedactQuery(string text, bool everyValue)
        {
            var questionMark = text.IndexOf('?');
            if (questionMark < 0)
            {
                return text;
            }

            var fragmentStart = text.IndexOf('#', questionMark);
            var query = fragmentStart < 0 ? text.Substring(questionMark + 1) : text.Substring(questionMark + 1, fragmentStart - questionMark - 1);
            var parts = new List<string>();
            foreach (var pair in query.Split('&'))
            {
                var equals = pair.IndexOf('=');
                var name = equals < 0 ? pair : pair.Substring(0, equals);
                parts.Add(equals >= 0 && (everyValue || IsSensitiveName(Uri.UnescapeDataString(name))) ? name + "=" + Mask : pair);
            }

            return text.Substring(0, questionMark + 1) + string.Join("&", parts);
        }

        private static bool IsSensitiveName(string name)
        {
            foreach (var part in SensitiveQueryNameParts)
            {
                if (name.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static string ReplaceOrdinal(string text, string oldValue, string newValue)
        {
            var index = text.IndexOf(oldValue, StringComparison.Ordinal);
            if (index < 0)
            {
                return text;
            }

            var builder = new StringBuilder(text.Length);
            var start = 0;
            while (index >= 0)
            {
                builder.Append(text, start, index - start).Append(newValue);
                start = index + oldValue.Length;
                index = text.IndexOf(oldValue, start, StringComparison.Ordinal);
            }

            builder.Append(text, start, text.Length - start);
            return builder.ToString();
        }
    }
}
