using System;
using System.Globalization;
using System.Net.WebSockets;

namespace GladiaPS.Core.Live
{
    /// <summary>
    /// The decision a session makes each time a connection attempt fails or a connection ends: connect again (and how),
    /// or end the session, with its reason and the error in words. Pure: it reads the facts it is given and counts the
    /// attempt in the <see cref="AttemptTracker"/>, and does no I/O, so every close code, refusal and budget is tested
    /// without a socket. The session does what it says.
    /// </summary>
    internal static class ReconnectPolicy
    {
        /// <summary>Frames are never made smaller than this after a 1009 close (rounded to whole sample frames).</summary>
        internal const int MinFrameBytes = 1024;

        /// <summary>A connection attempt got no open socket.</summary>
        /// <param name="failure">What went wrong, in words ("timed out after 10 s", "failed: …").</param>
        /// <param name="refusedWith">The HTTP status that refused the upgrade, when the server answered one.</param>
        /// <param name="everConnected">Whether any earlier attempt of the session connected.</param>
        /// <param name="elapsed">Time since the session began, on its own clock.</param>
        public static ReconnectDecision AfterFailedConnect(
            string failure, int? refusedWith, bool everConnected, TimeSpan elapsed, AttemptTracker attempts, LiveConnectionOptions options)
        {
            var attempt = attempts.WithoutProgress + 1;
            if (refusedWith is { } status && ConnectionEnd.IsPermanentUpgradeRefusal(status))
            {
                return ReconnectDecision.End(
                    LiveSessionEndReason.Rejected,
                    "The server refused the WebSocket connection with HTTP " + status.ToString(CultureInfo.InvariantCulture) +
                    " (attempt " + attempt.ToString(CultureInfo.InvariantCulture) + " " + failure + "); a retry cannot change that: " +
                    (status == 401 || status == 403
                        ? "the session's token is refused (expired, or the session was deleted)."
                        : status == 400 ? "the request is malformed." : "the session's URL does not exist (any more)."));
            }

            attempts.Failed("connect", "the connection could not be opened (" + failure + ")", "attempt " + attempt + " " + failure);
            var maxAttempts = options.MaxConnectAttempts;
            if (!everConnected && maxAttempts > 0 && attempts.WithoutProgress >= maxAttempts)
            {
                return ReconnectDecision.End(
                    LiveSessionEndReason.ConnectionFailed,
                    "Could not connect to the live session after " + attempts.WithoutProgress + " attempt(s); the last " + attempts.LastDetail + ".");
            }

            return attempts.BudgetSpent(options.MaxAttemptsWithoutProgress)
                ? ReconnectDecision.End(LiveSessionEndReason.ConnectionFailed, NoProgressMessage(attempts, elapsed, options))
                : ReconnectDecision.Retry(null);
        }

