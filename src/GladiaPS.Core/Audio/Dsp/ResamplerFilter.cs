using System;

namespace GladiaPS.Core.Audio.Dsp
{
    /// <summary>
    /// The polyphase filter bank of a <see cref="PolyphaseResampler"/>: a Kaiser-windowed sinc low-pass sampled at
    /// the phases of the rational ratio L/M = output rate / input rate (reduced).
    /// <para>
    /// With f_N the lower of the two Nyquist frequencies: the passband runs to 0.9·f_N (7.2 kHz for 16 kHz out,
    /// 3.6 kHz for 8 kHz out) with a ripple under ±0.0001 dB; the stopband starts at f_N, the new Nyquist frequency,
    /// and is attenuated by about <see cref="StopbandAttenuationDb"/> dB (the Kaiser design target; 99.6 dB measured
    /// just above the edge at 96 → 48 kHz, 105–143 dB elsewhere), so nothing audible folds back into the output
    /// (downsampling) and no image survives (upsampling). The cut-off sits mid-transition at 0.95·f_N.
    /// </para>
    /// <para>
    /// The kernel is centred on each output instant, so the output is not delayed: output sample n is the signal at
    /// time n / output rate. Ratios with more than <see cref="MaxExactPhases"/> phases (unusual input rates) use
    /// that many phases with linear interpolation between neighbouring phases.
    /// </para>
    /// </summary>
    internal sealed class ResamplerFilter
    {
        /// <summary>The Kaiser design target for the stopband's attenuation.</summary>
        public const double StopbandAttenuationDb = 100;

        /// <summary>Passband edge as a fraction of the lower Nyquist frequency.</summary>
        public const double PassbandEdge = 0.9;

        public const int MaxExactPhases = 1024;

        public ResamplerFilter(int inputRate, int outputRate)
        {
            if (inputRate <= 0 || outputRate <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(inputRate), "Sample rates must be positive.");
            }

            var divisor = Gcd(inputRate, outputRate);
            Up = outputRate / divisor;
            Down = inputRate / divisor;
            Exact = Up <= MaxExactPhases;
            Phases = Exact ? Up : MaxExactPhases;

            // All frequencies relative to the input rate (cycles per input sample).
            var nyquist = Math.Min(inputRate, outputRate) / 2.0 / inputRate;
            var cutoff = (1 + PassbandEdge) / 2 * nyquist;
            var transition = (1 - PassbandEdge) * nyquist;
            var beta = 0.1102 * (StopbandAttenuationDb - 8.7);
            var length = (StopbandAttenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition) + 1;
            Taps = Math.Max(4, (int)Math.Ceiling(length / 2) * 2);
            var half = Taps / 2;
            var rows = Exact ? Phases : Phases + 1;
            Coefficients = new float[rows * Taps];
            var i0Beta = BesselI0(beta);
            var row = new double[Taps];
            for (var phase = 0; phase < rows; phase++)
            {
                var fraction = (double)phase / Phases;
                var sum = 0.0;
                for (var k = 0; k < Taps; k++)
                {
                    // Tap k multiplies input sample q − half + 1 + k; its distance from the output instant q + fraction:
                    var distance = fraction + half - 1 - k;
                    var ratio = distance / half;
                    var window = Math.Abs(ratio) >= 1 ? 0 : BesselI0(beta * Math.Sqrt(1 - ratio * ratio)) / i0Beta;
                    var value = 2 * cutoff * Sinc(2 * cutoff * distance) * window;
                    row[k] = value;
                    sum += value;
                }

                // Each phase passes DC at exactly unity, so a constant stays constant across phases.
                for (var k = 0; k < Taps; k++)
                {
                    Coefficients[phase * Taps + k] = (float)(row[k] / sum);
                }
            }
        }

        /// <summary>The interpolation factor L (output rate / gcd).</summary>
        public int Up { get; }

        /// <summary>The decimation factor M (input rate / gcd).</summary>
        public int Down { get; }

        /// <summary>Whether every phase of L has its own row (otherwise rows are interpolated).</summary>
        public bool Exact { get; }

        public int Phases { get; }

        /// <summary>Taps per phase (even): the kernel spans Taps input samples.</summary>
        public int Taps { get; }

        /// <summary>Rows of <see cref="Taps"/> coefficients, one per phase (plus a closing row when interpolated).</summary>
        public float[] Coefficients { get; }

        private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

        private static double BesselI0(double x)
        {
            var sum = 1.0;
            var term = 1.0;
            var quarterSquare = x * x / 4;
            for (var k = 1; k < 200; k++)
            {
                term *= quarterSquare / ((double)k * k);
                sum += term;
                if (term < sum * 1e-17)
                {
                    break;
                }
            }

            return sum;
        }

        private static int Gcd(int a, int b)
        {
            while (b != 0)
            {
                (a, b) = (b, a % b);
            }

            return a;
        }
    }
}
