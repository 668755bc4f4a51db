namespace GladiaPS.Core.Live
{
    /// <summary>Where a live session is in its life.</summary>
    public enum LiveSessionStatus
    {
        /// <summary>The init request (<c>POST /v2/live</c>) is in flight. Audio is already accepted and kept.</summary>
        Starting,

        /// <summary>The first connection is being opened (see the attempt number in <see cref="LiveSessionStatusChangedEventArgs"/>).</summary>
        Connecting,

        /// <summary>The socket is open; audio flows.</summary>
        Connected,

        /// <summary>The connection dropped; the session reconnects and then re-sends every unacknowledged byte.</summary>
        Reconnecting,

        /// <summary>Stop (or close) was requested and a connection is open: remaining audio, then the stop, are being sent.</summary>
        Ending,

        /// <summary>The session is over; see <see cref="GladiaLiveSession.Completion"/> for how it ended.</summary>
        Ended,
    }
}
