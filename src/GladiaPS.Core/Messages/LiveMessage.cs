using System;
using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>
    /// A message of a live session: the common envelope of every server message (§6.1). Derived types
    /// expose the payload as flat properties; <see cref="Raw"/> always holds the JSON as received.
    /// </summary>
    public abstract class LiveMessage
    {
        /// <summary>The wire <c>type</c>, for example <c>transcript</c>.</summary>
        public string Type { get; internal set; } = string.Empty;

        /// <summary>The session the message arrived on (the wire's <c>session_id</c>, the server's text, stays in <see cref="Raw"/>).</summary>
        public string? SessionId { get; internal set; }

        public DateTimeOffset? CreatedAt { get; internal set; }

        /// <summary>The envelope's <c>error</c> field, set when an acknowledged action or an add-on failed.</summary>
        public AddonError? Error { get; internal set; }

        /// <summary>The message's JSON text exactly as received (for client-side errors, the offending frame).</summary>
        public string Raw { get; internal set; } = "{}";

        /// <summary>When the client received (or created) the message.</summary>
        public DateTimeOffset ReceivedAt { get; internal set; } = DateTimeOffset.UtcNow;

        /// <summary>What the message counts for in its session's budget of unread messages while it waits to be read.</summary>
        internal long QueuedSize { get; set; }

        /// <summary>The characters of text the message holds (its raw JSON and what it keeps besides), for that budget.</summary>
        internal virtual long HeldChars => Raw.Length;

        public override string ToString() => Type;

        internal virtual void ReadEnvelope(JsonElement root, string type)
        {
            Type = type;
            SessionId = TolerantJson.GetString(root, "session_id");
            CreatedAt = TolerantJson.GetTimestamp(root, "created_at");
            Error = AddonError.FromProperty(root, "error");
            Raw = root.GetRawText();
        }
    }
}
