using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>
    /// An error in the message stream: a frame the client could not read, an inconsistency it detected,
    /// a connection it lost, or an <c>error</c> message from the server. <see cref="LiveMessage.Raw"/>
    /// holds the offending frame when there was one.
    /// </summary>
    public sealed class LiveErrorMessage : LiveMessage
    {
        public LiveErrorMessage()
        {
            Type = LiveMessageTypes.Error;
        }

        public LiveErrorKind Kind { get; internal set; }

        /// <summary>
        /// True for the error that ended the session (the last message it publishes); the same text is its
        /// <see cref="Live.LiveSessionOutcome.ErrorMessage"/>, so a caller reporting the outcome need not report this too.
        /// </summary>
        public bool EndsSession { get; internal set; }

        public string Message { get; internal set; } = string.Empty;

        internal override long HeldChars => Raw.Length + Message.Length;

        /// <summary>The server's error code (<c>data.code</c>) when it sent one, as text; null for errors the client found.</summary>
        public string? Code { get; internal set; }

        /// <summary>True when the client detected the problem; false when the server reported it.</summary>
        public bool IsClientSide => Kind != LiveErrorKind.Server;

        public override string ToString() => "error (" + Kind + (Code is null ? string.Empty : " " + Code) + "): " + Message;

        internal static LiveErrorMessage Client(LiveErrorKind kind, string message, string raw = "", string? sessionId = null) =>
            new LiveErrorMessage { Kind = kind, Message = message, Raw = raw, SessionId = sessionId };

        internal static LiveErrorMessage FromServer(JsonElement root, string type)
        {
            var message = new LiveErrorMessage();
            message.ReadEnvelope(root, type);
            message.Kind = LiveErrorKind.Server;
            var data = TolerantJson.GetObject(root, "data");
            message.Code = data is { } body ? TolerantJson.GetScalarText(body, "code") : null;
            message.Message =
                message.Error?.Message ??
                (data is { } payload ? TolerantJson.GetString(payload, "message") : null) ??
                TolerantJson.GetString(root, "message") ??
                "The server reported an error.";
            return message;
        }
    }
}
