using System;
using System.Collections.Generic;
using System.Linq;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.TestSupport.Tests.ToneWords
{
    public class RecognizerStreamingTests
    {
        [Theory]
        [InlineData(ToneEncoding.Pcm, 16, 16000, 1)]
        [InlineData(ToneEncoding.Pcm, 24, 44100, 2)]
        [InlineData(ToneEncoding.MuLaw, 8, 8000, 8)]
        [InlineData(ToneEncoding.Pcm, 32, 48000, 3)]
        public void SplittingTheStreamAnywhereGivesTheSameEvents(ToneEncoding encoding, int bits, int rate, int channels)
        {
            var format = new ToneAudioFormat(encoding, bits, rate, channels);
            string[] phrases = Enumerable.Range(0, channels)
                .Select(c => c == 1 ? string.Empty : $"{ToneVocabulary.Words[c]} {ToneVocabulary.Words[c + 1]} | {ToneVocabulary.Words[31 - c]}")
                .ToArray();
            ToneClip clip = ToneAudio.Generate(format, phrases);

            var oneShot = new ToneRecognizer(format);
            var oneShotEvents = oneShot.Feed(clip.Raw).Concat(oneShot.Complete()).ToList();
            ToneEvents.AssertWellFormed(oneShotEvents);
            List<string> expected = ToneEvents.Describe(oneShotEvents);
            Assert.Equal((channels - (channels > 1 ? 1 : 0)) * 2, oneShotEvents.OfType<FinalUtterance>().Count());

            foreach (int seed in new[] { 1, 2 })
            {
                var random = new Random(seed);
                var split = new ToneRecognizer(format);
                var events = new List<RecognitionEvent>();
                int offset = 0;
                while (offset < clip.Raw.Length)
                {
                    // Mostly tiny pieces (down to single bytes, splitting samples and frames), sometimes large ones.
                    int size = random.Next(4) == 0 ? random.Next(1, 20000) : random.Next(1, 8);
                    size = Math.Min(size, clip.Raw.Length - offset);
                    events.AddRange(split.Feed(clip.Raw.AsSpan(offset, size)));
                    offset += size;
                }

                events.AddRange(split.Complete());
                Assert.Equal(expected, ToneEvents.Describe(events));
                Assert.Equal(clip.Duration, split.SecondsProcessed, 9);
            }
        }

        [Fact]
        public void EventsOfAnUtteranceComeInProtocolOrder()
        {
            var format = ToneAudioFormat.Pcm16(16000);
            ToneClip clip = ToneAudio.Generate(format, "alpha bravo charlie | delta");
            var recognizer = new ToneRecognizer(format);
            var events = new List<RecognitionEvent>();
            for (int offset = 0; offset < clip.Raw.Length; offset += 640)
            {
                events.AddRange(recognizer.Feed(clip.Raw.AsSpan(offset, Math.Min(640, clip.Raw.Length - offset))));
            }

            Assert.Empty(recognizer.Complete());

            Assert.Equal(
                new[]
                {
                    "SpeechStarted", "PartialUtterance", "PartialUtterance", "PartialUtterance", "FinalUtterance", "SpeechEnded",
                    "SpeechStarted", "PartialUtterance", "FinalUtterance", "SpeechEnded",
                },
                events.Select(e => e.GetType().Name));

            var partials = events.OfType<PartialUtterance>().Select(p => p.Utterance.Text).ToList();
            Assert.Equal(new[] { "alpha", "alpha bravo", "alpha bravo charlie", "delta" }, partials);

            var first = (SpeechStarted)events[0];
            var final = (FinalUtterance)events[4];
            var ended = (SpeechEnded)events[5];
            Assert.Equal(first.Time, final.Utterance.Start);
            Assert.Equal(final.Utterance.End, ended.Time);
            Assert.Equal(0.3, first.Time, 2);
            Assert.Equal(0.98, ended.Time, 2);
            Assert.Equal("alpha bravo charlie", final.Utterance.Text);
            Assert.InRange(final.Utterance.Confidence, 0.95, 1.0);
            Assert.All(final.Utterance.Words, w => Assert.InRange(w.Confidence, 0.95, 1.0));
        }

        [Fact]
        public void EventsAreReportedPromptly()
        {
            // A server streams events while audio arrives: SpeechStarted within ~130 ms of the word's start,
            // the final within endpointing plus ~50 ms of the utterance's end.
            var format = ToneAudioFormat.Pcm16(16000);
            ToneClip clip = ToneAudio.Generate(format, "echo foxtrot");
            var recognizer = new ToneRecognizer(format);
            double? startedAt = null;
            double? finalAt = null;
            for (int offset = 0; offset < clip.Raw.Length; offset += 32)
            {
                foreach (RecognitionEvent e in recognizer.Feed(clip.Raw.AsSpan(offset, Math.Min(32, clip.Raw.Length - offset))))
                {
                    if (e is SpeechStarted)
                    {
                        startedAt = recognizer.SecondsProcessed;
                    }
                    else if (e is FinalUtterance)
                    {
                        finalAt = recognizer.SecondsProcessed;
                    }
                }
            }

            Assert.NotNull(startedAt);
            Assert.NotNull(finalAt);
            Assert.InRange(startedAt!.Value, 0.3 + 0.1, 0.3 + 0.13);
            Assert.InRange(finalAt!.Value, 0.74 + 0.25, 0.74 + 0.25 + 0.05);
        }

        [Fact]
        public void EventsAcrossChannelsAreInTimeOrder()
        {
            var layout = new ToneSignalLayout { LeadingSilence = 0.3 };
            var format = ToneAudioFormat.Pcm16(16000, 3);
            ToneClip clip = ToneAudio.Generate(format, layout, "alpha | bravo | charlie", "delta delta delta delta", "| echo");
            var recognizer = new ToneRecognizer(format);
            var events = recognizer.Feed(clip.Raw).Concat(recognizer.Complete()).ToList();
            Assert.Equal(new[] { 0, 1, 2 }, events.Select(e => e.Channel).Distinct().OrderBy(c => c));

            // Events are reported in the order they become known (position in the stream, then channel), so their
            // own times never run backwards by more than the decision delay: endpointing 0.25 s plus a frame.
            for (int i = 1; i < events.Count; i++)
            {
                Assert.True(ToneEvents.TimeOf(events[i]) >= ToneEvents.TimeOf(events[i - 1]) - 0.3,
                    $"{ToneEvents.Describe(events[i - 1])} then {ToneEvents.Describe(events[i])}");
            }

            // Same-kind events are in time order up to the edge-placement jitter of a few milliseconds.
            var starts = events.OfType<SpeechStarted>().ToList();
            for (int i = 1; i < starts.Count; i++)
            {
                Assert.True(starts[i].Time >= starts[i - 1].Time - 0.01, $"{starts[i - 1]} then {starts[i]}");
            }

            var finals = events.OfType<FinalUtterance>().Select(f => f.Utterance).ToList();
            Assert.Equal(5, finals.Count);
            for (int i = 1; i < finals.Count; i++)
            {
                Assert.True(finals[i].End >= finals[i - 1].End - 0.01, $"{ToneEvents.Describe(finals[i - 1])} then {ToneEvents.Describe(finals[i])}");
            }
        }

        [Fact]
        public void AWordCutByTheEndOfTheStreamIsClosedByComplete()
        {
            var format = ToneAudioFormat.Pcm16(16000);
            var layout = new ToneSignalLayout { TrailingSilence = 0 };
            ToneClip clip = ToneAudio.Generate(format, layout, "hotel india");
            var recognizer = new ToneRecognizer(format);
            IReadOnlyList<RecognitionEvent> fed = recognizer.Feed(clip.Raw);
            Assert.DoesNotContain(fed, e => e is FinalUtterance);
            IReadOnlyList<RecognitionEvent> completed = recognizer.Complete();
            var final = Assert.Single(completed.OfType<FinalUtterance>());
            Assert.Equal("hotel india", final.Utterance.Text);
            Assert.Equal(clip.Duration, final.Utterance.End, 2);
            Assert.IsType<SpeechEnded>(completed.Last());
            Assert.Empty(recognizer.Complete());
            Assert.Throws<InvalidOperationException>(() => recognizer.Feed(new byte[2]));
        }

        [Fact]
        public void AnIncompleteTrailingSampleIsIgnored()
        {
            var format = ToneAudioFormat.Pcm16(16000);
            ToneClip clip = ToneAudio.Generate(format, "juliett");
            byte[] withTail = clip.Raw.Concat(new byte[] { 0x12 }).ToArray();
            var utterances = ToneRecognizer.Recognize(withTail, format);
            Assert.Equal("juliett", ToneRecognizer.Transcript(utterances, 0));
        }

        [Fact]
        public void BadConstructionIsRejected()
        {
            Assert.Throws<ArgumentNullException>(() => new ToneRecognizer(null!));
            ArgumentException depth = Assert.Throws<ArgumentException>(() => new ToneRecognizer(new ToneAudioFormat(ToneEncoding.Pcm, 20, 16000, 1)));
            Assert.Contains("Bit depth 20", depth.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => new ToneRecognizer(ToneAudioFormat.Pcm16(), new UtteranceRules(-1, 5)));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ToneRecognizer(ToneAudioFormat.Pcm16(), new UtteranceRules(0.1, 0)));
        }
    }
}
