using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Inputs;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Tests.Live;
using GladiaPS.Core.Transcribing;
using Xunit;

namespace GladiaPS.Core.Tests.Transcribing
{
    /// <summary>A transcriber against the local Gladia-compatible server: real sessions, tone-word transcripts.</summary>
    public class LiveTranscriberTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

        [Fact]
        public async Task An_input_shorter_than_the_limit_is_one_session_whose_transcripts_arrive_before_its_end()
        {
            await using var fixture = await EmulatorFixture.StartAsync();
            var (audio, expected) = EmulatorFixture.ToneAudio("alpha bravo | charlie delta echo");
            var opened = new List<SessionAudioFormat>();
            var transcriber = new LiveTranscriber(fixture.Client, new LiveTranscriberOptions
            {
                SessionOptions = EmulatorFixture.Pcm16Options(),
                InputOpened = (_, format) => opened.Add(format),
            });

            var events = await CollectAsync(transcriber.TranscribeAsync(AudioInput.FromStream(new MemoryStream(audio))));

            var ended = Assert.IsType<LiveTranscriberSessionEnded>(events.Last());
            Assert.True(ended.Outcome.Succeeded, ended.Outcome.ToString());
            Assert.Single(events.OfType<LiveTranscriberSessionEnded>());
            Assert.All(events, e => Assert.Equal(0, e.Offset));
            Assert.Equal(expected, Finals(events).Select(f => f.Text));
            Assert.Equal(new[] { SessionAudioFormat.Default }, opened);
            Assert.Equal(audio.Length, fixture.Emulator.FindSession(ended.Session.Id!)!.KeptBytes);
            Assert.Equal(LiveSessionStatus.Ended, ended.Session.Status);
        }

        [Fact]
        public async Task A_longer_input_goes_on_in_new_sessions_switched_at_pauses_with_times_running_on()
        {
            await using var fixture = await EmulatorFixture.StartAsync();
            var (audio, expected) = EmulatorFixture.ToneAudio(EmulatorFixture.RandomPhrase(8, 1616));
            var seconds = audio.Length / 32000.0;
            var transcriber = new LiveTranscriber(fixture.Client, new LiveTranscriberOptions
            {
                SessionOptions = EmulatorFixture.Pcm16Options(),
                SessionLimit = TimeSpan.FromSeconds(seconds / 2.5),
            });

            var events = await CollectAsync(transcriber.TranscribeAsync(AudioInput.FromStream(new MemoryStream(audio))));

            // Sessions overlap on the server (one finishes while the next transcribes), but their events come out one
            // session after another, in the input's order.
            var ends = events.OfType<LiveTranscriberSessionEnded>().ToList();
            AssertInSessionOrder(events);
            Assert.InRange(ends.Count, 3, 4);
            Assert.All(ends, e => Assert.True(e.Outcome.Succeeded, e.Outcome.ToString()));
            Assert.Equal(ends.Count, ends.Select(e => e.Session.Id).Distinct().Count());
            Assert.Equal(0, ends[0].Offset);

            // Switched at pauses: every word once, in order, none cut; times in the input run on across the seams.
            var finals = Finals(events);
            Assert.Equal(string.Join(" ", expected), string.Join(" ", finals.Select(f => f.Text)));
            for (var i = 1; i < finals.Count; i++)
            {
                Assert.True(finals[i].Start >= finals[i - 1].End, "'" + finals[i].Text + "' starts before '" + finals[i - 1].Text + "' ends");
            }

            Assert.InRange(finals.Last().End, seconds - 2, seconds);

            // Nothing lost or sent twice: the sessions together kept every byte.
            Assert.Equal(audio.Length, ends.Sum(e => fixture.Emulator.FindSession(e.Session.Id!)!.KeptBytes));
            for (var i = 1; i < ends.Count; i++)
            {
                Assert.Equal(ends[i].Offset - ends[i - 1].Offset, fixture.Emulator.FindSession(ends[i - 1].Session.Id!)!.KeptBytes / 32000.0, 6);
            }
        }

