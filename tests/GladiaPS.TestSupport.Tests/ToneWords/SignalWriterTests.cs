using System;
using System.Collections.Generic;
using System.Linq;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.TestSupport.Tests.ToneWords
{
    public class SignalWriterTests
    {
        [Fact]
        public void WordsAreTwoHundredMillisecondsWithFortyMillisecondGapsAndUtteranceGaps()
        {
            ToneSignal signal = ToneSignalWriter.Synthesize(new[] { "alpha bravo | charlie" }, 16000);
            Assert.Equal(new[] { "alpha", "bravo", "charlie" }, signal.Words.Select(w => w.Word));
            AssertSpan(signal.Words[0], 0.30, 0.50);
            AssertSpan(signal.Words[1], 0.54, 0.74);
            AssertSpan(signal.Words[2], 1.54, 1.74);
            Assert.Equal(2.34, signal.Duration, 6);
            Assert.Equal("alpha bravo | charlie", signal.Phrases[0]);
        }

        [Fact]
        public void ToneHasTheWordsFrequencyAmplitudeAndLinearFades()
        {
            const int Rate = 48000;
            ToneSignal signal = ToneSignalWriter.Synthesize(new[] { "golf" }, Rate);
            float[] samples = signal.Channels[0];
            int start = (int)Math.Round(0.3 * Rate);
            int length = (int)Math.Round(0.2 * Rate);

            Assert.All(samples.Take(start), s => Assert.Equal(0f, s));
            Assert.All(samples.Skip(start + length), s => Assert.Equal(0f, s));
            Assert.Equal(0.5, samples.Skip(start).Take(length).Max(), 3);

            // Within the fade-in the envelope rises linearly: |s| <= 0.5 * t / 10 ms.
            for (int i = 0; i < Rate / 100; i++)
            {
                Assert.True(Math.Abs(samples[start + i]) <= (0.5 * i / (Rate / 100.0)) + 1e-6);
            }

            // Zero crossings count the frequency: golf = 950 Hz, 190 cycles in 200 ms.
            int crossings = 0;
            for (int i = start + 1; i < start + length; i++)
            {
                if (samples[i - 1] < 0 && samples[i] >= 0)
                {
                    crossings++;
                }
            }

            Assert.InRange(crossings, 189, 190);
        }

        [Fact]
        public void ChannelsArePaddedToEqualLengthAndASilentChannelIsSilent()
        {
            ToneSignal signal = ToneSignalWriter.Synthesize(new[] { "alpha", "   ", "bravo | charlie delta" }, 8000);
            Assert.Equal(3, signal.ChannelCount);
            Assert.All(signal.Channels, c => Assert.Equal(signal.SampleCount, c.Length));
            Assert.All(signal.Channels[1], s => Assert.Equal(0f, s));
            Assert.Empty(signal.WordsOn(1));
            Assert.Equal(3, signal.WordsOn(2).Count);
            Assert.Equal(signal.Words.OrderBy(w => w.Start).ThenBy(w => w.Channel), signal.Words);
            Assert.Equal(signal.WordsOn(2).Last().End + 0.6, signal.Duration, 6);
        }

        [Fact]
        public void LayoutChangesLevelAndTiming()
        {
            var layout = new ToneSignalLayout { LeadingSilence = 1, TrailingSilence = 0, UtteranceGap = 1.5, Amplitude = 0.1 };
            ToneSignal signal = ToneSignalWriter.Synthesize(new[] { "echo | foxtrot" }, 16000, layout);
            AssertSpan(signal.Words[0], 1.0, 1.2);
            AssertSpan(signal.Words[1], 2.7, 2.9);
            Assert.Equal(2.9, signal.Duration, 6);
            Assert.Equal(0.1, signal.Channels[0].Max(), 3);
        }

        [Fact]
        public void BadArgumentsAreRejectedClearly()
        {
            ArgumentOutOfRangeException gap = Assert.Throws<ArgumentOutOfRangeException>(
                () => ToneSignalWriter.Synthesize(new[] { "alpha" }, 16000, new ToneSignalLayout { UtteranceGap = 0.5 }));
            Assert.Contains("UtteranceGap", gap.Message);
            ArgumentException word = Assert.Throws<ArgumentException>(() => ToneSignalWriter.Synthesize(new[] { "alpha", "alfa" }, 16000));
            Assert.Contains("Channel 1", word.Message);
            Assert.Contains("'alfa'", word.Message);
            Assert.Throws<ArgumentException>(() => ToneSignalWriter.Synthesize(Array.Empty<string>(), 16000));
            Assert.Throws<ArgumentOutOfRangeException>(() => ToneSignalWriter.Synthesize(new[] { "alpha" }, 4000));

            ToneSignal stereo = ToneSignalWriter.Synthesize(new[] { "alpha", "bravo" }, 16000);
            ArgumentException channels = Assert.Throws<ArgumentException>(() => ToneSignalWriter.Encode(stereo, ToneAudioFormat.Pcm16(16000, 1)));
            Assert.Contains("2 channel(s)", channels.Message);
            ArgumentException rate = Assert.Throws<ArgumentException>(() => ToneSignalWriter.Encode(stereo, ToneAudioFormat.Pcm16(8000, 2)));
            Assert.Contains("16000 Hz", rate.Message);
            ArgumentException phrases = Assert.Throws<ArgumentException>(() => ToneAudio.Generate(ToneAudioFormat.Pcm16(16000, 2), "alpha"));
            Assert.Contains("2 channel(s)", phrases.Message);
        }

        [Fact]
        public void FilesAreWrittenAsWavOrRaw()
        {
            string directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tonewords-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(directory);
            try
            {
                var format = ToneAudioFormat.Pcm(24, 32000, 2);
                ToneSignal signal = ToneSignalWriter.Synthesize(new[] { "kilo", "lima" }, 32000);
                string wavPath = System.IO.Path.Combine(directory, "a.wav");
                string rawPath = System.IO.Path.Combine(directory, "a.raw");
                ToneSignalWriter.WriteWav(wavPath, signal, format);
                ToneSignalWriter.WriteRaw(rawPath, signal, format);
                byte[] raw = System.IO.File.ReadAllBytes(rawPath);
                Assert.Equal(ToneSignalWriter.Encode(signal, format), raw);
                ToneWavContent wav = ToneWavReader.Read(wavPath);
                Assert.Equal(format, wav.Format);
                Assert.Equal(raw, wav.Data);
            }
            finally
            {
                System.IO.Directory.Delete(directory, true);
            }
        }

        private static void AssertSpan(ToneWordSpan span, double start, double end)
        {
            Assert.Equal(start, span.Start, 6);
            Assert.Equal(end, span.End, 6);
        }
    }
}
