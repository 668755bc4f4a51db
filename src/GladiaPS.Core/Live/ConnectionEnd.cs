namespace GladiaPS.Core.Live
{
    /// <summary>How one connection of a session ended.</summary>
    internal sealed class ConnectionEnd
    {
        private ConnectionEnd(ConnectionEndKind kind, int? closeStatus, string? description)
        {
            Kind = kind;
            CloseStatus = closeStatus;
            Description = description;
        }

        public ConnectionEndKind Kind { get; }

        public int? CloseStatus { get; }

        /// <summary>The close reason, or what broke the connection.</summary>
        public string? Description { get; }

        public static ConnectionEnd ServerClosed(int? status, string? description) => new ConnectionEnd(ConnectionEndKind.ServerClosed, status, description);

        public static ConnectionEnd Dropped(string description) => new ConnectionEnd(ConnectionEndKind.Dropped, null, description);

        public static ConnectionEnd ClientClosed(int? status, string? description) => new ConnectionEnd(ConnectionEndKind.ClientClosed, status, description);

        public static ConnectionEnd Cancelled() => new ConnectionEnd(ConnectionEndKind.Cancelled, null, null);

        /// <summary>
        /// Whether a server close code allows resuming. Like Gladia's SDK, 1002–4399 and 4500–9999 are
        /// retried and 1000 and 4400–4499 (client errors) are not. Unlike the SDK, 1001 ("going away", for
        /// example a server restart) is retried too: the docs say any close but 1000 leaves the session
        /// alive to be resumed, and the server tells the client about a finished session with 1000.
        /// </summary>
        public static bool IsRetryable(int code) => (code >= 1001 && code <= 4399) || (code >= 4500 && code <= 9999);
    }

    internal enum ConnectionEndKind
    {
        /// <summary>A close frame arrived from the server.</summary>
        ServerClosed,

        /// <summary>The connection broke without a close frame.</summary>
        Dropped,

        /// <summary>The client closed with 1000 as asked.</summary>
        ClientClosed,

        /// <summary>The session was disposed.</summary>
        Cancelled,
    }
}
