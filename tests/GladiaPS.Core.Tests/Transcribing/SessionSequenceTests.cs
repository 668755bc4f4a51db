using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Tests.Audio;
using GladiaPS.Core.Transcribing;
using Xunit;

namespace GladiaPS.Core.Tests.Transcribing
{
    public class SessionSequenceTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

        [Fact]
        public async Task Without_a_limit_all_audio_goes_to_one_session_at_offset_zero()
        {
            var run = new Run(limit: null);
            await run.StartAsync();

            run.Clock.Advance(TimeSpan.FromHours(5));
            await run.SendAsync(count: 100, quiet: false);

            var only = Assert.Single(run.Opened);
            Assert.Equal(100, only.Chunks.Count);
            Assert.Equal(new[] { 0.0 }, run.Offsets);
            Assert.False(only.Stopped);
            Assert.Null(run.Sequence.Unused);
        }

        [Fact]
        public async Task The_next_session_is_opened_ahead_and_taken_at_the_first_pause_in_the_last_stretch()
        {
            // A 40 s limit: the switch window is its last 10 s, and the next session opens 5 s before that (at 25 s).
            var run = new Run(limit: TimeSpan.FromSeconds(40));
            await run.StartAsync();

            await run.SendAsync(count: 200, quiet: false);          // 25 s sent
            Assert.Single(run.Opened);
            await run.SendAsync(count: 1, quiet: false);            // at the lead: the next opens before this chunk
            Assert.Equal(2, run.Opened.Count);
            Assert.Empty(run.Opened[1].Chunks);

            await run.SendAsync(count: 39, quiet: false);           // 30 s: in the window, but no pause yet
            await run.SendAsync(count: 2, quiet: true);             // 0.25 s of quiet is not a pause
            await run.SendAsync(count: 1, quiet: true);             // 0.375 s is
            Assert.Empty(run.Opened[1].Chunks);
            await run.SendAsync(count: 1, quiet: false);            // so this chunk starts the next session

            Assert.Equal(243, run.Opened[0].Chunks.Count);
            Assert.Single(run.Opened[1].Chunks);
            Assert.True(run.Opened[0].Stopped);
            Assert.False(run.Opened[1].Stopped);
            Assert.Equal(2, run.Sequence.Sessions.Count);
            Assert.Same(run.Opened[1], run.Sequence.Current);
            Assert.Equal(new[] { 0.0, 30.375 }, run.Offsets);
            Assert.Equal(run.Sent, run.Opened.SelectMany(s => s.Chunks).ToList());
        }

        [Fact]
        public async Task Without_a_pause_the_switch_happens_at_the_limit_itself()
        {
            var run = new Run(limit: TimeSpan.FromSeconds(40));
            await run.StartAsync();

            await run.SendAsync(count: 320, quiet: false);          // exactly 40 s: still fits
            Assert.Equal(320, run.Opened[0].Chunks.Count);
            Assert.False(run.Opened[0].Stopped);
            await run.SendAsync(count: 1, quiet: false);            // would pass the limit: goes to the next session

            Assert.Equal(320, run.Opened[0].Chunks.Count);
            Assert.Single(run.Opened[1].Chunks);
            Assert.True(run.Opened[0].Stopped);
            Assert.Equal(new[] { 0.0, 40.0 }, run.Offsets);
            Assert.Equal(run.Sent, run.Opened.SelectMany(s => s.Chunks).ToList());
        }

        [Fact]
        public async Task Time_since_a_session_opened_counts_even_when_little_audio_was_sent()
        {
            // A live device paced at real time, or a session left idle: the server's limit runs on the clock.
            var run = new Run(limit: TimeSpan.FromSeconds(40));
            await run.StartAsync();
            await run.SendAsync(count: 10, quiet: false);

            run.Clock.Advance(TimeSpan.FromSeconds(26));
            await run.SendAsync(count: 1, quiet: false);
            Assert.Equal(2, run.Opened.Count);

            run.Clock.Advance(TimeSpan.FromSeconds(5));              // 31 s since it opened: in the switch window
            await run.SendAsync(count: 3, quiet: true);
            Assert.Empty(run.Opened[1].Chunks);
            await run.SendAsync(count: 1, quiet: false);

            Assert.Equal(14, run.Opened[0].Chunks.Count);
            Assert.Single(run.Opened[1].Chunks);
            Assert.Equal(new[] { 0.0, 1.75 }, run.Offsets);
        }

