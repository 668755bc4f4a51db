using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>
    /// Writes phrases as tone words (test-signal rules): each word is its tone for 200 ms at amplitude 0.5 with
    /// 10 ms linear fades, then 40 ms of silence; utterances are separated by <see cref="ToneSignalLayout.UtteranceGap"/>.
    /// </summary>
    public static class ToneSignalWriter
    {
        /// <summary>
        /// Synthesises one phrase per channel (<c>"alpha bravo | charlie"</c>; empty or white space = a silent channel).
        /// Channels are padded with silence to equal length. Word positions are whole samples.
        /// </summary>
        /// <exception cref="ArgumentException">No phrases, a word not in the vocabulary, or a bad rate or layout.</exception>
        public static ToneSignal Synthesize(IReadOnlyList<string> channelPhrases, int sampleRate, ToneSignalLayout? layout = null)
        {
            if (channelPhrases is null)
            {
                throw new ArgumentNullException(nameof(channelPhrases));
            }

            if (channelPhrases.Count == 0 || channelPhrases.Count > ToneAudioFormat.MaximumChannels)
            {
                throw new ArgumentException(
                    $"Give one phrase per channel (1 to {ToneAudioFormat.MaximumChannels}); {channelPhrases.Count} were given.",
                    nameof(channelPhrases));
            }

            if (sampleRate < ToneAudioFormat.MinimumSampleRate || sampleRate > ToneAudioFormat.MaximumSampleRate)
            {
                throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate,
                    $"Sample rate must be {ToneAudioFormat.MinimumSampleRate} to {ToneAudioFormat.MaximumSampleRate} Hz.");
            }

            layout ??= ToneSignalLayout.Default;
            layout.Validate();

            var parsed = new List<IReadOnlyList<IReadOnlyList<string>>>();
            for (int c = 0; c < channelPhrases.Count; c++)
            {
                try
                {
                    parsed.Add(TonePhrase.Parse(channelPhrases[c]));
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"Channel {c}: {e.Message}", nameof(channelPhrases), e);
                }
            }

            int wordSamples = ToSamples(layout.WordDuration, sampleRate);
            int fadeSamples = ToSamples(layout.Fade, sampleRate);
            var spans = new List<ToneWordSpan>();
            var placements = new List<(int Channel, int Index, long StartSample)>();
            long length = ToSamples(layout.LeadingSilence + layout.TrailingSilence, sampleRate);
            for (int c = 0; c < parsed.Count; c++)
            {
                double time = layout.LeadingSilence;
                double lastToneEnd = -1;
                foreach (IReadOnlyList<string> utterance in parsed[c])
                {
                    if (lastToneEnd >= 0)
                    {
                        time = lastToneEnd + layout.UtteranceGap;
                    }

                    foreach (string word in utterance)
                    {
                        long start = ToSamples(time, sampleRate);
                        long end = start + wordSamples;
                        placements.Add((c, ToneVocabulary.IndexOf(word), start));
                        spans.Add(new ToneWordSpan(c, word, start / (double)sampleRate, end / (double)sampleRate));
                        lastToneEnd = end / (double)sampleRate;
                        time = lastToneEnd + layout.WordGap;
                    }
                }

                if (lastToneEnd >= 0)
                {
                    length = Math.Max(length, ToSamples(lastToneEnd + layout.TrailingSilence, sampleRate));
                }
            }

            if (length > int.MaxValue)
            {
                throw new ArgumentException("The signal would be too long for one array per channel.", nameof(channelPhrases));
            }

            var channels = new float[parsed.Count][];
            for (int c = 0; c < channels.Length; c++)
            {
                channels[c] = new float[length];
            }

            foreach ((int channel, int index, long start) in placements)
            {
                WriteTone(channels[channel], (int)start, wordSamples, fadeSamples, ToneVocabulary.FrequencyAt(index), layout.Amplitude, sampleRate);
            }

            var phrases = parsed.Select(p => string.Join(" | ", p.Select(u => string.Join(" ", u)))).ToList();
            var ordered = spans.OrderBy(s => s.Start).ThenBy(s => s.Channel).ToList();
            return new ToneSignal(sampleRate, channels, ordered, phrases);
        }

        /// <summary>The signal as raw interleaved bytes in <paramref name="format"/>.</summary>
        /// <exception cref="ArgumentException">The format's channel count or sample rate differs from the signal's.</exception>
        public static byte[] Encode(ToneSignal signal, ToneAudioFormat format)
        {
            Check(signal, format);
            return ToneSampleCodec.Encode(signal.Channels, format);
        }

        /// <summary>The signal as a complete WAV file in <paramref name="format"/>.</summary>
        public static byte[] ToWav(ToneSignal signal, ToneAudioFormat format) => ToneWavWriter.Build(format, Encode(signal, format));

        /// <summary>Writes the signal as a WAV file.</summary>
        public static void WriteWav(string path, ToneSignal signal, ToneAudioFormat format) => File.WriteAllBytes(path, ToWav(signal, format));

        /// <summary>Writes the signal as raw interleaved bytes (no header).</summary>
        public static void WriteRaw(string path, ToneSignal signal, ToneAudioFormat format) => File.WriteAllBytes(path, Encode(signal, format));

        private static void Check(ToneSignal signal, ToneAudioFormat format)
        {
            if (signal is null)
            {
                throw new ArgumentNullException(nameof(signal));
            }

            if (format is null)
            {
                throw new ArgumentNullException(nameof(format));
            }

            format.Validate();
            if (signal.ChannelCount != format.Channels)
            {
                throw new ArgumentException(
                    $"The signal has {signal.ChannelCount} channel(s) but the format ({format.Describe()}) has {format.Channels}.",
                    nameof(format));
            }

            if (signal.SampleRate != format.SampleRate)
            {
                throw new ArgumentException(
                    $"The signal is sampled at {signal.SampleRate} Hz but the format ({format.Describe()}) is {format.SampleRate} Hz.",
                    nameof(format));
            }
        }

        private static void WriteTone(float[] target, int start, int count, int fade, double frequency, double amplitude, int sampleRate)
        {
            double step = 2 * Math.PI * frequency / sampleRate;
            for (int i = 0; i < count && start + i < target.Length; i++)
            {
                double envelope = 1;
                if (fade > 0)
                {
                    envelope = Math.Min(1.0, Math.Min(i, count - i) / (double)fade);
                }

                target[start + i] = (float)(amplitude * envelope * Math.Sin(step * i));
            }
        }

        private static int ToSamples(double seconds, int sampleRate) => (int)Math.Round(seconds * sampleRate, MidpointRounding.AwayFromZero);
    }
}
