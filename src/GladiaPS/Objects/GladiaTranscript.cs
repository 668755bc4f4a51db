using System;
using System.Collections.Generic;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Models;

namespace GladiaPS
{
    /// <summary>One utterance, partial or final, flat for the pipeline; the wire message is one property away (<see cref="Raw"/>).</summary>
    public sealed class GladiaTranscript
    {
        internal GladiaTranscript(TranscriptMessage message, string? sessionId, string? path)
        {
            Message = message;
            SessionId = message.SessionId ?? sessionId;
            Path = path;
        }

        internal TranscriptMessage Message { get; }

        public string Text => Message.Text;

        /// <summary>Seconds from the start of the session's audio.</summary>
        public double Start => Message.Start;

        public double End => Message.End;

        public TimeSpan StartTime => TimeSpan.FromSeconds(Start);

        public TimeSpan EndTime => TimeSpan.FromSeconds(End);

        public int Channel => Message.Channel;

        public string? Language => Message.Language;

        public double? Confidence => Message.Confidence;

        public bool IsFinal => Message.IsFinal;

        public IReadOnlyList<Word> Words => Message.Words;

        /// <summary>The utterance id; a partial and its final share it.</summary>
        public string? Id => Message.UtteranceId;

        public string? SessionId { get; }

        /// <summary>The file the audio came from, when it came from a file.</summary>
        public string? Path { get; }

        public DateTimeOffset ReceivedAt => Message.ReceivedAt;

        /// <summary>The message as the server sent it (JSON).</summary>
        public string Raw => Message.Raw;

        public override string ToString() => Text;
    }
}
