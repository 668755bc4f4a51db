using System;
using System.Collections.Generic;
using System.Linq;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>A synthesised multi-channel tone-word signal and where each word's tone lies.</summary>
    public sealed class ToneSignal
    {
        public ToneSignal(int sampleRate, float[][] channels, IReadOnlyList<ToneWordSpan> words, IReadOnlyList<string> phrases)
        {
            if (channels is null || channels.Length == 0)
            {
                throw new ArgumentException("A signal needs at least one channel.", nameof(channels));
            }

            if (channels.Any(c => c is null || c.Length != channels[0].Length))
            {
                throw new ArgumentException("All channels of a signal must be equally long.", nameof(channels));
            }

            SampleRate = sampleRate;
            Channels = channels;
            Words = words ?? throw new ArgumentNullException(nameof(words));
            Phrases = phrases ?? throw new ArgumentNullException(nameof(phrases));
        }

        public int SampleRate { get; }

        /// <summary>Samples in [-1, 1], one array per channel, all of equal length.</summary>
        public float[][] Channels { get; }

        /// <summary>Every written word, ordered by start then channel.</summary>
        public IReadOnlyList<ToneWordSpan> Words { get; }

        /// <summary>Each channel's phrase in canonical form (see <see cref="TonePhrase.Normalize"/>).</summary>
        public IReadOnlyList<string> Phrases { get; }

        public int ChannelCount => Channels.Length;

        /// <summary>Samples per channel.</summary>
        public int SampleCount => Channels[0].Length;

        /// <summary>Length in seconds.</summary>
        public double Duration => SampleCount / (double)SampleRate;

        /// <summary>The words written on one channel, in order.</summary>
        public IReadOnlyList<ToneWordSpan> WordsOn(int channel) => Words.Where(w => w.Channel == channel).ToList();
    }
}