        /// <summary>A connection ended, for any reason.</summary>
        public static ReconnectDecision AfterConnectionEnd(ConnectionEnd end, ConnectionFacts facts, AttemptTracker attempts, LiveConnectionOptions options)
        {
            int? frameLimit = null;
            switch (end.Kind)
            {
                case ConnectionEndKind.Cancelled:
                    return ReconnectDecision.End(LiveSessionEndReason.Disposed, null);
                case ConnectionEndKind.ClientClosed:
                    return ReconnectDecision.End(LiveSessionEndReason.ClosedByClient, null);
                case ConnectionEndKind.ServerClosed when end.CloseStatus == (int)WebSocketCloseStatus.NormalClosure:
                    var reason = facts.CloseSent ? LiveSessionEndReason.ClosedByClient
                        : facts.StopSent ? LiveSessionEndReason.Completed
                        : LiveSessionEndReason.ClosedByServer;
                    return ReconnectDecision.End(
                        reason,
                        reason == LiveSessionEndReason.ClosedByServer
                            ? "The server ended the session (1000" + DescriptionSuffix(end.Description) + ") before the client asked to stop."
                            : null);
                case ConnectionEndKind.ServerClosed when end.CloseStatus is { } code && !ConnectionEnd.IsRetryable(code):
                    return ReconnectDecision.End(
                        LiveSessionEndReason.Rejected,
                        "The server closed the connection with " + code + " (" + ConnectionEnd.Name(code) + DescriptionSuffix(end.Description) +
                        "), which does not allow resuming: " + (code >= 4400 && code <= 4499 || code < 1000
                            ? "it refuses the client's request."
                            : "the same audio would be refused again."));
                case ConnectionEndKind.Stalled:
                    return ReconnectDecision.End(
                        LiveSessionEndReason.ConnectionFailed, "The session was given up: " + end.Description + ".");
                case ConnectionEndKind.ProtocolViolation:
                    return ReconnectDecision.End(
                        LiveSessionEndReason.Rejected,
                        "The connection was closed because " + end.Description + "; it is not resumed, since the server would send the same again.");
                case ConnectionEndKind.ServerClosed when end.CloseStatus is { } tooBig && ConnectionEnd.IsMessageTooBig(tooBig):
                    frameLimit = SmallerFrames(facts.LargestFrameSent, facts.FrameLimit, options.SampleFrameBytes);
                    if (frameLimit is null)
                    {
                        return ReconnectDecision.End(
                            LiveSessionEndReason.Rejected,
                            "The server closed the connection with 1009 (message too big" + DescriptionSuffix(end.Description) + ") " +
                            (facts.LargestFrameSent == 0 ? "before any audio was sent on it" : "even for frames of " + facts.LargestFrameSent + " bytes") +
                            ", and frames cannot get smaller; the session cannot go on.");
                    }

                    break;
            }

            // A retryable close or a drop: the session is still alive on the server; resume it, unless it is being
            // disposed, which abandons it.
            if (facts.DisposeClosing)
            {
                return ReconnectDecision.End(LiveSessionEndReason.Disposed, null, frameLimit);
            }

            if (facts.ProgressOnConnection || facts.OpenFor >= options.ConnectionProvenAfter)
            {
                // The connection proved itself: its end starts a new series, whose first attempt follows.
                attempts.Progressed();
            }
            else
            {
                attempts.Failed(
                    end.Kind == ConnectionEndKind.ServerClosed ? CloseName(end) : "drop",
                    DescribeEnd(end, facts, options),
                    "connection lost: " + Describe(end));
            }

            var maxReconnects = options.MaxReconnects;
            if (maxReconnects > 0 && facts.Reconnects >= maxReconnects)
            {
                return ReconnectDecision.End(
                    LiveSessionEndReason.ConnectionFailed,
                    "The connection was lost (" + Describe(end) + ") and the limit of " + maxReconnects + " reconnections was reached.",
                    frameLimit);
            }

            return attempts.BudgetSpent(options.MaxAttemptsWithoutProgress)
                ? ReconnectDecision.End(LiveSessionEndReason.ConnectionFailed, NoProgressMessage(attempts, facts.Elapsed, options), frameLimit)
                : ReconnectDecision.Retry(frameLimit, "connection lost: " + Describe(end));
        }

        /// <summary>
        /// After a close with 1009, half the smaller of the current limit and the largest frame sent on that connection,
        /// in whole sample frames; null when nothing was sent on it or frames are already as small as they may get.
        /// </summary>
        internal static int? SmallerFrames(int largestSent, int currentLimit, int sampleFrameBytes)
        {
            var alignment = Math.Max(1, sampleFrameBytes);
            var smallest = Math.Max(alignment, MinFrameBytes / alignment * alignment);
            var next = Math.Min(currentLimit, largestSent) / 2 / alignment * alignment;
            return largestSent == 0 || next < smallest ? null : next;
        }

        internal static string Describe(ConnectionEnd end) =>
            end.Kind == ConnectionEndKind.ServerClosed ? CloseName(end) + DescriptionSuffix(end.Description) : end.Description ?? "dropped";

        // A close frame may carry no status code at all (RFC 6455 §7.1.5, 1005): say so rather than print an empty code.
        private static string CloseName(ConnectionEnd end) =>
            end.CloseStatus is { } code ? "close " + code : "close without a status code";

