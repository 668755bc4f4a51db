using System;
using GladiaPS.Core.Security;

namespace GladiaPS.Core.Live
{
    /// <summary>Where a live session lives: its id and the WebSocket URL (with its secret token).</summary>
    internal sealed class LiveSessionEndpoint
    {
        public LiveSessionEndpoint(string id, Uri url)
        {
            Id = id;
            Url = url;
        }

        public string Id { get; }

        public Uri Url { get; }

        public override string ToString() => Id + " " + SecretRedactor.RedactLiveUrl(Url);
    }
}
