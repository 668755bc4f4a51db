using System;
using System.Collections.Generic;
using System.Linq;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.TestSupport.Tests.ToneWords
{
    /// <summary>Checks a recognition result against the signal that was written.</summary>
    internal static class ToneAssert
    {
        public const double EdgeTolerance = 0.030;

        /// <summary>Each channel's transcript equals its phrase and every word lies within 30 ms of where it was written.</summary>
        public static void Matches(ToneSignal signal, IReadOnlyList<RecognizedUtterance> utterances, double tolerance = EdgeTolerance, string context = "")
        {
            for (int c = 0; c < signal.ChannelCount; c++)
            {
                string expected = signal.Phrases[c];
                string actual = ToneRecognizer.Transcript(utterances, c);
                Assert.True(expected == actual, $"{context} channel {c}: expected \"{expected}\" but recognised \"{actual}\".");

                IReadOnlyList<ToneWordSpan> written = signal.WordsOn(c);
                var recognised = utterances.Where(u => u.Channel == c).OrderBy(u => u.Start).SelectMany(u => u.Words).ToList();
                Assert.Equal(written.Count, recognised.Count);
                for (int i = 0; i < written.Count; i++)
                {
                    Assert.Equal(written[i].Word, recognised[i].Word);
                    double startError = Math.Abs(recognised[i].Start - written[i].Start);
                    double endError = Math.Abs(recognised[i].End - written[i].End);
                    Assert.True(startError <= tolerance && endError <= tolerance,
                        $"{context} channel {c} word {i} '{written[i].Word}': written {written[i].Start:F4}-{written[i].End:F4}, " +
                        $"recognised {recognised[i].Start:F4}-{recognised[i].End:F4}.");
                }
            }
        }

        /// <summary>The largest distance between a written and a recognised word edge.</summary>
        public static double MaxEdgeError(ToneSignal signal, IReadOnlyList<RecognizedUtterance> utterances)
        {
            double max = 0;
            for (int c = 0; c < signal.ChannelCount; c++)
            {
                IReadOnlyList<ToneWordSpan> written = signal.WordsOn(c);
                var recognised = utterances.Where(u => u.Channel == c).OrderBy(u => u.Start).SelectMany(u => u.Words).ToList();
                for (int i = 0; i < Math.Min(written.Count, recognised.Count); i++)
                {
                    max = Math.Max(max, Math.Max(Math.Abs(recognised[i].Start - written[i].Start), Math.Abs(recognised[i].End - written[i].End)));
                }
            }

            return max;
        }
    }
}
