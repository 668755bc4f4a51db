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

        /// <summary>The server sent a frame the WebSocket protocol forbids, and the client's WebSocket closed the connection for it.</summary>
        public static ConnectionEnd ProtocolViolation() => new ConnectionEnd(
            ConnectionEndKind.ProtocolViolation, null,
            "the server sent a frame the WebSocket protocol forbids (a text frame that is not valid UTF-8, or a malformed frame)");

        /// <summary>The server made no progress for too long while it owed the session something: the session is given up.</summary>
        public static ConnectionEnd Stalled(string description) => new ConnectionEnd(ConnectionEndKind.Stalled, null, description);

        public static ConnectionEnd Cancelled() => new ConnectionEnd(ConnectionEndKind.Cancelled, null, null);

        /// <summary>
        /// Whether a server close code allows resuming. Like Gladia's SDK, 1001–4399 and 4500–9999 are
        /// retried and 1000 and 4400–4499 (client errors) are not. Unlike the SDK, 1001 ("going away", for
        /// example a server restart) is retried too: the docs say any close but 1000 leaves the session
        /// alive to be resumed, and the server tells the client about a finished session with 1000. Closes
        /// that say the client's own frames are wrong are not retried either, since the same frames would
        /// be refused again: 1003 (unsupported data), 1007 (invalid payload), 1008 (policy violation).
        /// 1009 (message too big) is retried with smaller frames while they can get smaller; see
        /// <see cref="IsMessageTooBig"/>.
        /// </summary>
        public static bool IsRetryable(int code) =>
            code != 1003 && code != 1007 && code != 1008 &&
            ((code >= 1001 && code <= 4399) || (code >= 4500 && code <= 9999));

        public static bool IsMessageTooBig(int code) => code == 1009;

        /// <summary>
        /// An HTTP answer to the upgrade request that a retry cannot change: the token is refused (401, 403), the
        /// session or URL does not exist (404, 410), or the request is malformed (400). 408, 429 and 5xx are retried.
        /// </summary>
        public static bool IsPermanentUpgradeRefusal(int status) => status == 400 || status == 401 || status == 403 || status == 404 || status == 410;

        /// <summary>
        /// The HTTP status with which the server refused the WebSocket upgrade, read from a failed connect: the
        /// response of a .NET Framework <see cref="System.Net.WebException"/>, or the status in the message of a
        /// .NET <see cref="System.Net.WebSockets.WebSocketException"/> ("The server returned status code '401' when
        /// status code '101' was expected."). Null when the failure was not an HTTP answer.
        /// </summary>
        public static int? UpgradeStatus(System.Exception exception)
        {
            for (var e = exception; e is not null; e = e.InnerException)
            {
                if (e is System.Net.WebException { Response: System.Net.HttpWebResponse response })
                {
                    return (int)response.StatusCode;
                }

                var match = UpgradeStatusPattern.Match(e.Message);
                if (match.Success)
                {
                    return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return null;
        }

        private static readonly System.Text.RegularExpressions.Regex UpgradeStatusPattern = new System.Text.RegularExpressions.Regex(
            @"status code '(\d{3})' when status code '101'", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>The standard name of a close code, for messages.</summary>
        public static string Name(int code) => code switch
        {
            1000 => "normal closure",
            1001 => "going away",
            1002 => "protocol error",
            1003 => "unsupported data",
            1007 => "invalid payload data",
            1008 => "policy violation",
            1009 => "message too big",
            1010 => "mandatory extension",
            1011 => "internal server error",
            1012 => "service restart",
            1013 => "try again later",
            1014 => "bad gateway",
            _ => code >= 4000 && code <= 4999 ? "application code" : "close code",
        };
    }

    internal enum ConnectionEndKind
    {
        /// <summary>A close frame arrived from the server.</summary>
        ServerClosed,

        /// <summary>The connection broke without a close frame.</summary>
        Dropped,

        /// <summary>The client closed the connection because the server broke the WebSocket protocol (1007, 1002): not resumed.</summary>
        ProtocolViolation,

        /// <summary>The server made no progress for <see cref="LiveConnectionOptions.NoProgressTimeout"/> while it owed something: not resumed.</summary>
        Stalled,

        /// <summary>The client closed with 1000 as asked.</summary>
        ClientClosed,

        /// <summary>The session was disposed.</summary>
        Cancelled,
    }
}