        [Fact]
        public async Task A_session_opened_ahead_counts_its_time_from_when_it_was_opened()
        {
            var run = new Run(limit: TimeSpan.FromSeconds(40));
            await run.StartAsync();
            run.Clock.Advance(TimeSpan.FromSeconds(10));
            await run.SendAsync(count: 201, quiet: false);           // the next opens at 25 s of audio, 10 s on the clock
            Assert.Equal(2, run.Opened.Count);

            run.Clock.Advance(TimeSpan.FromSeconds(31));             // the first has run 41 s: the next chunk switches
            await run.SendAsync(count: 1, quiet: false);
            Assert.Single(run.Opened[1].Chunks);
            Assert.Equal(2, run.Opened.Count);

            // The second has been open 31 s (not 0 s since the switch): its own successor opens at once.
            await run.SendAsync(count: 1, quiet: false);
            Assert.Equal(3, run.Opened.Count);
            Assert.Equal(2, run.Sequence.Sessions.Count);
        }

        [Fact]
        public async Task A_session_opened_ahead_that_never_took_audio_is_left_to_close()
        {
            var run = new Run(limit: TimeSpan.FromSeconds(40));
            await run.StartAsync();
            await run.SendAsync(count: 208, quiet: false);           // the input ends at 26 s, after the next was opened

            Assert.NotNull(run.Sequence.Unused);
            var spare = await run.Sequence.Unused!.WaitAsync(Limit);
            Assert.Same(run.Opened[1], spare);
            Assert.Empty(spare.Chunks);
            Assert.Single(run.Sequence.Sessions);
        }

        [Fact]
        public async Task A_chunk_the_session_refuses_because_it_was_stopped_from_elsewhere_is_not_counted()
        {
            var run = new Run(limit: TimeSpan.FromSeconds(40));
            await run.StartAsync();
            await run.SendAsync(count: 100, quiet: false);
            run.Opened[0].Refuse = true;

            await run.SendAsync(count: 400, quiet: false);

            // Refused audio does not move the session towards its limit: no next session for it.
            Assert.Single(run.Opened);
            Assert.Equal(100, run.Opened[0].Chunks.Count);
        }

        [Fact]
        public async Task A_session_that_cannot_be_opened_fails_the_start()
        {
            var sequence = new SessionSequence<FakeSession>(
                _ => Task.FromException<FakeSession>(new InvalidOperationException("refused")), (_, _) => { }, null, new ManualTimeProvider());

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sequence.StartAsync(CancellationToken.None).WaitAsync(Limit));
            Assert.Equal("refused", error.Message);
        }

        private sealed class Run
        {
            private int _next;

            public Run(TimeSpan? limit)
            {
                Sequence = new SessionSequence<FakeSession>(
                    _ =>
                    {
                        var session = new FakeSession();
                        Opened.Add(session);
                        return Task.FromResult(session);
                    },
                    (_, offset) => Offsets.Add(offset),
                    limit,
                    Clock);
            }

            public ManualTimeProvider Clock { get; } = new ManualTimeProvider();

            public SessionSequence<FakeSession> Sequence { get; }

            public List<FakeSession> Opened { get; } = new List<FakeSession>();

            public List<double> Offsets { get; } = new List<double>();

            /// <summary>Every chunk handed to the sequence, in order (each is its index as four bytes).</summary>
            public List<int> Sent { get; } = new List<int>();

            public Task StartAsync() => Sequence.StartAsync(CancellationToken.None).WaitAsync(Limit);

            /// <summary>Sends <paramref name="count"/> chunks of 125 ms (a length sums of which are exact).</summary>
            public async Task SendAsync(int count, bool quiet)
            {
                for (var i = 0; i < count; i++)
                {
                    var index = _next++;
                    if (!Opened.Any(s => s.Refuse))
                    {
                        Sent.Add(index);
                    }

                    await Sequence.SendAsync(BitConverter.GetBytes(index), 0.125, quiet, CancellationToken.None).WaitAsync(Limit);
                }
            }
        }

        private sealed class FakeSession : IRollingSession
        {
            public List<int> Chunks { get; } = new List<int>();

            public bool Stopped { get; private set; }

            public bool Refuse { get; set; }

            public Task<bool> TrySendAudioAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
            {
                if (Refuse)
                {
                    return Task.FromResult(false);
                }

                Chunks.Add(BitConverter.ToInt32(chunk.ToArray(), 0));
                return Task.FromResult(true);
            }

            public Task StopRecordingAsync(CancellationToken cancellationToken)
            {
                Stopped = true;
                return Task.CompletedTask;
            }
        }
    }
}