        [Fact]
        public async Task A_session_opened_ahead_that_the_input_ends_before_needing_is_deleted_on_the_server()
        {
            await using var fixture = await EmulatorFixture.StartAsync();
            var (audio, expected) = EmulatorFixture.ToneAudio("alpha bravo charlie");
            var seconds = audio.Length / 32000.0;
            var deleted = new List<(string? Id, Exception? Failure)>();

            // The next session opens at 5/8 of the limit and the switch window starts at 3/4: this input ends between them.
            var transcriber = new LiveTranscriber(fixture.Client, new LiveTranscriberOptions
            {
                SessionOptions = EmulatorFixture.Pcm16Options(),
                SessionLimit = TimeSpan.FromSeconds(seconds / 0.7),
                SpareSessionDeleted = (spare, failure) => deleted.Add((spare.Id, failure)),
            });

            var events = await CollectAsync(transcriber.TranscribeAsync(AudioInput.FromStream(new MemoryStream(audio))));

            var ended = Assert.Single(events.OfType<LiveTranscriberSessionEnded>());
            Assert.Equal(expected, Finals(events).Select(f => f.Text));
            var spare = Assert.Single(deleted);
            Assert.Null(spare.Failure);
            Assert.NotEqual(ended.Session.Id, spare.Id);
            Assert.Null(fixture.Emulator.FindSession(spare.Id!));
            var left = Assert.Single(fixture.Emulator.Sessions);
            Assert.Equal(ended.Session.Id, left.Id);
        }

        [Fact]
        public async Task Options_changed_after_the_transcriber_is_made_do_not_reach_it()
        {
            await using var fixture = await EmulatorFixture.StartAsync();
            var (audio, expected) = EmulatorFixture.ToneAudio("kilo lima");
            var asMade = new List<string>();
            var changed = new List<string>();
            var options = new LiveTranscriberOptions
            {
                SessionOptions = EmulatorFixture.Pcm16Options(),
                Format = SessionAudioFormat.Default,
                StartSession = (init, token) => { asMade.Add("start"); return GladiaLiveSession.StartAsync(fixture.Client, init, cancellationToken: token); },
                InputOpened = (_, format) => asMade.Add("opened " + format.SampleRate),
                Progress = _ => asMade.Add("progress"),
            };
            var transcriber = new LiveTranscriber(null, options);

            options.Format = new SessionAudioFormat(AudioEncoding.Pcm, 16, 8000, 1);
            options.InputFormat = new SessionAudioFormat(AudioEncoding.Pcm, 16, 8000, 1);
            options.StartSession = (_, _) => { changed.Add("start"); throw new InvalidOperationException("the changed StartSession ran"); };
            options.InputOpened = (_, _) => changed.Add("opened");
            options.Progress = _ => changed.Add("progress");
            options.SessionLimit = TimeSpan.FromSeconds(1);

            var events = await CollectAsync(transcriber.TranscribeAsync(AudioInput.FromStream(new MemoryStream(audio))));

            Assert.Empty(changed);
            Assert.Equal(new[] { "opened 16000", "start" }, asMade.Take(2));
            Assert.Contains("progress", asMade);
            Assert.Single(events.OfType<LiveTranscriberSessionEnded>());
            Assert.Equal(expected, Finals(events).Select(f => f.Text));
        }

        [Fact]
        public async Task A_session_the_server_refuses_fails_the_run_naming_the_refusal_and_releases_the_input()
        {
            await using var fixture = await EmulatorFixture.StartAsync(apiKey: "gl-wrong-key-000000000000");
            var stream = new MemoryStream(new byte[32000]);
            var transcriber = new LiveTranscriber(fixture.Client, new LiveTranscriberOptions { SessionOptions = EmulatorFixture.Pcm16Options() });

            var error = await Assert.ThrowsAnyAsync<Exception>(() => CollectAsync(transcriber.TranscribeAsync(AudioInput.FromStream(stream))));

            Assert.Contains("401", error.ToString());
            Assert.Empty(fixture.Emulator.Sessions);
        }

