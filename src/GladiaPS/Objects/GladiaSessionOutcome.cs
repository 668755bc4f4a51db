using GladiaPS.Core.Live;

namespace GladiaPS
{
    /// <summary>
    /// How and why a session ended, for the pipeline: the reason by name (so ConvertTo-Json and Export-Csv write
    /// "Completed", not a number), the close code and what went wrong. The session's statistics are on the session.
    /// </summary>
    public sealed class GladiaSessionOutcome
    {
        internal GladiaSessionOutcome(LiveSessionOutcome outcome)
        {
            Reason = outcome.Reason.ToString();
            Succeeded = outcome.Succeeded;
            CloseStatus = outcome.CloseStatus;
            CloseDescription = outcome.CloseDescription;
            ErrorMessage = outcome.ErrorMessage;
            Text = outcome.ToString();
        }

        /// <summary>Completed, ClosedByClient, ConnectionFailed… (a <see cref="LiveSessionEndReason"/> name).</summary>
        public string Reason { get; }

        /// <summary>True when the session ended as the client asked (stop answered by the server, or a client close).</summary>
        public bool Succeeded { get; }

        /// <summary>The WebSocket close code of the last connection, when a close frame arrived.</summary>
        public int? CloseStatus { get; }

        public string? CloseDescription { get; }

        /// <summary>What went wrong, when the session did not succeed.</summary>
        public string? ErrorMessage { get; }

        private string Text { get; }

        public override string ToString() => Text;
    }
}
