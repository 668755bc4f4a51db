using System;
using System.Collections.Generic;
using GladiaPS.Core.Live;
using Xunit;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>The session's decision after a failed connect or an ended connection, without sockets: every close code, refusal and budget.</summary>
    public class ReconnectPolicyTests
    {
        public static IEnumerable<object[]> CloseCodes()
        {
            // code, reconnects?, the end reason when not
            yield return new object[] { 1001, true, null! };
            yield return new object[] { 1002, true, null! };
            yield return new object[] { 1003, false, LiveSessionEndReason.Rejected };
            yield return new object[] { 1006, true, null! };
            yield return new object[] { 1007, false, LiveSessionEndReason.Rejected };
            yield return new object[] { 1008, false, LiveSessionEndReason.Rejected };
            yield return new object[] { 1010, true, null! };
            yield return new object[] { 1011, true, null! };
            yield return new object[] { 1012, true, null! };
            yield return new object[] { 1013, true, null! };
            yield return new object[] { 1014, true, null! };
            yield return new object[] { 3000, true, null! };
            yield return new object[] { 4000, true, null! };
            yield return new object[] { 4399, true, null! };
            yield return new object[] { 4400, false, LiveSessionEndReason.Rejected };
            yield return new object[] { 4401, false, LiveSessionEndReason.Rejected };
            yield return new object[] { 4499, false, LiveSessionEndReason.Rejected };
            yield return new object[] { 4500, true, null! };
            yield return new object[] { 4999, true, null! };
            yield return new object[] { 9999, true, null! };
            yield return new object[] { 999, false, LiveSessionEndReason.Rejected };
            yield return new object[] { 10000, false, LiveSessionEndReason.Rejected };
        }

        [Theory]
        [MemberData(nameof(CloseCodes))]
        public void A_server_close_reconnects_or_ends_by_its_code(int code, bool reconnects, LiveSessionEndReason? reason)
        {
            var attempts = new AttemptTracker();

            var decision = ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.ServerClosed(code, "why"), Proven(), attempts, new LiveConnectionOptions());

            Assert.Equal(reconnects, decision.Reconnect);
            if (reconnects)
            {
                Assert.Null(decision.Error);
                Assert.Equal("connection lost: close " + code + ": why", decision.Detail);
                Assert.Equal(0, attempts.WithoutProgress);
            }
            else
            {
                Assert.Equal(reason, decision.Reason);
                Assert.Contains(code.ToString(), decision.Error);
                Assert.Contains("does not allow resuming", decision.Error);
                Assert.Contains(code >= 4400 && code <= 4499 || code < 1000 ? "refuses the client's request" : "would be refused again", decision.Error);
            }
        }

        [Theory]
        [InlineData(false, false, LiveSessionEndReason.ClosedByServer, true)]
        [InlineData(true, false, LiveSessionEndReason.Completed, false)]
        [InlineData(true, true, LiveSessionEndReason.ClosedByClient, false)]
        [InlineData(false, true, LiveSessionEndReason.ClosedByClient, false)]
        public void A_normal_close_ends_the_session_as_what_the_client_had_sent(bool stopSent, bool closeSent, LiveSessionEndReason reason, bool isError)
        {
            var facts = Proven();
            facts.StopSent = stopSent;
            facts.CloseSent = closeSent;

            var decision = ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.ServerClosed(1000, null), facts, new AttemptTracker(), new LiveConnectionOptions());

            Assert.False(decision.Reconnect);
            Assert.Equal(reason, decision.Reason);
            Assert.Equal(isError, decision.Error is not null);
            if (isError)
            {
                Assert.StartsWith("The server ended the session (1000) before the client asked to stop.", decision.Error);
            }
        }

        [Fact]
        public void The_client_closing_and_a_dispose_end_without_an_error()
        {
            var closed = ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.ClientClosed(1000, null), Proven(), new AttemptTracker(), new LiveConnectionOptions());
            var cancelled = ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.Cancelled(), Proven(), new AttemptTracker(), new LiveConnectionOptions());

            Assert.Equal((false, LiveSessionEndReason.ClosedByClient, (string?)null), (closed.Reconnect, closed.Reason, closed.Error));
            Assert.Equal((false, LiveSessionEndReason.Disposed, (string?)null), (cancelled.Reconnect, cancelled.Reason, cancelled.Error));
        }

        [Fact]
        public void A_drop_or_a_retryable_close_while_disposing_abandons_the_session()
        {
            var facts = Proven();
            facts.DisposeClosing = true;

            var decision = ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.Dropped("reset"), facts, new AttemptTracker(), new LiveConnectionOptions());

            Assert.False(decision.Reconnect);
            Assert.Equal(LiveSessionEndReason.Disposed, decision.Reason);
        }

        [Fact]
        public void A_protocol_violation_by_the_server_is_not_resumed()
        {
            var decision = ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.ProtocolViolation(), Proven(), new AttemptTracker(), new LiveConnectionOptions());

            Assert.False(decision.Reconnect);
            Assert.Equal(LiveSessionEndReason.Rejected, decision.Reason);
            Assert.Contains("not resumed", decision.Error);
        }

        [Theory]
        [InlineData(65536, int.MaxValue, 2, 32768)]
        [InlineData(65536, 16384, 2, 8192)]
        [InlineData(3000, int.MaxValue, 3, 1500)]
        [InlineData(3001, int.MaxValue, 4, 1500)]
        [InlineData(2048, int.MaxValue, 1, 1024)]
        [InlineData(2047, int.MaxValue, 1, null)]
        [InlineData(0, int.MaxValue, 2, null)]
        [InlineData(4000, int.MaxValue, 1600, 1600)]
        [InlineData(6400, int.MaxValue, 1600, 3200)]
        [InlineData(3199, int.MaxValue, 1600, null)]
        public void Message_too_big_halves_the_frames_in_whole_sample_frames_while_they_can_get_smaller(int largest, int limit, int sampleFrameBytes, int? expected)
        {
            var facts = Proven();
            facts.LargestFrameSent = largest;
            facts.FrameLimit = limit;
            var options = new LiveConnectionOptions { SampleFrameBytes = sampleFrameBytes };

            var decision = ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.ServerClosed(1009, null), facts, new AttemptTracker(), options);

            Assert.Equal(expected is not null, decision.Reconnect);
            Assert.Equal(expected, decision.FrameLimit);
            if (expected is null)
            {
                Assert.Equal(LiveSessionEndReason.Rejected, decision.Reason);
                Assert.Contains(largest == 0 ? "before any audio was sent on it" : "even for frames of " + largest + " bytes", decision.Error);
            }
            else
            {
                Assert.Equal(0, expected % sampleFrameBytes);
            }
        }

        [Theory]
        [InlineData(400, "the request is malformed.")]
        [InlineData(401, "the session's token is refused")]
        [InlineData(403, "the session's token is refused")]
        [InlineData(404, "does not exist (any more).")]
        [InlineData(410, "does not exist (any more).")]
        public void A_permanent_http_refusal_of_the_upgrade_ends_the_session_at_once(int status, string why)
        {
            var attempts = new AttemptTracker();

            var decision = ReconnectPolicy.AfterFailedConnect("failed: " + status, status, everConnected: true, TimeSpan.Zero, attempts, new LiveConnectionOptions());

            Assert.False(decision.Reconnect);
            Assert.Equal(LiveSessionEndReason.Rejected, decision.Reason);
            Assert.StartsWith("The server refused the WebSocket connection with HTTP " + status + " (attempt 1 failed: " + status + "); a retry cannot change that", decision.Error);
            Assert.Contains(why, decision.Error);
            Assert.Equal(0, attempts.WithoutProgress);
        }

        [Theory]
        [InlineData(408)]
        [InlineData(429)]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(null)]
        public void A_passing_refusal_or_a_failed_connect_is_retried_and_counted(int? status)
        {
            var attempts = new AttemptTracker();

            var decision = ReconnectPolicy.AfterFailedConnect("timed out after 10 s", status, everConnected: true, TimeSpan.Zero, attempts, new LiveConnectionOptions());

            Assert.True(decision.Reconnect);
            Assert.Equal(1, attempts.WithoutProgress);
            Assert.Equal("attempt 1 timed out after 10 s", attempts.LastDetail);
        }

        [Theory]
        [InlineData(false, 5, 5, false)]
        [InlineData(false, 5, 4, true)]
        [InlineData(true, 5, 5, true)]
        [InlineData(false, 0, 30, true)]
        public void The_first_connection_gets_MaxConnectAttempts_tries(bool everConnected, int maxConnectAttempts, int failures, bool lastReconnects)
        {
            var attempts = new AttemptTracker();
            var options = new LiveConnectionOptions { MaxConnectAttempts = maxConnectAttempts, MaxAttemptsWithoutProgress = 0 };
            ReconnectDecision? decision = null;
            for (var i = 0; i < failures; i++)
            {
                decision = ReconnectPolicy.AfterFailedConnect("refused", null, everConnected, TimeSpan.Zero, attempts, options);
                Assert.True(decision.Reconnect || i == failures - 1, "ended early, at attempt " + (i + 1));
            }

            Assert.Equal(lastReconnects, decision!.Reconnect);
            if (!lastReconnects)
            {
                Assert.Equal(LiveSessionEndReason.ConnectionFailed, decision.Reason);
                Assert.Equal("Could not connect to the live session after " + failures + " attempt(s); the last attempt " + failures + " refused.", decision.Error);
            }
        }

        [Theory]
        [InlineData(3, 3, false)]
        [InlineData(3, 2, true)]
        [InlineData(0, 50, true)]
        public void Attempts_without_progress_are_bounded_by_their_budget(int budget, int drops, bool lastReconnects)
        {
            var attempts = new AttemptTracker();
            var options = new LiveConnectionOptions { MaxAttemptsWithoutProgress = budget };
            ReconnectDecision? decision = null;
            for (var i = 0; i < drops; i++)
            {
                decision = ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.ServerClosed(1011, null), Unproven(), attempts, options);
            }

            Assert.Equal(lastReconnects, decision!.Reconnect);
            if (!lastReconnects)
            {
                Assert.Equal(LiveSessionEndReason.ConnectionFailed, decision.Reason);
                Assert.StartsWith("Gave up after " + drops + " connection attempts in a row made no progress", decision.Error);
                Assert.Contains("(MaxAttemptsWithoutProgress = " + budget + "): on every attempt,", decision.Error);
                Assert.Contains("closed it with 1011 (internal server error) after 0.5 s, before it proved itself", decision.Error);
            }
        }

        [Fact]
        public void A_connection_that_proved_itself_starts_a_new_series()
        {
            var attempts = new AttemptTracker();
            var options = new LiveConnectionOptions { MaxAttemptsWithoutProgress = 2 };
            ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.Dropped("reset"), Unproven(), attempts, options);
            Assert.Equal(1, attempts.WithoutProgress);

            var acknowledged = Unproven();
            acknowledged.ProgressOnConnection = true;
            Assert.True(ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.Dropped("reset"), acknowledged, attempts, options).Reconnect);
            Assert.Equal(0, attempts.WithoutProgress);

            ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.Dropped("reset"), Unproven(), attempts, options);
            var longEnough = Unproven();
            longEnough.OpenFor = options.ConnectionProvenAfter;
            Assert.True(ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.Dropped("reset"), longEnough, attempts, options).Reconnect);
            Assert.Equal(0, attempts.WithoutProgress);
        }

        [Theory]
        [InlineData(0, 100, true)]
        [InlineData(3, 2, true)]
        [InlineData(3, 3, false)]
        public void Reconnections_are_bounded_by_MaxReconnects_when_set(int maxReconnects, int reconnects, bool reconnect)
        {
            var facts = Proven();
            facts.Reconnects = reconnects;

            var decision = ReconnectPolicy.AfterConnectionEnd(
                ConnectionEnd.Dropped("reset"), facts, new AttemptTracker(), new LiveConnectionOptions { MaxReconnects = maxReconnects });

            Assert.Equal(reconnect, decision.Reconnect);
            if (!reconnect)
            {
                Assert.Equal("The connection was lost (reset) and the limit of 3 reconnections was reached.", decision.Error);
            }
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void A_stalled_server_ends_the_session_however_proven_the_connection_was(bool proven)
        {
            var attempts = new AttemptTracker();

            var decision = ReconnectPolicy.AfterConnectionEnd(
                ConnectionEnd.Stalled("no progress for 300 s"), proven ? Proven() : Unproven(), attempts, new LiveConnectionOptions());

            Assert.False(decision.Reconnect);
            Assert.Equal(LiveSessionEndReason.ConnectionFailed, decision.Reason);
            Assert.Equal("The session was given up: no progress for 300 s.", decision.Error);
            Assert.Equal(0, attempts.WithoutProgress);
        }

        [Fact]
        public void A_close_without_a_status_code_is_resumed_and_described_as_such()
        {
            var decision = ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.ServerClosed(null, null), Proven(), new AttemptTracker(), new LiveConnectionOptions());

            Assert.True(decision.Reconnect);
            Assert.Null(decision.Error);
            Assert.Equal("connection lost: close without a status code", decision.Detail);
        }

        [Fact]
        public void Closes_without_a_status_code_on_unproven_connections_spend_the_budget_and_say_what_happened()
        {
            var attempts = new AttemptTracker();
            var options = new LiveConnectionOptions { MaxAttemptsWithoutProgress = 2 };

            var first = ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.ServerClosed(null, null), Unproven(), attempts, options);
            var second = ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.ServerClosed(null, null), Unproven(), attempts, options);

            Assert.True(first.Reconnect);
            Assert.False(second.Reconnect);
            Assert.Equal(LiveSessionEndReason.ConnectionFailed, second.Reason);
            Assert.DoesNotContain("close :", second.Error);
            Assert.Contains("without a status code", second.Error);
        }

        [Fact]
        public void A_drop_of_a_proven_connection_is_resumed()
        {
            var attempts = new AttemptTracker();

            var decision = ReconnectPolicy.AfterConnectionEnd(ConnectionEnd.Dropped("connection reset"), Proven(), attempts, new LiveConnectionOptions());

            Assert.True(decision.Reconnect);
            Assert.Equal("connection lost: connection reset", decision.Detail);
            Assert.Equal(0, attempts.WithoutProgress);
        }

        private static ConnectionFacts Proven() => new ConnectionFacts { ProgressOnConnection = true, OpenFor = TimeSpan.FromSeconds(30) };

        private static ConnectionFacts Unproven() => new ConnectionFacts { OpenFor = TimeSpan.FromSeconds(0.5) };
    }
}
