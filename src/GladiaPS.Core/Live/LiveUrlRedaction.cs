using System;
using System.Text;

namespace GladiaPS.Core.Live
{
    /// <summary>
    /// Hides the temporary token of a session's WebSocket URL (it authenticates the socket, so it is a
    /// secret): every query value becomes <c>***</c>.
    /// </summary>
    internal static class LiveUrlRedaction
    {
        public static string Redact(Uri url)
        {
            if (!url.IsAbsoluteUri)
            {
                return RedactQuery(url.OriginalString);
            }

            var builder = new StringBuilder();
            builder.Append(url.GetLeftPart(UriPartial.Path));
            if (url.Query.Length > 1)
            {
                builder.Append(RedactQuery(url.Query));
            }

            return builder.ToString();
        }

        /// <summary>Removes the URL's query (and the whole URL) from a text such as an exception message.</summary>
        public static string Scrub(string text, Uri url)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

            var redacted = Redact(url);
            text = text.Replace(url.OriginalString, redacted);
            if (url.IsAbsoluteUri)
            {
                text = text.Replace(url.AbsoluteUri, redacted);
                if (url.Query.Length > 1)
                {
                    text = text.Replace(url.Query.Substring(1), RedactQuery(url.Query).Substring(1));
                }
            }

            return text;
        }

        private static string RedactQuery(string text)
        {
            var question = text.IndexOf('?');
            if (question < 0)
            {
                return text;
            }

            var builder = new StringBuilder(text.Substring(0, question + 1));
            var pairs = text.Substring(question + 1).Split('&');
            for (var i = 0; i < pairs.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append('&');
                }

                var equals = pairs[i].IndexOf('=');
                builder.Append(equals < 0 ? pairs[i] : pairs[i].Substring(0, equals + 1) + "***");
            }

            return builder.ToString();
        }
    }
}
