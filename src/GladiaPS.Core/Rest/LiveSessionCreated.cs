using System;
using System.Globalization;
using GladiaPS.Core.Security;
namespace GladiaPS.Core.Rest
{
    /// <summary>
    /// The answer to <c>POST /v2/live</c>: the session id and the WebSocket URL that carries its
    /// temporary token. Treat <see cref="Url"/> as a secret; <see cref="ToString"/> redacts the token.
    /// </summary>
    public sealed class LiveSessionCreated
    {
        public LiveSessionCreated(string id, Uri url, DateTimeOffset? createdAt)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException("id: a session id is required.", nameof(id));
            }

            Id = id;
            Url = url ?? throw new ArgumentNullException(nameof(url));
            CreatedAt = createdAt;
        }

        /// <summary>Job and session id: the <c>session_id</c> of every WebSocket message and the key of <c>GET /v2/live/{id}</c>.</summary>
        public string Id { get; }

        /// <summary>The WebSocket URL, resolved against the WebSocket base; opaque (never rebuild it).</summary>
        public Uri Url { get; }

        /// <summary>Creation time, when the server sent one.</summary>
        public DateTimeOffset? CreatedAt { get; }

        /// <summary>The WebSocket URL with its token replaced by <c>***</c>.</summary>
        public string RedactedUrl => SecretRedactor.RedactLiveUrl(Url);

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "Id={0}, Url={1}, CreatedAt={2:o}", Id, RedactedUrl, CreatedAt);
    }
}
