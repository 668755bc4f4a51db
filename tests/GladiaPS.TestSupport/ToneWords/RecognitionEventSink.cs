using System.Collections.Generic;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>Collects events with the stream position (sample index per channel) at which they became known.</summary>
    internal sealed class RecognitionEventSink
    {
        private readonly List<(long Sample, int Channel, long Sequence, RecognitionEvent Event)> events = new();
        private long sequence;

        public void Add(long sample, RecognitionEvent recognitionEvent) =>
            events.Add((sample, recognitionEvent.Channel, sequence++, recognitionEvent));

        /// <summary>The events so far ordered by position, then channel, then emission; clears the sink.</summary>
        public IReadOnlyList<RecognitionEvent> Drain()
        {
            if (events.Count == 0)
            {
                return System.Array.Empty<RecognitionEvent>();
            }

            events.Sort((a, b) =>
            {
                int c = a.Sample.CompareTo(b.Sample);
                if (c == 0)
                {
                    c = a.Channel.CompareTo(b.Channel);
                }

                return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
            });
            var result = new RecognitionEvent[events.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = events[i].Event;
            }

            events.Clear();
            return result;
        }
    }
}
