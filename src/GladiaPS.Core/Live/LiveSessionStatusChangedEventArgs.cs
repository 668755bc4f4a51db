using System;

namespace GladiaPS.Core.Live
{
    /// <summary>
    /// A change of status, or a new connection attempt while connecting. <see cref="Attempt"/> counts the
    /// attempts in a row that made no progress (1 for the first try after a connection that proved itself),
    /// not connections.
    /// </summary>
    public sealed class LiveSessionStatusChangedEventArgs : EventArgs
    {
        public LiveSessionStatusChangedEventArgs(
            LiveSessionStatus status, LiveSessionStatus previousStatus, int attempt, int reconnects, string? detail)
        {
            Status = status;
            PreviousStatus = previousStatus;
            Attempt = attempt;
            Reconnects = reconnects;
            Detail = detail;
        }

        public LiveSessionStatus Status { get; }

        public LiveSessionStatus PreviousStatus { get; }

        /// <summary>
        /// While connecting or reconnecting: which attempt this is since the last connection that proved itself
        /// (1-based; see <see cref="LiveConnectionOptions.MaxAttemptsWithoutProgress"/>); otherwise 0.
        /// </summary>
        public int Attempt { get; }

        /// <summary>Successful reconnections so far.</summary>
        public int Reconnects { get; }

        /// <summary>Why the status changed, for example the close code of a dropped connection or why an attempt failed.</summary>
        public string? Detail { get; }

        public override string ToString() =>
            Attempt > 0 ? Status + " (attempt " + Attempt + ")" + (Detail is null ? string.Empty : ": " + Detail)
                        : Status + (Detail is null ? string.Empty : ": " + Detail);
    }
}