        private static string NoProgressMessage(AttemptTracker attempts, TimeSpan elapsed, LiveConnectionOptions options) =>
            string.Format(
                CultureInfo.InvariantCulture,
                "Gave up after {0} connection attempts in a row made no progress over {1:0.###} s (MaxAttemptsWithoutProgress = {2}): {3} {4}.",
                attempts.WithoutProgress,
                (elapsed - attempts.Started).TotalSeconds,
                options.MaxAttemptsWithoutProgress,
                attempts.SameOutcome == attempts.WithoutProgress ? "on every attempt," : "on the last " + attempts.SameOutcome + " attempts,",
                attempts.LastOutcome);

        private static string DescribeEnd(ConnectionEnd end, ConnectionFacts facts, LiveConnectionOptions options)
        {
            var proof = facts.ProgressOnConnection ? string.Empty
                : string.Format(
                    CultureInfo.InvariantCulture,
                    ", before it proved itself (no audio acknowledged, open less than {0:0.###} s)",
                    options.ConnectionProvenAfter.TotalSeconds);
            var after = string.Format(CultureInfo.InvariantCulture, " after {0:0.###} s", facts.OpenFor.TotalSeconds);
            return end.Kind == ConnectionEndKind.ServerClosed
                ? "the server accepted the connection and closed it " +
                    (end.CloseStatus is { } code ? "with " + code + " (" + ConnectionEnd.Name(code) + DescriptionSuffix(end.Description) + ")" : "without a status code") + after + proof
                : "the connection dropped (" + (end.Description ?? "no reason") + ")" + after + proof;
        }

        private static string DescriptionSuffix(string? description) => string.IsNullOrEmpty(description) ? string.Empty : ": " + description;
    }

    /// <summary>What a session knows about a connection that just ended, for <see cref="ReconnectPolicy.AfterConnectionEnd"/>.</summary>
    internal sealed class ConnectionFacts
    {
        /// <summary>The client's <c>stop_recording</c> was sent on some connection.</summary>
        public bool StopSent { get; set; }

        /// <summary>The client's close frame was sent.</summary>
        public bool CloseSent { get; set; }

        /// <summary>A dispose is closing the session: unsent audio is abandoned.</summary>
        public bool DisposeClosing { get; set; }

        /// <summary>The server acknowledged audio on this connection.</summary>
        public bool ProgressOnConnection { get; set; }

        public TimeSpan OpenFor { get; set; }

        /// <summary>Reconnections so far (this connection's included, when it was one).</summary>
        public int Reconnects { get; set; }

        /// <summary>The largest audio frame sent on this connection, in bytes.</summary>
        public int LargestFrameSent { get; set; }

        /// <summary>The frame size limit in force, in bytes.</summary>
        public int FrameLimit { get; set; } = int.MaxValue;

        /// <summary>Time since the session began, on its own clock.</summary>
        public TimeSpan Elapsed { get; set; }
    }

    /// <summary>What a session does after a connection attempt failed or a connection ended.</summary>
    internal sealed class ReconnectDecision
    {
        private ReconnectDecision(bool reconnect, LiveSessionEndReason reason, string? error, int? frameLimit, string? detail)
        {
            Reconnect = reconnect;
            Reason = reason;
            Error = error;
            FrameLimit = frameLimit;
            Detail = detail;
        }

        /// <summary>Connect again (after the back-off delay); otherwise end the session.</summary>
        public bool Reconnect { get; }

        /// <summary>Why the session ends, when it does.</summary>
        public LiveSessionEndReason Reason { get; }

        /// <summary>The error in words, when the session ends without succeeding.</summary>
        public string? Error { get; }

        /// <summary>A new, smaller frame size limit to send with from now on (after a 1009 close), or null.</summary>
        public int? FrameLimit { get; }

        /// <summary>Why it reconnects, for the status event.</summary>
        public string? Detail { get; }

        public static ReconnectDecision Retry(int? frameLimit, string? detail = null) => new ReconnectDecision(true, default, null, frameLimit, detail);

        public static ReconnectDecision End(LiveSessionEndReason reason, string? error, int? frameLimit = null) => new ReconnectDecision(false, reason, error, frameLimit, null);

        public override string ToString() => Reconnect ? "reconnect" + (FrameLimit is { } f ? " with frames of " + f : string.Empty) : "end: " + Reason + (Error is null ? string.Empty : ": " + Error);
    }
}
