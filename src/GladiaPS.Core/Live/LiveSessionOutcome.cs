namespace GladiaPS.Core.Live
{
    /// <summary>How and why a live session ended, with its final statistics.</summary>
    public sealed class LiveSessionOutcome
    {
        internal LiveSessionOutcome(
            LiveSessionEndReason reason, int? closeStatus, string? closeDescription, string? errorMessage, LiveSessionStatistics statistics)
        {
            Reason = reason;
            CloseStatus = closeStatus;
            CloseDescription = closeDescription;
            ErrorMessage = errorMessage;
            Statistics = statistics;
        }

        public LiveSessionEndReason Reason { get; }

        /// <summary>True when the session ended as the client asked (stop answered by the server, or a client close).</summary>
        public bool Succeeded => Reason is LiveSessionEndReason.Completed or LiveSessionEndReason.ClosedByClient;

        /// <summary>The WebSocket close code of the last connection, when a close frame arrived.</summary>
        public int? CloseStatus { get; }

        public string? CloseDescription { get; }

        /// <summary>What went wrong, when the session did not succeed.</summary>
        public string? ErrorMessage { get; }

        public LiveSessionStatistics Statistics { get; }

        public override string ToString() =>
            Reason + (CloseStatus is null ? string.Empty : " (" + CloseStatus + ")") + (ErrorMessage is null ? string.Empty : ": " + ErrorMessage);
    }
}
