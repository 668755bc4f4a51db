using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Tests.Audio
{
    /// <summary>A clock that moves only when the test says so; timers fire inside <see cref="Advance"/>.</summary>
    internal sealed class ManualTimeProvider : TimeProvider
    {
        private readonly object gate = new();
        private readonly List<ManualTimer> timers = new();
        private long now = 1_000_000;
        private TaskCompletionSource armed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp()
        {
            lock (gate)
            {
                return now;
            }
        }

        public int TimersCreated { get; private set; }

        /// <summary>
        /// Completes the next time a timer is set to a due time. Take it, check <see cref="NextDue"/>, then await it:
        /// a timer armed after taking it always completes it.
        /// </summary>
        public Task WhenTimerArmed()
        {
            lock (gate)
            {
                return armed.Task;
            }
        }

        /// <summary>When the earliest pending timer is due, or null when none is.</summary>
        public long? NextDue
        {
            get
            {
                lock (gate)
                {
                    long? next = null;
                    foreach (var timer in timers)
                    {
                        if (timer.Due is long due && (next is null || due < next))
                        {
                            next = due;
                        }
                    }

                    return next;
                }
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            lock (gate)
            {
                TimersCreated++;
                timers.Add(timer);
            }

            timer.Change(dueTime, period);
            return timer;
        }

        public void Advance(TimeSpan by)
        {
            List<ManualTimer> due;
            lock (gate)
            {
                now += by.Ticks;
                due = timers.FindAll(t => t.Due is long d && d <= now);
                foreach (var timer in due)
                {
                    timer.Due = null;
                }
            }

            foreach (var timer in due)
            {
                timer.Fire();
            }
        }

        private void Remove(ManualTimer timer)
        {
            lock (gate)
            {
                timers.Remove(timer);
            }
        }

        private sealed class ManualTimer : ITimer
        {
            private readonly ManualTimeProvider owner;
            private readonly TimerCallback callback;
            private readonly object? state;

            public ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state)
            {
                this.owner = owner;
                this.callback = callback;
                this.state = state;
            }

            public long? Due { get; set; }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                TaskCompletionSource? signal = null;
                lock (owner.gate)
                {
                    Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner.now + dueTime.Ticks;
                    if (Due is not null)
                    {
                        signal = owner.armed;
                        owner.armed = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }

                signal?.TrySetResult();
                return true;
            }

            public void Fire() => callback(state);

            public void Dispose() => owner.Remove(this);

            public ValueTask DisposeAsync()
            {
                Dispose();
                return default;
            }
        }
    }
}