        [Fact]
        public async Task Sending_into_an_existing_session_leaves_it_open_for_more()
        {
            await using var fixture = await EmulatorFixture.StartAsync();
            var (first, expectedFirst) = EmulatorFixture.ToneAudio("foxtrot golf");
            var (second, expectedSecond) = EmulatorFixture.ToneAudio("hotel india");
            await using var session = await GladiaLiveSession.StartAsync(fixture.Client, EmulatorFixture.Pcm16Options());
            var transcriber = new LiveTranscriber(null, new LiveTranscriberOptions());

            var sent = await transcriber.SendAsync(AudioInput.FromStream(new MemoryStream(first)), session, SessionAudioFormat.Default).WaitAsync(Limit);
            Assert.Equal(first.Length / 32000.0, sent, 6);
            Assert.False(session.IsStopRequested);
            Assert.False(session.Completion.IsCompleted);
            await transcriber.SendAsync(AudioInput.FromStream(new MemoryStream(second)), session, SessionAudioFormat.Default).WaitAsync(Limit);
            await session.StopRecordingAsync();
            var messages = new List<LiveMessage>();
            await foreach (var message in session.ReadMessagesAsync().WithCancellation(new CancellationTokenSource(Limit).Token))
            {
                messages.Add(message);
            }

            Assert.Equal(expectedFirst.Concat(expectedSecond), EmulatorFixture.FinalTexts(messages));
        }

        [Fact]
        public async Task Without_a_client_a_transcriber_cannot_create_sessions()
        {
            var transcriber = new LiveTranscriber(null, new LiveTranscriberOptions());

            await Assert.ThrowsAsync<InvalidOperationException>(() => CollectAsync(transcriber.TranscribeAsync(AudioInput.FromStream(new MemoryStream(new byte[3200])))));
        }

        [Fact]
        public async Task Sessions_that_overlap_on_the_server_yield_their_events_one_session_after_another()
        {
            await using var fixture = await EmulatorFixture.StartAsync();
            var (audio, expected) = EmulatorFixture.ToneAudio(EmulatorFixture.RandomPhrase(12, 2718));
            var seconds = audio.Length / 32000.0;
            var transcriber = new LiveTranscriber(fixture.Client, new LiveTranscriberOptions
            {
                SessionOptions = EmulatorFixture.Pcm16Options(),
                SessionLimit = TimeSpan.FromSeconds(seconds / 5.5),
            });

            var events = await CollectAsync(transcriber.TranscribeAsync(AudioInput.FromStream(new MemoryStream(audio))));

            Assert.InRange(events.OfType<LiveTranscriberSessionEnded>().Count(), 5, 7);
            AssertInSessionOrder(events);
            Assert.Equal(string.Join(" ", expected), string.Join(" ", Finals(events).Select(f => f.Text)));
        }

        /// <summary>
        /// Every session's events together, its end last, sessions in the order of their offsets; final transcripts in the
        /// order of their times in the input.
        /// </summary>
        private static void AssertInSessionOrder(IReadOnlyList<LiveTranscriberEvent> events)
        {
            for (var i = 1; i < events.Count; i++)
            {
                if (!ReferenceEquals(events[i].Session, events[i - 1].Session))
                {
                    Assert.True(events[i - 1] is LiveTranscriberSessionEnded,
                        "event " + i + " (" + events[i] + ") comes before the end of the session before it (" + events[i - 1] + ")");
                    Assert.True(events[i].Offset > events[i - 1].Offset, "event " + i + " (" + events[i] + ") is of an earlier session than event " + (i - 1));
                }
            }

            var finals = Finals(events);
            for (var i = 1; i < finals.Count; i++)
            {
                Assert.True(finals[i].Start >= finals[i - 1].Start, "'" + finals[i].Text + "' at " + finals[i].Start + " s comes after '" +
                    finals[i - 1].Text + "' at " + finals[i - 1].Start + " s");
            }
        }

        /// <summary>The final transcripts in the order they were yielded, with their times in the input (their session's offset added).</summary>
        private static List<(double Start, double End, string Text)> Finals(IEnumerable<LiveTranscriberEvent> events) =>
            events.OfType<LiveTranscriberMessage>()
                .Select(m => (m.Offset, Message: m.Message as TranscriptMessage))
                .Where(m => m.Message is { IsFinal: true })
                .Select(m => (m.Offset + m.Message!.Start, m.Offset + m.Message.End, m.Message.Text))
                .ToList();

        private static async Task<List<LiveTranscriberEvent>> CollectAsync(IAsyncEnumerable<LiveTranscriberEvent> events)
        {
            using var limit = new CancellationTokenSource(Limit);
            var all = new List<LiveTranscriberEvent>();
            await foreach (var e in events.WithCancellation(limit.Token))
            {
                all.Add(e);
            }

            return all;
        }
    }
}
