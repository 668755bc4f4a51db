using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.TestSupport.Tests.ToneWords
{
    /// <summary>Events as comparable text (records holding word lists compare by reference).</summary>
    internal static class ToneEvents
    {
        public static List<string> Describe(IEnumerable<RecognitionEvent> events) => events.Select(Describe).ToList();

        public static string Describe(RecognitionEvent e) => e switch
        {
            SpeechStarted s => $"start ch{s.Channel} {F(s.Time)}",
            SpeechEnded s => $"end ch{s.Channel} {F(s.Time)}",
            PartialUtterance p => $"partial {Describe(p.Utterance)}",
            FinalUtterance f => $"final {Describe(f.Utterance)}",
            _ => e.ToString() ?? string.Empty,
        };

        public static string Describe(RecognizedUtterance u) =>
            $"ch{u.Channel} {F(u.Start)}-{F(u.End)} \"{u.Text}\" {F(u.Confidence)} [" +
            string.Join(", ", u.Words.Select(w => $"{w.Word} {F(w.Start)}-{F(w.End)} {F(w.Confidence)}")) + "]";

        /// <summary>The time an event is about, for ordering checks.</summary>
        public static double TimeOf(RecognitionEvent e) => e switch
        {
            SpeechStarted s => s.Time,
            SpeechEnded s => s.Time,
            PartialUtterance p => p.Utterance.End,
            FinalUtterance f => f.Utterance.End,
            _ => 0,
        };

        /// <summary>
        /// Per channel, events follow SpeechStarted, PartialUtterance (one per word, growing), FinalUtterance (the last
        /// partial's words), SpeechEnded (at the final's end); SpeechStarted's time is the final's start.
        /// </summary>
        public static void AssertWellFormed(IEnumerable<RecognitionEvent> events)
        {
            foreach (IGrouping<int, RecognitionEvent> channel in events.GroupBy(e => e.Channel))
            {
                SpeechStarted? started = null;
                RecognizedUtterance? partial = null;
                RecognizedUtterance? final = null;
                foreach (RecognitionEvent e in channel)
                {
                    switch (e)
                    {
                        case SpeechStarted s:
                            Xunit.Assert.True(started is null, $"SpeechStarted at {s.Time} inside an open utterance on channel {s.Channel}.");
                            started = s;
                            partial = null;
                            break;
                        case PartialUtterance p:
                            Xunit.Assert.True(started is not null, $"Partial outside an utterance: {Describe(p)}");
                            Xunit.Assert.Equal((partial?.Words.Count ?? 0) + 1, p.Utterance.Words.Count);
                            Xunit.Assert.Equal(started!.Time, p.Utterance.Start);
                            partial = p.Utterance;
                            break;
                        case FinalUtterance f:
                            Xunit.Assert.True(partial is not null, $"Final without partials: {Describe(f)}");
                            Xunit.Assert.Equal(Describe(partial!), Describe(f.Utterance));
                            final = f.Utterance;
                            break;
                        case SpeechEnded s:
                            Xunit.Assert.True(final is not null, $"SpeechEnded at {s.Time} without a final on channel {s.Channel}.");
                            Xunit.Assert.Equal(final!.End, s.Time);
                            started = null;
                            partial = null;
                            final = null;
                            break;
                    }
                }

                Xunit.Assert.True(started is null, $"Channel {channel.Key} ended with an open utterance.");
            }
        }

        private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
