using System;
using System.Globalization;

namespace GladiaPS.Core.Live
{
    /// <summary>A snapshot of a session's counters.</summary>
    public sealed class LiveSessionStatistics
    {
        /// <summary>Audio bytes accepted from the caller.</summary>
        public long BytesQueued { get; internal set; }

        /// <summary>Audio bytes written to sockets, re-sent bytes included.</summary>
        public long BytesSent { get; internal set; }

        /// <summary>Audio bytes written again after a reconnect because their acknowledgment had not arrived.</summary>
        public long BytesResent { get; internal set; }

        /// <summary>The server's acknowledged byte count.</summary>
        public long BytesAcknowledged { get; internal set; }

        /// <summary>Memory held now for audio the server has not acknowledged.</summary>
        public long BacklogBytes { get; internal set; }

        /// <summary>Audio frames written to sockets.</summary>
        public long FramesSent { get; internal set; }

        /// <summary>Messages received from the server, acknowledgments included.</summary>
        public long MessagesReceived { get; internal set; }

        /// <summary>Successful reconnections.</summary>
        public int Reconnects { get; internal set; }

        /// <summary>Connection attempts, failed ones included.</summary>
        public int ConnectionAttempts { get; internal set; }

        /// <summary>Partial transcripts dropped because <see cref="LiveConnectionOptions.MaxUnreadPartials"/> were already waiting unread.</summary>
        public long PartialsDropped { get; internal set; }

        /// <summary>Messages dropped unread because the unread ones had used up <see cref="LiveConnectionOptions.MaxUnreadMessageBytes"/>.</summary>
        public long MessagesDropped { get; internal set; }

        /// <summary>Seconds since the session object was created, frozen when it ends (seconds, as every time the objects carry).</summary>
        public double ElapsedSeconds { get; internal set; }

        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "sent {0} B (re-sent {1} B), acknowledged {2} B, backlog {3} B, reconnects {4}, elapsed {5:0.000} s",
            BytesSent, BytesResent, BytesAcknowledged, BacklogBytes, Reconnects, ElapsedSeconds);
    }
}
