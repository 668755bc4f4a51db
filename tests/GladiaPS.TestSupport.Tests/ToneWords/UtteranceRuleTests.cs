using System;
using System.Collections.Generic;
using System.Linq;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.TestSupport.Tests.ToneWords
{
    public class UtteranceRuleTests
    {
        private static readonly ToneAudioFormat Format = ToneAudioFormat.Pcm16(16000);

        [Fact]
        public void AnUtteranceLongerThanTheMaximumDurationIsCut()
        {
            // 24 words, one every 250 ms from 0.3 s: 6 s of continuous speech. With the default maximum of 5 s an
            // utterance keeps the words ending by 5.3 s (words 0-19, the last ending at 5.25 s); the rest follow.
            string[] words = Enumerable.Range(0, 24).Select(i => ToneVocabulary.Words[i]).ToArray();
            ToneClip clip = ToneAudio.Generate(Format, new ToneSignalLayout { WordGap = 0.05 }, string.Join(" ", words));

            IReadOnlyList<RecognizedUtterance> utterances = ToneRecognizer.Recognize(clip.Raw, Format);
            Assert.Equal(2, utterances.Count);
            Assert.Equal(string.Join(" ", words.Take(20)), utterances[0].Text);
            Assert.Equal(string.Join(" ", words.Skip(20)), utterances[1].Text);
            Assert.True(utterances[0].End - utterances[0].Start <= 5.0);
            Assert.Equal(clip.Signal.Words[20].Start, utterances[1].Start, 2);
        }

        [Fact]
        public void AShorterMaximumDurationCutsEveryUtteranceWithinIt()
        {
            string[] words = Enumerable.Range(0, 24).Select(i => ToneVocabulary.Words[31 - i]).ToArray();
            ToneClip clip = ToneAudio.Generate(Format, new ToneSignalLayout { WordGap = 0.05 }, string.Join(" ", words));

            var rules = new UtteranceRules(Endpointing: 0.3, MaximumDurationWithoutEndpointing: 3);
            IReadOnlyList<RecognizedUtterance> utterances = ToneRecognizer.Recognize(clip.Raw, Format, rules);

            // Words end at 0.5 + 0.25 i: the first utterance keeps words ending by 3.3 s (0-11), the second starts at
            // word 12 (3.3 s) and keeps those ending by 6.3 s (12-23).
            Assert.Equal(new[] { 12, 12 }, utterances.Select(u => u.Words.Count));
            Assert.All(utterances, u => Assert.True(u.End - u.Start <= 3.0, $"{u.Start}-{u.End}"));
            Assert.Equal(string.Join(" ", words), string.Join(" ", utterances.Select(u => u.Text)));

            var recognizer = new ToneRecognizer(Format, rules);
            var events = new List<RecognitionEvent>();
            for (int offset = 0; offset < clip.Raw.Length; offset += 777)
            {
                events.AddRange(recognizer.Feed(clip.Raw.AsSpan(offset, Math.Min(777, clip.Raw.Length - offset))));
            }

            events.AddRange(recognizer.Complete());
            ToneEvents.AssertWellFormed(events);
            Assert.Equal(2, events.OfType<SpeechStarted>().Count());
        }

        [Fact]
        public void LongEndpointingKeepsGroupsEightHundredMillisecondsApartTogether()
        {
            ToneClip clip = ToneAudio.Generate(Format, "alpha bravo | charlie delta");

            IReadOnlyList<RecognizedUtterance> byDefault = ToneRecognizer.Recognize(clip.Raw, Format);
            Assert.Equal("alpha bravo | charlie delta", ToneRecognizer.Transcript(byDefault, 0));

            IReadOnlyList<RecognizedUtterance> patient = ToneRecognizer.Recognize(clip.Raw, Format, new UtteranceRules(Endpointing: 1.0));
            RecognizedUtterance single = Assert.Single(patient);
            Assert.Equal("alpha bravo charlie delta", single.Text);
            Assert.Equal(0.3, single.Start, 2);
            Assert.Equal(clip.Signal.Words[3].End, single.End, 2);
        }

        [Fact]
        public void SilenceOfAtLeastTheEffectiveEndpointingEndsAnUtterance()
        {
            // Words 300 ms apart: the effective endpointing (at least 0.25 s) splits them; 0.4 s keeps them together.
            ToneClip spaced = ToneAudio.Generate(Format, new ToneSignalLayout { WordGap = 0.3 }, "echo foxtrot golf");
            Assert.Equal("echo | foxtrot | golf", ToneRecognizer.Transcript(ToneRecognizer.Recognize(spaced.Raw, Format), 0));
            Assert.Equal("echo foxtrot golf",
                ToneRecognizer.Transcript(ToneRecognizer.Recognize(spaced.Raw, Format, new UtteranceRules(Endpointing: 0.4)), 0));

            // Words 200 ms apart: an endpointing of 0.1 s still waits the 0.25 s minimum.
            ToneClip close = ToneAudio.Generate(Format, new ToneSignalLayout { WordGap = 0.2 }, "echo foxtrot golf");
            Assert.Equal("echo foxtrot golf",
                ToneRecognizer.Transcript(ToneRecognizer.Recognize(close.Raw, Format, new UtteranceRules(Endpointing: 0.1)), 0));
            Assert.Equal(0.25, new UtteranceRules(Endpointing: 0.1).EffectiveSilence);
        }

        [Fact]
        public void TheFinalArrivesOnceTheEndpointingSilenceHasPassed()
        {
            ToneClip clip = ToneAudio.Generate(Format, new ToneSignalLayout { TrailingSilence = 2 }, "kilo");
            var rules = new UtteranceRules(Endpointing: 1.2);
            var recognizer = new ToneRecognizer(Format, rules);
            double? finalAt = null;
            int step = Format.ByteRate / 100;
            for (int offset = 0; offset < clip.Raw.Length && finalAt is null; offset += step)
            {
                if (recognizer.Feed(clip.Raw.AsSpan(offset, System.Math.Min(step, clip.Raw.Length - offset))).OfType<FinalUtterance>().Any())
                {
                    finalAt = recognizer.SecondsProcessed;
                }
            }

            Assert.NotNull(finalAt);
            Assert.InRange(finalAt!.Value, 0.5 + 1.2, 0.5 + 1.2 + 0.05);
        }
    }
}
