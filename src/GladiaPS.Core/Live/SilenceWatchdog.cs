using System;
using System.Globalization;
using System.Threading;

namespace GladiaPS.Core.Live
{
    /// <summary>
    /// Watches one connection of a session for a server that has gone silent while it owes the client something
    /// (acknowledgments of audio sent, the answer to stop_recording, the end of the session). Silence on the connection
    /// for <see cref="LiveConnectionOptions.SilenceTimeout"/> makes it a drop (the session reconnects and resumes);
    /// no frame on any connection of the session for <see cref="LiveConnectionOptions.NoProgressTimeout"/> ends the
    /// session with one error. When it fires, its <see cref="Token"/> is cancelled, which ends the connection's receive.
    /// </summary>
    internal sealed class SilenceWatchdog : IDisposable
    {
        private readonly Func<string?> _owedHere;
        private readonly Func<string?> _owedBySession;
        private readonly Func<TimeSpan> _now;
        private readonly TimeSpan _silenceLimit;
        private readonly TimeSpan _noProgressLimit;
        private readonly Func<TimeSpan> _lastHeardInSession;
        private readonly Action<TimeSpan> _markHeardInSession;
        private readonly CancellationTokenSource _fired = new CancellationTokenSource();
        private readonly Timer _timer;
        private long _lastHeardTicks;
        private ConnectionEnd? _verdict;

        /// <param name="owedHere">What the server owes on this connection now ("12800 bytes of audio to acknowledge"), or null when nothing.</param>
        /// <param name="owedBySession">What else the server owes the session (its end, after the stop was acknowledged), or null.</param>
        /// <param name="now">The session's clock.</param>
        /// <param name="lastHeardInSession">When a frame last arrived on any connection of the session (or it began).</param>
        /// <param name="markHeardInSession">Records that a frame arrived (or that nothing was owed) at the given time, for the whole session.</param>
        /// <param name="options">The two limits.</param>
        public SilenceWatchdog(Func<string?> owedHere, Func<string?> owedBySession, Func<TimeSpan> now, Func<TimeSpan> lastHeardInSession,
            Action<TimeSpan> markHeardInSession, LiveConnectionOptions options)
        {
            _owedHere = owedHere;
            _owedBySession = owedBySession;
            _now = now;
            _lastHeardInSession = lastHeardInSession;
            _markHeardInSession = markHeardInSession;
            _silenceLimit = options.SilenceTimeout;
            _noProgressLimit = options.NoProgressTimeout;
            _lastHeardTicks = now().Ticks;
            var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(20).Ticks, Math.Min(TimeSpan.FromSeconds(1).Ticks, _silenceLimit.Ticks / 4)));
            _timer = new Timer(_ => Check(), null, period, period);
        }

        /// <summary>Cancelled when the silence has lasted too long; <see cref="Verdict"/> then says how the connection ended.</summary>
        public CancellationToken Token => _fired.Token;

        /// <summary>How the connection ended when the watchdog fired: a drop, or a stall that ends the session; null before.</summary>
        public ConnectionEnd? Verdict => Volatile.Read(ref _verdict);

        /// <summary>A frame arrived on this connection.</summary>
        public void Heard()
        {
            var now = _now();
            Volatile.Write(ref _lastHeardTicks, now.Ticks);
            _markHeardInSession(now);
        }

        public void Dispose()
        {
            _timer.Dispose();
            _fired.Dispose();
        }

        private void Check()
        {
            if (Volatile.Read(ref _verdict) is not null)
            {
                return;
            }

            var owedHere = _owedHere();
            var owed = owedHere ?? _owedBySession();
            if (owed is null)
            {
                // Nothing owed: a quiet server is a server with nothing to say. The clock starts when something is owed again.
                Heard();
                return;
            }

            var now = _now();
            // A new connection is no progress: the session's clock runs on from the last frame of any connection.
            var silentInSession = now - _lastHeardInSession();
            var silentHere = now - TimeSpan.FromTicks(Volatile.Read(ref _lastHeardTicks));
            ConnectionEnd? verdict = null;
            if (silentInSession >= _noProgressLimit)
            {
                verdict = ConnectionEnd.Stalled(string.Format(CultureInfo.InvariantCulture,
                    "the server sent nothing for {0:0.#} s while it owed {1} (NoProgressTimeout); the session was given up",
                    silentInSession.TotalSeconds, owed));
            }
            else if (owedHere is not null && silentHere >= _silenceLimit)
            {
                verdict = ConnectionEnd.Dropped(string.Format(CultureInfo.InvariantCulture,
                    "the server sent nothing for {0:0.#} s while it owed {1} (SilenceTimeout)", silentHere.TotalSeconds, owedHere));
            }

            if (verdict is not null && Interlocked.CompareExchange(ref _verdict, verdict, null) is null)
            {
                try
                {
                    _fired.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The connection ended meanwhile.
                }
            }
        }
    }
}
