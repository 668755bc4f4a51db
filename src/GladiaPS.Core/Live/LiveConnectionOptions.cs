using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Live
{
    /// <summary>How a live session uses its WebSocket: frames, memory bound, reconnection.</summary>
    public sealed class LiveConnectionOptions
    {
        /// <summary>The largest frame the client writes. The server refuses frames over 1 MiB; Gladia's own replay uses 512 KiB.</summary>
        public const int MaxFrameLimit = 512 * 1024;

        /// <summary>
        /// Most memory kept for audio the server has not acknowledged (default 16 MiB, about 8.7 minutes
        /// of 16 kHz 16-bit mono). When it is full, <see cref="GladiaLiveSession.SendAudioAsync(ReadOnlyMemory{byte}, CancellationToken)"/>
        /// waits for acknowledgments rather than grow.
        /// </summary>
        public long MaxBacklogBytes { get; set; } = 16L * 1024 * 1024;

        /// <summary>Largest audio frame written (default and maximum 512 KiB); larger caller chunks are split.</summary>
        public int MaxFrameBytes { get; set; } = MaxFrameLimit;

        /// <summary>
        /// Most audio bytes written but not yet acknowledged (default 1 MiB, about 33 s of 16 kHz 16-bit
        /// mono). The writer waits for acknowledgments beyond it, so a fast sender does not pile audio into
        /// socket buffers, a drop costs at most this much re-sending, and the re-send after a reconnect is
        /// paced by the server's acknowledgments instead of sent in one burst. Not applied when
        /// <see cref="LosslessResume"/> is false.
        /// </summary>
        public long MaxBytesInFlight { get; set; } = 1024L * 1024;

        /// <summary>
        /// Bytes per sample frame (bytes per sample × channels). Chunks larger than a frame are only split
        /// at multiples of it, so no frame cuts a sample. Sessions started with options set it from the
        /// format when it is left at 1; set it when attaching to a multi-byte format.
        /// </summary>
        public int SampleFrameBytes { get; set; } = 1;

        /// <summary>Send audio as base64 <c>audio_chunk</c> JSON text frames instead of binary frames.</summary>
        public bool SendAudioAsJson { get; set; }

        /// <summary>Pass <c>audio_chunk</c> and <c>stop_recording</c> acknowledgments on to the caller (they are always requested and used internally).</summary>
        public bool ForwardAcknowledgments { get; set; }

        /// <summary>
        /// Resume without loss (the default): the server acknowledges the audio it keeps, the client holds
        /// what is unacknowledged and sends it again after a drop, so nothing is lost or doubled. Sessions
        /// started by this client always request the acknowledgments this needs. Set it to false only to attach
        /// to a session created elsewhere without acknowledgments: that switches lossless resume off, audio is
        /// released once written, and a drop may lose what was in flight (reported as a resume error).
        /// </summary>
        public bool LosslessResume { get; set; } = true;

        /// <summary>How long one connection attempt may take before it counts as failed and is retried.</summary>
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// Attempts in a row that fail to open the session's first connection before it fails (default 5;
        /// 0 means no limit but <see cref="MaxAttemptsWithoutProgress"/>). Reconnections after a drop are
        /// bounded by <see cref="MaxAttemptsWithoutProgress"/> instead, so an outage of a few minutes is ridden out.
        /// </summary>
        public int MaxConnectAttempts { get; set; } = 5;

        /// <summary>
        /// Delay before the first retry (after a failed attempt or a drop); it doubles with each attempt that
        /// makes no progress, up to <see cref="MaxReconnectDelay"/>. Each delay is drawn at random between
        /// half and all of that value (jitter), so many clients dropped together do not return together.
        /// </summary>
        public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(300);

        /// <summary>The cap on the delay between connection attempts (default 10 s).</summary>
        public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Most reconnections over the session's life; 0 (the default) means no limit but <see cref="MaxAttemptsWithoutProgress"/>.</summary>
        public int MaxReconnects { get; set; }

        /// <summary>
        /// Most connection attempts in a row that make no progress before the session ends with
        /// <see cref="LiveSessionEndReason.ConnectionFailed"/> and an error saying what the server did
        /// (default 40; 0 means no limit). An attempt makes no progress when it fails to connect, or when its
        /// connection ends before it has proved itself (see <see cref="ConnectionProvenAfter"/>). With the
        /// default delays, 40 attempts span about 3 to 6 minutes, so a real outage of a few minutes is
        /// ridden out while a server that closes every connection at once is not hammered forever.
        /// </summary>
        public int MaxAttemptsWithoutProgress { get; set; } = 40;

        /// <summary>
        /// A connection has proved itself, which resets the count of attempts without progress and the
        /// backoff, once the server acknowledges audio on it or once it has stayed open this long (default 5 s).
        /// </summary>
        public TimeSpan ConnectionProvenAfter { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>
        /// How long an open connection may go without a frame from the server while the server owes it something
        /// (acknowledgments of audio written on it, the answer to stop_recording) before it counts as dropped: the
        /// session reconnects and resends what was not acknowledged (default 30 s; Gladia acknowledges each chunk as it
        /// arrives). A quiet server that owes nothing is left alone.
        /// </summary>
        public TimeSpan SilenceTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// How long a session owed something may go without progress, over all its connections, before it is given up
        /// with one error (<see cref="LiveSessionEndReason.ConnectionFailed"/>; default 5 minutes). Progress is audio
        /// acknowledged, stop_recording answered, or, once it is, any message on the way to the session's end
        /// (post-processing); reconnecting is not progress. A session that owes nothing (all its audio acknowledged,
        /// no stop sent) is not timed.
        /// </summary>
        public TimeSpan NoProgressTimeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>How long to wait for the server's close after the client closed with 1000.</summary>
        public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// How long disposing a session whose socket is open waits for its close with 1000 to complete
        /// (default 2 s) before the connection is aborted. A 1000 close ends the session on the server
        /// (post-processing still runs there); an abort would leave it waiting for a reconnect.
        /// </summary>
        public TimeSpan DisposeCloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>
        /// How long the writer may wait on a full send window, with no acknowledgment received yet in the
        /// session, before it reports (once, as a <see cref="Messages.LiveErrorKind.Resume"/> error) that the
        /// server seems not to send them (default 10 s). Sending stays paused and memory stays within
        /// <see cref="MaxBacklogBytes"/> until they come, or <see cref="SilenceTimeout"/> and <see cref="NoProgressTimeout"/>
        /// end the wait; a session created without acknowledgments needs <see cref="LosslessResume"/> = false.
        /// </summary>
        public TimeSpan MissingAcknowledgmentsReportDelay { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// Most partial (non-final) transcripts kept unread (default 1000; 0 keeps all). Beyond it, new
        /// partials are dropped and counted in <see cref="LiveSessionStatistics.PartialsDropped"/>; a
        /// partial is superseded by its final anyway. Final transcripts and every other message are never dropped.
        /// </summary>
        public int MaxUnreadPartials { get; set; } = 1000;

        /// <summary>
        /// Most memory kept for messages not read yet (default 64 MiB), estimated from the text each holds (two bytes a
        /// character) plus a fixed overhead. Beyond three quarters of it, new messages other than final transcripts are
        /// dropped until the caller reads; beyond all of it, final transcripts too. Each spell of drops is reported once
        /// (a <see cref="Messages.LiveErrorKind.MessagesDropped"/> error) and counted in
        /// <see cref="LiveSessionStatistics.MessagesDropped"/>. It must be at least three times <see cref="MaxMessageBytes"/>,
        /// so the largest message fits when the caller keeps up.
        /// </summary>
        public long MaxUnreadMessageBytes { get; set; } = 64L * 1024 * 1024;

        /// <summary>
        /// The largest server message read (default 16 MiB); a larger one is skipped with an error, not buffered.
        /// Gladia's largest message is <c>post_final_transcript</c>, the whole result of the session: a session lasts at most
        /// 3 hours, which at a fast 200 words a minute is 36,000 words, about 2.5 MB of JSON with word timings; the result
        /// repeats them per translation language, and 16 MiB holds about six such copies. Raise it for sessions with many
        /// channels or translation languages (at most 64 MiB); a skipped result can still be read with GET /v2/live/{id}.
        /// </summary>
        public int MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;

        /// <summary>The default of <see cref="MaxMessageBytes"/>: 16 MiB.</summary>
        public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

        /// <summary>Opens the socket; tests replace it. The default is a <see cref="ClientWebSocket"/> with no custom headers.</summary>
        internal Func<Uri, CancellationToken, Task<WebSocket>> Connector { get; set; } = ConnectClientWebSocketAsync;

        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
        public void Validate()
        {
            if (MaxFrameBytes < 1 || MaxFrameBytes > MaxFrameLimit)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxFrameBytes), MaxFrameBytes, "MaxFrameBytes must be between 1 and " + MaxFrameLimit + ".");
            }

            if (MaxBacklogBytes < MaxFrameBytes)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxBacklogBytes), MaxBacklogBytes, "MaxBacklogBytes must be at least MaxFrameBytes (" + MaxFrameBytes + ").");
            }

            if (SampleFrameBytes < 1 || SampleFrameBytes > 64 || SampleFrameBytes > MaxFrameBytes)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(SampleFrameBytes), SampleFrameBytes, "SampleFrameBytes must be between 1 and 64 (the API's largest is 32: 4 bytes × 8 channels) and at most MaxFrameBytes.");
            }

            if (MaxBytesInFlight < MaxFrameBytes)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxBytesInFlight), MaxBytesInFlight, "MaxBytesInFlight must be at least MaxFrameBytes (" + MaxFrameBytes + ").");
            }

            if (ConnectTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, "ConnectTimeout must be positive.");
            }

            if (MaxConnectAttempts < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxConnectAttempts), MaxConnectAttempts, "MaxConnectAttempts must be 0 (unlimited) or more.");
            }

            if (MaxReconnects < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxReconnects), MaxReconnects, "MaxReconnects must be 0 (unlimited) or more.");
            }

            if (MaxAttemptsWithoutProgress < 0)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(MaxAttemptsWithoutProgress), MaxAttemptsWithoutProgress, "MaxAttemptsWithoutProgress must be 0 (no limit) or more.");
            }

            if (SilenceTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(SilenceTimeout), SilenceTimeout, "SilenceTimeout must be positive.");
            }

            if (NoProgressTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(NoProgressTimeout), NoProgressTimeout, "NoProgressTimeout must be positive.");
            }

            if (ConnectionProvenAfter <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(ConnectionProvenAfter), ConnectionProvenAfter, "ConnectionProvenAfter must be positive.");
            }

            if (ReconnectDelay < TimeSpan.Zero || MaxReconnectDelay < ReconnectDelay)
            {
                throw new ArgumentOutOfRangeException(nameof(ReconnectDelay), ReconnectDelay, "ReconnectDelay must be non-negative and at most MaxReconnectDelay.");
            }

            if (CloseTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(CloseTimeout), CloseTimeout, "CloseTimeout must be positive.");
            }

            if (DisposeCloseTimeout < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(DisposeCloseTimeout), DisposeCloseTimeout, "DisposeCloseTimeout must not be negative (0 aborts at once).");
            }

            if (MissingAcknowledgmentsReportDelay <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(MissingAcknowledgmentsReportDelay), MissingAcknowledgmentsReportDelay, "MissingAcknowledgmentsReportDelay must be positive.");
            }

            if (MaxMessageBytes < 64 * 1024 || MaxMessageBytes > 64 * 1024 * 1024)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxMessageBytes), MaxMessageBytes, "MaxMessageBytes must be between 64 KiB and 64 MiB.");
            }

            if (MaxUnreadMessageBytes < 3L * MaxMessageBytes)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(MaxUnreadMessageBytes), MaxUnreadMessageBytes, "MaxUnreadMessageBytes must be at least three times MaxMessageBytes (" + MaxMessageBytes + ").");
            }

            if (MaxUnreadPartials < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxUnreadPartials), MaxUnreadPartials, "MaxUnreadPartials must be 0 (keep all) or more.");
            }
        }

        internal LiveConnectionOptions Clone() => (LiveConnectionOptions)MemberwiseClone();

        /// <summary>
        /// The delay before the next attempt after <paramref name="failedAttempts"/> attempts without progress:
        /// d = min(base × 2^(n−1), cap), drawn between d/2 and d by <paramref name="jitter"/> (in [0, 1)).
        /// </summary>
        internal TimeSpan DelayAfter(int failedAttempts, double jitter = 1)
        {
            var factor = Math.Pow(2, Math.Min(Math.Max(failedAttempts - 1, 0), 30));
            var milliseconds = Math.Min(ReconnectDelay.TotalMilliseconds * factor, MaxReconnectDelay.TotalMilliseconds);
            return TimeSpan.FromMilliseconds(milliseconds * (0.5 + 0.5 * Math.Min(Math.Max(jitter, 0), 1)));
        }

        private static async Task<WebSocket> ConnectClientWebSocketAsync(Uri url, CancellationToken cancellationToken)
        {
            var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }
}
