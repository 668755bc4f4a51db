using System;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>
    /// Mean square of the signal in 1 ms blocks over the last couple of seconds: fine enough to place a word's
    /// edges within a few milliseconds once the coarse frame analysis has found the word.
    /// </summary>
    internal sealed class EnergyEnvelope
    {
        private const int Capacity = 4096;

        private readonly float[] ring = new float[Capacity];
        private double accumulator;
        private int filled;

        public EnergyEnvelope(int sampleRate)
        {
            BlockLength = Math.Max(1, (int)Math.Round(sampleRate / 1000.0));
        }

        /// <summary>Samples per block.</summary>
        public int BlockLength { get; }

        /// <summary>Blocks completed so far; block b covers samples [b * BlockLength, (b + 1) * BlockLength).</summary>
        public long Completed { get; private set; }

        /// <summary>The oldest block still held.</summary>
        public long Oldest => Math.Max(0, Completed - Capacity);

        public void Add(ReadOnlySpan<float> samples)
        {
            for (int i = 0; i < samples.Length; i++)
            {
                float s = samples[i];
                accumulator += s * s;
                if (++filled == BlockLength)
                {
                    ring[Completed % Capacity] = (float)(accumulator / BlockLength);
                    Completed++;
                    accumulator = 0;
                    filled = 0;
                }
            }
        }

        /// <summary>Mean square of block <paramref name="block"/> (which must be held).</summary>
        public float this[long block] => ring[block % Capacity];

        /// <summary>Mean of the blocks in [first, last) that are held, or 0 when none are.</summary>
        public double Mean(long first, long last)
        {
            first = Math.Max(first, Oldest);
            last = Math.Min(last, Completed);
            if (last <= first)
            {
                return 0;
            }

            double sum = 0;
            for (long b = first; b < last; b++)
            {
                sum += this[b];
            }

            return sum / (last - first);
        }
    }
}
