namespace GladiaPS.Core.Live
{
    /// <summary>How a live session ended.</summary>
    public enum LiveSessionEndReason
    {
        /// <summary>The client sent <c>stop_recording</c> and the server finished and closed with 1000.</summary>
        Completed,

        /// <summary>The client closed with 1000 (the server post-processes in the background).</summary>
        ClosedByClient,

        /// <summary>The server closed with 1000 before the client asked to stop (for example the session's time limit).</summary>
        ClosedByServer,

        /// <summary>
        /// The server closed with a code that a retry cannot fix (below 1000, 4400–4499, 1003, 1007, 1008, or 1009 when
        /// frames cannot get smaller), or refused the WebSocket upgrade with 400, 401, 403, 404 or 410.
        /// </summary>
        Rejected,

        /// <summary>The connection could not be (re-)established within the configured attempts, or attempts kept making no progress.</summary>
        ConnectionFailed,

        /// <summary>The session's init request failed.</summary>
        StartFailed,

        /// <summary>The caller disposed the session before it ended.</summary>
        Disposed,
    }
}
