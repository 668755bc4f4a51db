using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// The sessions of one input that may outlast a session (Gladia ends one at 3 hours): audio goes to the current
    /// session until it nears <c>limit</c>; the next is opened ahead of time, and the switch happens at the first
    /// pause in the last stretch before the limit (at the limit itself when there is none). The old session is stopped
    /// behind its audio and finishes on its own, so nothing is lost or sent twice. Each session's transcripts carry the
    /// audio seconds of the sessions before it as their offset, so times run on across the seam.
    /// </summary>
    internal sealed class SessionSequence
    {
        /// <summary>How much quiet makes a pause worth switching at.</summary>
        private const double PauseSeconds = 0.3;

        private readonly Func<CancellationToken, Task<GladiaSession>> _open;
        private readonly Action<GladiaSession, double> _started;
        private readonly double? _limit;
        private readonly Func<DateTimeOffset> _now;
        private readonly List<GladiaSession> _sessions = new List<GladiaSession>();
        private Task<GladiaSession>? _next;
        private double _offset;
        private double _inSession;
        private double _quiet;

        /// <param name="open">Opens a new session (init and connect).</param>
        /// <param name="started">Called for each session once it takes audio, with its offset in seconds.</param>
        /// <param name="limit">The most a session may take, in audio seconds and in time since it was opened; null for no limit.</param>
        public SessionSequence(Func<CancellationToken, Task<GladiaSession>> open, Action<GladiaSession, double> started, TimeSpan? limit, Func<DateTimeOffset>? now = null)
        {
            _open = open;
            _started = started;
            _limit = limit?.TotalSeconds;
            _now = now ?? (() => DateTimeOffset.Now);
        }

        public GladiaSession Current { get; private set; } = null!;

        public IReadOnlyList<GladiaSession> Sessions => _sessions;

        /// <summary>A session opened ahead of time that never took audio (the input ended first); to be closed.</summary>
        public Task<GladiaSession>? Unused => _next;

        /// <summary>The part of the limit before it in which a pause is taken to switch.</summary>
        private double Window => Math.Min(60, _limit!.Value / 4);

        /// <summary>How long before the switch window the next session is opened.</summary>
        private double Lead => Math.Min(30, _limit!.Value / 8);

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            Current = await _open(cancellationToken).ConfigureAwait(false);
            _sessions.Add(Current);
            _started(Current, 0);
        }

        public async Task SendAsync(ReadOnlyMemory<byte> chunk, double seconds, bool quiet, CancellationToken cancellationToken)
        {
            if (_limit is { } limit)
            {
                var elapsed = Math.Max(_inSession, (_now() - Current.CreatedAt).TotalSeconds);
                if (_next is null && elapsed >= limit - Window - Lead)
                {
                    _next = _open(cancellationToken);
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

        private async Task SwitchAsync(CancellationToken cancellationToken)
        {
            var next = await (_next ?? _open(cancellationToken)).ConfigureAwait(false);
            _next = null;
            var previous = Current;
            _offset += _inSession;
            _inSession = 0;
            _quiet = 0;
            Current = next;
            _sessions.Add(next);
            _started(next, _offset);
            await previous.Live.StopRecordingAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
