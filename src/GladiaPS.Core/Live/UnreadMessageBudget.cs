using System.Threading;
using GladiaPS.Core.Messages;

namespace GladiaPS.Core.Live
{
    /// <summary>
    /// What a session may keep of the messages nobody has read yet: at most <see cref="LiveConnectionOptions.MaxUnreadPartials"/>
    /// partial transcripts, and at most <see cref="LiveConnectionOptions.MaxUnreadMessageBytes"/> of memory in all, estimated
    /// from the text each message holds (two bytes a character) plus a fixed overhead.
    /// Final transcripts are the last to go: other messages are refused once the unread ones take three quarters of the
    /// byte budget, final transcripts only once they take all of it. Thread-safe; a message is counted in when it is
    /// admitted and out when it is read.
    /// </summary>
    internal sealed class UnreadMessageBudget
    {
        /// <summary>What a message object costs beyond its text (its fields, the queue's slot), counted so that a flood of empty messages is bounded too.</summary>
        private const int OverheadBytes = 256;

        private readonly long _maxBytes;
        private readonly long _othersMaxBytes;
        private readonly int _maxPartials;
        private long _unreadBytes;
        private long _unreadPartials;
        private long _messagesDropped;
        private long _bytesDropped;
        private long _partialsDropped;
        private int _bytesReported;
        private int _partialsReported;

        public UnreadMessageBudget(long maxBytes, int maxPartials)
        {
            _maxBytes = maxBytes;
            _othersMaxBytes = maxBytes / 4 * 3;
            _maxPartials = maxPartials;
        }

        public long UnreadBytes => Interlocked.Read(ref _unreadBytes);

        /// <summary>Messages refused for the byte budget.</summary>
        public long MessagesDropped => Interlocked.Read(ref _messagesDropped);

        /// <summary>Their size, as counted.</summary>
        public long BytesDropped => Interlocked.Read(ref _bytesDropped);

        /// <summary>Partial transcripts refused for the partials' count.</summary>
        public long PartialsDropped => Interlocked.Read(ref _partialsDropped);

        /// <summary>The size a message is counted as: the text it holds (two bytes a character) plus a fixed overhead.</summary>
        public static long SizeOf(LiveMessage message) => OverheadBytes + 2 * message.HeldChars;

        /// <summary>
        /// Counts <paramref name="message"/> in, or refuses it. <paramref name="always"/> admits it whatever the budget says
        /// (the client's own reports: few, and saying what was lost). <paramref name="report"/> is set, once per spell of
        /// refusals, to the kind of report the caller should publish.
        /// </summary>
        public bool TryAdmit(LiveMessage message, bool always, out LiveErrorKind? report)
        {
            report = null;
            var size = SizeOf(message);
            message.QueuedSize = size;
            var isPartial = message is TranscriptMessage { IsFinal: false };
            if (always)
            {
                Interlocked.Add(ref _unreadBytes, size);
                return true;
            }

            if (isPartial && _maxPartials > 0 && Interlocked.Increment(ref _unreadPartials) > _maxPartials)
            {
                Interlocked.Decrement(ref _unreadPartials);
                Interlocked.Increment(ref _partialsDropped);
                message.QueuedSize = 0;
                if (Interlocked.Exchange(ref _partialsReported, 1) == 0)
                {
                    report = LiveErrorKind.PartialsDropped;
                }

                return false;
            }

            var limit = message is TranscriptMessage { IsFinal: true } ? _maxBytes : _othersMaxBytes;
            if (Interlocked.Add(ref _unreadBytes, size) <= limit)
            {
                return true;
            }

            Interlocked.Add(ref _unreadBytes, -size);
            if (isPartial && _maxPartials > 0)
            {
                Interlocked.Decrement(ref _unreadPartials);
            }

            Interlocked.Increment(ref _messagesDropped);
            Interlocked.Add(ref _bytesDropped, size);
            message.QueuedSize = 0;
            if (Interlocked.Exchange(ref _bytesReported, 1) == 0)
            {
                report = LiveErrorKind.MessagesDropped;
            }

            return false;
        }

        /// <summary>Counts a message out once it is read; once the unread ones take half the budget or less, the next refusal is reported again.</summary>
        public void Release(LiveMessage message)
        {
            if (message is TranscriptMessage { IsFinal: false } && _maxPartials > 0 && message.QueuedSize > 0)
            {
                Interlocked.Decrement(ref _unreadPartials);
            }

            var left = Interlocked.Add(ref _unreadBytes, -message.QueuedSize);
            message.QueuedSize = 0;
            if (left <= _maxBytes / 2)
            {
                Volatile.Write(ref _bytesReported, 0);
            }
        }
    }
}
