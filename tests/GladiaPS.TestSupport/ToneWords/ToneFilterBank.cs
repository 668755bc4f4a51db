using System;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>
    /// Hann-windowed DFT bins at the 32 vocabulary frequencies over one analysis frame, as dot products with
    /// precomputed tables (vectorised). One bank per sample rate, shared and read-only.
    /// </summary>
    internal sealed class ToneFilterBank
    {
        /// <summary>Analysis frame length in seconds: at 20 ms a bin is 50 Hz wide, the words are 75 Hz apart.</summary>
        public const double FrameSeconds = 0.020;

        /// <summary>Hop between frames in seconds.</summary>
        public const double HopSeconds = 0.005;

        private static readonly ConcurrentDictionary<int, ToneFilterBank> Banks = new();

        private readonly float[] tables; // [word][cos, -sin][PaddedLength], window folded in
        private readonly float[] windowSquared;

        private ToneFilterBank(int sampleRate)
        {
            SampleRate = sampleRate;
            FrameLength = (int)Math.Round(FrameSeconds * sampleRate);
            Hop = (int)Math.Round(HopSeconds * sampleRate);
            int width = Vector<float>.Count;
            PaddedLength = (FrameLength + width - 1) / width * width;
            tables = new float[ToneVocabulary.Count * 2 * PaddedLength];
            windowSquared = new float[PaddedLength];
            PhaseAdvance = new double[ToneVocabulary.Count];

            double windowSum = 0;
            double windowSquareSum = 0;
            var window = new double[FrameLength];
            for (int n = 0; n < FrameLength; n++)
            {
                window[n] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * (n + 0.5) / FrameLength));
                windowSum += window[n];
                windowSquareSum += window[n] * window[n];
                windowSquared[n] = (float)(window[n] * window[n]);
            }

            WindowSquareSum = windowSquareSum;

            // A pure tone of amplitude A at a bin's frequency gives |X|^2 = (A/2)^2 (sum w)^2 and windowed energy
            // (A^2/2) sum w^2; dividing by energy * PurityScale makes that ratio 1.
            PurityScale = windowSum * windowSum / (2 * windowSquareSum);

            for (int k = 0; k < ToneVocabulary.Count; k++)
            {
                double omega = 2 * Math.PI * ToneVocabulary.FrequencyAt(k) / sampleRate;
                PhaseAdvance[k] = omega * Hop;
                int cos = k * 2 * PaddedLength;
                int sin = cos + PaddedLength;
                for (int n = 0; n < FrameLength; n++)
                {
                    tables[cos + n] = (float)(window[n] * Math.Cos(omega * n));
                    tables[sin + n] = (float)(-window[n] * Math.Sin(omega * n));
                }
            }
        }

        public int SampleRate { get; }

        public int FrameLength { get; }

        /// <summary>Frame length rounded up to whole vectors; frames passed in are zero-padded to this.</summary>
        public int PaddedLength { get; }

        public int Hop { get; }

        public double WindowSquareSum { get; }

        public double PurityScale { get; }

        /// <summary>Phase a tone at each word's exact frequency advances by between consecutive frames.</summary>
        public double[] PhaseAdvance { get; }

        public static ToneFilterBank For(int sampleRate) => Banks.GetOrAdd(sampleRate, rate => new ToneFilterBank(rate));

        /// <summary>Windowed energy of a frame: sum of (x w)^2.</summary>
        public float Energy(ReadOnlySpan<float> frame) => Dot(frame, frame, windowSquared);

        /// <summary>The complex bin of every word: X = sum x[n] w[n] e^{-i omega n}.</summary>
        public void Analyze(ReadOnlySpan<float> frame, Span<float> real, Span<float> imaginary)
        {
            ReadOnlySpan<Vector<float>> x = MemoryMarshal.Cast<float, Vector<float>>(frame.Slice(0, PaddedLength));
            for (int k = 0; k < ToneVocabulary.Count; k++)
            {
                ReadOnlySpan<Vector<float>> cos = MemoryMarshal.Cast<float, Vector<float>>(tables.AsSpan(k * 2 * PaddedLength, PaddedLength));
                ReadOnlySpan<Vector<float>> sin = MemoryMarshal.Cast<float, Vector<float>>(tables.AsSpan((k * 2 * PaddedLength) + PaddedLength, PaddedLength));
                Vector<float> re = Vector<float>.Zero;
                Vector<float> im = Vector<float>.Zero;
                for (int i = 0; i < x.Length; i++)
                {
                    re += x[i] * cos[i];
                    im += x[i] * sin[i];
                }

                real[k] = Vector.Dot(re, Vector<float>.One);
                imaginary[k] = Vector.Dot(im, Vector<float>.One);
            }
        }

        private float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c)
        {
            ReadOnlySpan<Vector<float>> va = MemoryMarshal.Cast<float, Vector<float>>(a.Slice(0, PaddedLength));
            ReadOnlySpan<Vector<float>> vb = MemoryMarshal.Cast<float, Vector<float>>(b.Slice(0, PaddedLength));
            ReadOnlySpan<Vector<float>> vc = MemoryMarshal.Cast<float, Vector<float>>(c.Slice(0, PaddedLength));
            Vector<float> sum = Vector<float>.Zero;
            for (int i = 0; i < va.Length; i++)
            {
                sum += va[i] * vb[i] * vc[i];
            }

            return Vector.Dot(sum, Vector<float>.One);
        }
    }
}
