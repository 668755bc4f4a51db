using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Live;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;

namespace GladiaPS.Infrastructure
{
    internal static class SessionFactory
    {
        /// <summary>Creates a session (init, then the WebSocket in the background) and registers it.</summary>
        public static async Task<GladiaSession> StartAsync(
            GladiaRestClient client, LiveSessionOptions options, LiveConnectionOptions connection, SessionAudioFormat format,
            IReadOnlyList<string>? paths, Guid runspaceId, GladiaCmdletBase listener, CancellationToken cancellationToken)
        {
            var relay = new SessionEventRelay();
            relay.Listen(listener);
            var live = await GladiaLiveSession.StartAsync(client, options, connection, relay.OnStatusChanged, cancellationToken).ConfigureAwait(false);
            var session = new GladiaSession(live, relay, format, paths, runspaceId);
            SessionRegistry.Add(session);
            return session;
        }
    }
}
