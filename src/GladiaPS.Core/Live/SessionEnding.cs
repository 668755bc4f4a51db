namespace GladiaPS.Core.Live
{
    /// <summary>
    /// Everything a session knows about its own ending, in one place: what the caller asked for, what the writer
    /// has sent, and what the server acknowledged. Every field is read and written under the session's
    /// control lock only, so the writer's decision (send the stop now? close now?) sees one consistent state.
    /// </summary>
    internal sealed class SessionEnding
    {
        /// <summary><c>StopRecordingAsync</c> was called.</summary>
        public bool StopRequested { get; set; }

        /// <summary>The stop goes after every byte queued before it: the backlog's end at the request.</summary>
        public long StopOffset { get; set; }

        /// <summary><c>CloseAsync</c> or a dispose asked for a close with 1000.</summary>
        public bool CloseRequested { get; set; }

        /// <summary>The close goes after every byte queued before it (not for a dispose, which closes at once).</summary>
        public long CloseOffset { get; set; }

        /// <summary>A dispose asked for the close: unsent audio is abandoned and the socket closed at once.</summary>
        public bool DisposeClosing { get; set; }

        /// <summary><c>stop_recording</c> was sent on some connection.</summary>
        public bool StopSent { get; set; }

        /// <summary><c>stop_recording</c> was sent on the current connection (reset by each new connection, so a drop re-sends it).</summary>
        public bool StopSentOnConnection { get; set; }

        /// <summary>The server acknowledged the stop: it is never sent again.</summary>
        public bool StopAcknowledged { get; set; }

        /// <summary>The client's close frame was sent.</summary>
        public bool CloseSent { get; set; }

        /// <summary>A stop or a close was requested: no more audio is taken.</summary>
        public bool AnyRequested => StopRequested || CloseRequested;

        /// <summary>Whether the writer, having written up to <paramref name="offset"/>, should send the stop now.</summary>
        public bool ShouldSendStop(long offset) => StopRequested && !StopSentOnConnection && !StopAcknowledged && offset >= StopOffset;

        /// <summary>Whether the writer, having written up to <paramref name="offset"/>, should close now.</summary>
        public bool ShouldSendClose(long offset) => CloseRequested && offset >= CloseOffset;
    }
}
