using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Streaming;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    public class PacerTests
    {
        private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

        [Fact]
        public async Task Real_time_pacing_has_no_cumulative_drift_over_an_hour()
        {
            // An hour of 100 ms chunks at 16 kHz on a simulated clock that wakes every sleeper up to 15 ms late and
            // spends up to 8 ms per chunk in the consumer. Sleeping 100 ms per chunk would end ~7 minutes late;
            // scheduling from t0 must keep every chunk within one wake-up error of its slot.
            var clock = new ManualTimeProvider();
            var pacer = new AudioPacer(PacingMode.RealTime, clock);
            var random = new Random(42);
            const int rate = 16000;
            const int framesPerChunk = 1600;
            const int chunks = 36000;
            var start = clock.GetTimestamp();
            var worstLateness = TimeSpan.Zero;
            TimeSpan lastLateness = default;
            for (var k = 0; k < chunks; k++)
            {
                var chunk = new AudioChunk(k, (long)k * framesPerChunk, framesPerChunk, rate, new byte[framesPerChunk * 2]);
                var wait = pacer.WaitForAsync(chunk, CancellationToken.None).AsTask();
                if (!wait.IsCompleted)
                {
                    var due = clock.NextDue ?? throw new InvalidOperationException($"chunk {k} waits without a timer");
                    clock.Advance(TimeSpan.FromTicks(due - clock.GetTimestamp()) + TimeSpan.FromMilliseconds(random.NextDouble() * 15));
                }

                await wait.WaitAsync(WaitLimit);
                var released = TimeSpan.FromTicks(clock.GetTimestamp() - start);
                var slot = TimeSpan.FromMilliseconds(100.0 * k);
                Assert.True(released >= slot, $"chunk {k} was released early: {released} < {slot}");
                lastLateness = released - slot;
                if (lastLateness > worstLateness)
                {
                    worstLateness = lastLateness;
                }

                clock.Advance(TimeSpan.FromMilliseconds(random.NextDouble() * 8));
            }

            Assert.True(worstLateness < TimeSpan.FromMilliseconds(25), $"a chunk was {worstLateness.TotalMilliseconds} ms late");
            Assert.True(lastLateness < TimeSpan.FromMilliseconds(25), $"the last chunk was {lastLateness.TotalMilliseconds} ms late");
            var elapsed = TimeSpan.FromTicks(clock.GetTimestamp() - start);
            Assert.InRange(elapsed.TotalSeconds, 3599.9, 3600.1);
        }

        [Fact]
        public async Task A_consumer_that_falls_behind_catches_up_without_waiting()
        {
            var clock = new ManualTimeProvider();
            var pacer = new AudioPacer(PacingMode.RealTime, clock);
            await pacer.WaitForAsync(new AudioChunk(0, 0, 1600, 16000, new byte[3200]), CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(1));
            var timers = clock.TimersCreated;
            for (var k = 1; k <= 10; k++)
            {
                var wait = pacer.WaitForAsync(new AudioChunk(k, k * 1600L, 1600, 16000, new byte[3200]), CancellationToken.None);
                Assert.True(wait.IsCompleted, $"chunk {k} is already due and must not wait");
            }

            Assert.Equal(timers, clock.TimersCreated);
            var next = pacer.WaitForAsync(new AudioChunk(11, 11 * 1600L, 1600, 16000, new byte[3200]), CancellationToken.None).AsTask();
            Assert.False(next.IsCompleted);
            Assert.Equal(TimeSpan.FromMilliseconds(100).Ticks, clock.NextDue!.Value - clock.GetTimestamp());
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await next.WaitAsync(WaitLimit);
        }

        [Fact]
        public async Task As_fast_as_possible_never_waits()
        {
            var clock = new ManualTimeProvider();
            var pacer = new AudioPacer(PacingMode.AsFastAsPossible, clock);
            for (var k = 0; k < 1000; k++)
            {
                var wait = pacer.WaitForAsync(new AudioChunk(k, k * 1600L, 1600, 16000, new byte[3200]), CancellationToken.None);
                Assert.True(wait.IsCompleted);
                await wait;
            }

            Assert.Equal(0, clock.TimersCreated);
        }

        [Fact]
        public async Task Cancelling_a_wait_ends_it_at_once()
        {
            var clock = new ManualTimeProvider();
            var pacer = new AudioPacer(PacingMode.RealTime, clock);
            await pacer.WaitForAsync(new AudioChunk(0, 0, 1600, 16000, new byte[3200]), CancellationToken.None);
            using var cancellation = new CancellationTokenSource();
            var wait = pacer.WaitForAsync(new AudioChunk(1, 1600, 1600, 16000, new byte[3200]), cancellation.Token).AsTask();
            Assert.False(wait.IsCompleted);
            cancellation.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(WaitLimit));
        }

        [Fact]
        public async Task PaceAsync_releases_a_converted_stream_on_schedule()
        {
            var clock = new ManualTimeProvider();
            var pacer = new AudioPacer(PacingMode.RealTime, clock);
            var format = new SessionAudioFormat(AudioEncoding.Pcm, 16, 16000, 1);
            using var chunker = new AudioChunker(new ArraySource(new float[16000 * 2], 16000), format);
            var start = clock.GetTimestamp();
            var releases = new List<(long Index, long At)>();
            var enumerator = pacer.PaceAsync(chunker.ReadAllAsync()).GetAsyncEnumerator();
            while (true)
            {
                var next = enumerator.MoveNextAsync().AsTask();
                while (!next.IsCompleted)
                {
                    // Taken before the check, so a timer armed in between is not missed.
                    var armed = clock.WhenTimerArmed();
                    if (clock.NextDue is long due)
                    {
                        clock.Advance(TimeSpan.FromTicks(due - clock.GetTimestamp()));
                    }
                    else
                    {
                        await Task.WhenAny(next, armed).WaitAsync(WaitLimit);
                    }
                }

                if (!await next)
                {
                    break;
                }

                releases.Add((enumerator.Current.Index, clock.GetTimestamp() - start));
            }

            await enumerator.DisposeAsync();
            Assert.Equal(20, releases.Count);
            for (var k = 0; k < releases.Count; k++)
            {
                Assert.Equal(k, releases[k].Index);
                Assert.Equal(TimeSpan.FromMilliseconds(100 * k).Ticks, releases[k].At);
            }
        }
    }
}
