using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Emulator.Tests.ToneWords
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

        private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
