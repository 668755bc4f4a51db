namespace GladiaPS.Core.Live
{
    // The state of a live session's connections, by who owns it. Each side writes only its own state and reads the
    // shared status; every field is read and written with Volatile/Interlocked, so no lock is held across a send or a
    // receive. (The ending — stop and close requests and what was sent of them — is SessionEnding, under the control lock.)

    /// <summary>What only the writer writes: its counters and its view of the send window.</summary>
    internal sealed class LiveWriterState
    {
        /// <summary>Audio bytes written, re-sent bytes included.</summary>
        public long BytesSent;

        /// <summary>Audio bytes written again after a reconnect.</summary>
        public long BytesResent;

        public long FramesSent;

        /// <summary>The highest stream offset ever written, to tell a re-send from new audio.</summary>
        public long HighestSent;

        /// <summary>When the send window first filled with no acknowledgment received yet (stopwatch ticks); −1 before.</summary>
        public long WindowFirstFullTicks = -1;

        /// <summary>The largest frame written on the current connection (for the 1009 decision).</summary>
        public int LargestFrameOnConnection;

        /// <summary>Starts the per-connection part afresh.</summary>
        public void OnConnected()
        {
            System.Threading.Volatile.Write(ref LargestFrameOnConnection, 0);

            // The missing-acknowledgment deadline runs per connection, from when its window first fills.
            System.Threading.Interlocked.Exchange(ref WindowFirstFullTicks, -1);
        }
    }

    /// <summary>What only the receiver writes: its counters and where the acknowledgments stand.</summary>
    internal sealed class LiveReceiverState
    {
        /// <summary>Messages received, acknowledgments included.</summary>
        public long MessagesReceived;

        /// <summary>The end of the last accepted acknowledgment.</summary>
        public long LastAcknowledgedEnd;

        /// <summary>1 once start_session was passed on (it may come again after a reconnect).</summary>
        public int StartSessionSeen;

        /// <summary>When a frame last arrived, on any connection (stopwatch ticks).</summary>
        public long LastFrameTicks;
    }

    /// <summary>The little the writer, the receiver and the connection loop tell each other.</summary>
    internal sealed class LiveSharedStatus
    {
        /// <summary>Written by the writer before each send: the stream offset up to which audio may be acknowledged.</summary>
        public long InFlightEnd;

        /// <summary>Written by the receiver: acknowledgments received in the session (the writer reports when there are none).</summary>
        public long AcknowledgmentsReceived;

        /// <summary>1 once the missing acknowledgments were reported.</summary>
        public int WarnedNoAcknowledgments;

        /// <summary>1 once the server acknowledged audio on the current connection (it proved itself).</summary>
        public int ProgressOnConnection;

        /// <summary>Set by the connection loop after a 1009 close: the writer's frames stay under it.</summary>
        public int FrameLimit = int.MaxValue;

        /// <summary>When the session last made progress (stopwatch ticks): see <see cref="LiveConnectionOptions.NoProgressTimeout"/>.</summary>
        public long LastProgressTicks;
    }
}
