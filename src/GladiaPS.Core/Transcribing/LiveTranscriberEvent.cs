using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;

namespace GladiaPS.Core.Transcribing
{
    /// <summary>Something that happened in one of a <see cref="LiveTranscriber"/>'s sessions.</summary>
    public abstract class LiveTranscriberEvent
    {
        private protected LiveTranscriberEvent(GladiaLiveSession session, double offset)
        {
            Session = session;
            Offset = offset;
        }

        public GladiaLiveSession Session { get; }

        /// <summary>
        /// Seconds of the input's audio sent to the sessions before this one: add it to a transcript's times for times
        /// in the input (0 for the first session).
        /// </summary>
        public double Offset { get; }
    }

    /// <summary>A message one of the sessions received (transcripts, partials, errors, post-processing…).</summary>
    public sealed class LiveTranscriberMessage : LiveTranscriberEvent
    {
        internal LiveTranscriberMessage(GladiaLiveSession session, double offset, LiveMessage message)
            : base(session, offset)
        {
            Message = message;
        }

        public LiveMessage Message { get; }

        public override string ToString() => Message.Type + " (session " + Session.Id + ", offset " + Offset + " s)";
    }

    /// <summary>A session ended: its last event, after all its messages.</summary>
    public sealed class LiveTranscriberSessionEnded : LiveTranscriberEvent
    {
        internal LiveTranscriberSessionEnded(GladiaLiveSession session, double offset, LiveSessionOutcome outcome)
            : base(session, offset)
        {
            Outcome = outcome;
        }

        public LiveSessionOutcome Outcome { get; }

        public override string ToString() => "Session " + Session.Id + " ended: " + Outcome;
    }
}
