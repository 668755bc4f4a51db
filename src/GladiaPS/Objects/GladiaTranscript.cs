using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Models;

namespace GladiaPS
{
    /// <summary>One utterance, partial or final, flat for the pipeline; the wire message is one property away (<see cref="Raw"/>).</summary>
    public sealed class GladiaTranscript
    {
        internal GladiaTranscript(TranscriptMessage message, string? sessionId, string? path, double offset = 0)
        {
            Message = message;
            // The session it arrived on names it; the message's own session_id is the server's text and never replaces that.
            SessionId = sessionId ?? message.SessionId;
            Path = path;
            Offset = offset;
            Words = offset == 0
                ? message.Words
                : new JoinedList<Word>(message.Words.Select(w => w.OffsetBy(offset)).ToList(), JoinedList.WordSeparator);
        }

        /// <summary>An utterance of a finished pre-recorded job: the same transcript, with its speaker and the job's id.</summary>
        internal GladiaTranscript(Utterance utterance, string jobId, string? path)
            : this(TranscriptMessage.FromUtterance(utterance, null), null, path)
        {
            JobId = jobId;
        }

        internal TranscriptMessage Message { get; }

        /// <summary>"transcript", as for the message types Receive-GladiaMessage writes beside it.</summary>
        public string Type => Message.Type;

        public string Text => Message.Text;

        /// <summary>Seconds from the start of the audio (of the whole capture or file, when it spans several sessions).</summary>
        public double Start => Message.Start + Offset;

        public double End => Message.End + Offset;

        /// <summary>
        /// Seconds of audio sent in earlier sessions of the same input: 0 for the first session; for a capture or file
        /// longer than one session, what makes <see cref="Start"/> and <see cref="End"/> continue across the seam.
        /// </summary>
        public double Offset { get; }

        public int Channel => Message.Channel;

        /// <summary>The speaker (0-based) when the pre-recorded job ran diarization; null otherwise.</summary>
        public int? Speaker => Message.Utterance.Speaker;

        public string? Language => Message.Language;

        public double? Confidence => Message.Confidence;

        public bool IsFinal => Message.IsFinal;

        /// <summary>The words with their times; as a string (a CSV column), the words themselves.</summary>
        public IReadOnlyList<Word> Words { get; }

        /// <summary>The utterance id; a partial and its final share it.</summary>
        public string? Id => Message.UtteranceId;

        /// <summary>The live session it arrived on; null for a pre-recorded job's utterance.</summary>
        public string? SessionId { get; }

        /// <summary>The pre-recorded job it comes from (binds to Get-GladiaTranscription -Id); null for live transcripts.</summary>
        public string? JobId { get; }

        /// <summary>The file the audio came from, when it came from a file.</summary>
        public string? Path { get; }

        public DateTimeOffset ReceivedAt => Message.ReceivedAt;

        /// <summary>
        /// The message as the server sent it (JSON; its times count from the start of its own session). Hidden, so
        /// Export-Csv, Select-Object * and Format-List * leave it out; <c>$t.Raw</c> reads it.
        /// </summary>
        [Hidden]
        public string Raw => Message.Raw;

        public override string ToString() => Text;
    }
}
