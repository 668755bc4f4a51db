namespace GladiaPS.Core.Messages
{
    /// <summary>What a <see cref="LiveErrorMessage"/> reports.</summary>
    public enum LiveErrorKind
    {
        /// <summary>The server sent a message of type <c>error</c>.</summary>
        Server,

        /// <summary>A frame was not valid JSON (or not UTF-8).</summary>
        InvalidFrame,

        /// <summary>A JSON frame was not an object or had no string <c>type</c>.</summary>
        MissingType,

        /// <summary>The server sent a binary frame, which the protocol does not define.</summary>
        UnexpectedBinaryFrame,

        /// <summary>An acknowledgment went backwards, started where the client's count did not, or covered bytes never sent.</summary>
        AcknowledgmentMismatch,

        /// <summary>The server refused a chunk or the stop (<c>acknowledged: false</c>).</summary>
        AcknowledgmentRejected,

        /// <summary>The connection was lost and could not be re-established, or closed with a code that ends the session.</summary>
        Connection,

        /// <summary>Audio could not be protected against loss, for example because acknowledgments are off.</summary>
        Resume,

        /// <summary>Partial transcripts were dropped because they were not being read (finals never are).</summary>
        PartialsDropped,

        /// <summary>
        /// Messages were dropped because the unread ones had used up <see cref="Live.LiveConnectionOptions.MaxUnreadMessageBytes"/>
        /// (final transcripts are the last to go).
        /// </summary>
        MessagesDropped,
    }
}
