using System;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>Timing and level of a synthesised tone-word signal. Defaults follow the test-signal rules.</summary>
    public sealed record ToneSignalLayout
    {
        /// <summary>The shortest silence that separates utterances, in seconds.</summary>
        public const double MinimumUtteranceGap = 0.7;

        public static ToneSignalLayout Default { get; } = new();

        /// <summary>Silence before the first word, in seconds.</summary>
        public double LeadingSilence { get; init; } = 0.3;

        /// <summary>Silence after the last word's tone, in seconds.</summary>
        public double TrailingSilence { get; init; } = 0.6;

        /// <summary>Silence between the last tone of an utterance and the first of the next, in seconds (at least 0.7).</summary>
        public double UtteranceGap { get; init; } = 0.8;

        /// <summary>Length of each word's tone including its fades, in seconds.</summary>
        public double WordDuration { get; init; } = 0.2;

        /// <summary>Silence after each word within an utterance, in seconds.</summary>
        public double WordGap { get; init; } = 0.04;

        /// <summary>Linear fade-in and fade-out of each tone, in seconds.</summary>
        public double Fade { get; init; } = 0.01;

        /// <summary>Peak amplitude of each tone, as a fraction of full scale (0.5 = -6 dBFS).</summary>
        public double Amplitude { get; init; } = 0.5;

        /// <summary>Throws when a value is out of range.</summary>
        /// <exception cref="ArgumentOutOfRangeException">Names the property and the allowed range.</exception>
        public void Validate()
        {
            Require(LeadingSilence >= 0 && LeadingSilence <= 3600, nameof(LeadingSilence), LeadingSilence, "0 to 3600 s");
            Require(TrailingSilence >= 0 && TrailingSilence <= 3600, nameof(TrailingSilence), TrailingSilence, "0 to 3600 s");
            Require(UtteranceGap >= MinimumUtteranceGap && UtteranceGap <= 3600, nameof(UtteranceGap), UtteranceGap,
                $"{MinimumUtteranceGap} to 3600 s (utterances are separated by at least {MinimumUtteranceGap} s of silence)");
            Require(WordDuration >= 0.02 && WordDuration <= 60, nameof(WordDuration), WordDuration, "0.02 to 60 s");
            Require(WordGap >= 0 && WordGap <= 60, nameof(WordGap), WordGap, "0 to 60 s");
            Require(Fade >= 0 && Fade * 2 <= WordDuration, nameof(Fade), Fade, "0 to half the word duration");
            Require(Amplitude > 0 && Amplitude <= 1, nameof(Amplitude), Amplitude, "greater than 0 and at most 1");
        }

        private static void Require(bool ok, string name, double value, string range)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{nameof(ToneSignalLayout)}.{name} must be {range}; it is {value}.");
            }
        }
    }
}
