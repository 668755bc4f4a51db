using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Transcribing
{
    /// <summary>
    /// The sessions of one input that may outlast a session (Gladia ends one at 3 hours): audio goes to the current
    /// session until it nears <c>limit</c>; the next is opened ahead of time, and the switch happens at the first
    /// pause in the last stretch before the limit (at the limit itself when there is none). The old session is stopped
    /// behind its audio and finishes on its own, so nothing is lost or sent twice. Each session's transcripts carry the
    /// audio seconds of the sessions before it as their offset, so times run on across the seam.
    /// </summary>
    internal sealed class SessionSequence<TSession>
        where TSession : class, IRollingSession
    {
        /// <summary>How much quiet makes a pause worth switching at.</summary>
        internal const double PauseSeconds = 0.3;

        private readonly Func<CancellationToken, Task<TSession>> _open;
        private readonly Action<TSession, double> _started;
        private readonly double? _limit;
        private readonly TimeProvider _time;
        private readonly List<TSession> _sessions = new List<TSession>();
        private Task<(TSession Session, long OpenedAt)>? _next;
        private long _currentOpenedAt;
        private double _offset;
        private double _inSession;
        private double _quiet;

        /// <param name="open">Opens a new session (init and connect).</param>
        /// <param name="started">Called for each session once it takes audio, with its offset in seconds.</param>
        /// <param name="limit">The most a session may take, in audio seconds and in time since it was opened; null for no limit.</param>
        /// <param name="time">The clock the time since a session was opened is read on.</param>
        public SessionSequence(Func<CancellationToken, Task<TSession>> open, Action<TSession, double> started, TimeSpan? limit, TimeProvider time)
        {
            _open = open;
            _started = started;
            _limit = limit?.TotalSeconds;
            _time = time;
        }

        public TSession Current { get; private set; } = null!;

        public IReadOnlyList<TSession> Sessions => _sessions;

        /// <summary>A session opened ahead of time that never took audio (the input ended first); to be closed.</summary>
        public Task<TSession>? Unused => _next is { } next ? SessionOf(next) : null;

        /// <summary>The part of the limit before it in which a pause is taken to switch.</summary>
        internal double Window => Math.Min(60, _limit!.Value / 4);

        /// <summary>How long before the switch window the next session is opened.</summary>
        internal double Lead => Math.Min(30, _limit!.Value / 8);

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var (session, openedAt) = await OpenAsync(cancellationToken).ConfigureAwait(false);
            Begin(session, openedAt);
        }

        public async Task SendAsync(ReadOnlyMemory<byte> chunk, double seconds, bool quiet, CancellationToken cancellationToken)
        {
            if (_limit is { } limit)
            {
                var elapsed = Math.Max(_inSession, _time.GetElapsedTime(_currentOpenedAt).TotalSeconds);
                if (_next is null && elapsed >= limit - Window - Lead)
                {
                    _next = OpenAsync(cancellationToken);
                }

                if (elapsed + seconds > limit || (elapsed >= limit - Window && _quiet >= PauseSeconds))
                {
                    await SwitchAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            if (!await Current.TrySendAudioAsync(chunk, cancellationToken).ConfigureAwait(false))
            {
                // Stopped from elsewhere: the sender ends at its next check.
                return;
            }

            _inSession += seconds;
            _quiet = quiet ? _quiet + seconds : 0;
        }

        private static async Task<TSession> SessionOf(Task<(TSession Session, long OpenedAt)> opening) =>
            (await opening.ConfigureAwait(false)).Session;

        private async Task<(TSession Session, long OpenedAt)> OpenAsync(CancellationToken cancellationToken)
        {
            var session = await _open(cancellationToken).ConfigureAwait(false);
            return (session, _time.GetTimestamp());
        }

        private void Begin(TSession session, long openedAt)
        {
            Current = session;
            _currentOpenedAt = openedAt;
            _sessions.Add(session);
            _started(session, _offset);
        }

        private async Task SwitchAsync(CancellationToken cancellationToken)
        {
            var (next, openedAt) = await (_next ?? OpenAsync(cancellationToken)).ConfigureAwait(false);
            _next = null;
            var previous = Current;
            _offset += _inSession;
            _inSession = 0;
            _quiet = 0;
            Begin(next, openedAt);
            await previous.StopRecordingAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
