using System;
using System.Collections.Generic;
using System.Linq;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.TestSupport.Tests.ToneWords
{
    public class RecognizerRobustnessTests
    {
        public static IEnumerable<object[]> Rates() => new[] { 8000, 16000, 32000, 44100, 48000 }.Select(r => new object[] { r });

        [Theory]
        [MemberData(nameof(Rates))]
        public void NeighbouringWordsAreToldApartAtEveryRate(int rate)
        {
            foreach (ToneAudioFormat format in new[] { ToneAudioFormat.Pcm16(rate), ToneAudioFormat.MuLaw(rate), ToneAudioFormat.Pcm(8, rate) })
            {
                ToneClip clip = ToneAudio.Generate(format, "alpha bravo alpha bravo alpha | bravo alpha | four five four five");
                ToneAssert.Matches(clip.Signal, ToneRecognizer.Recognize(clip.Raw, format), context: format.Describe());
            }
        }

        [Theory]
        [InlineData(1.0)]
        [InlineData(0.1)] // -20 dBFS
        [InlineData(0.05)]
        public void RecognitionDoesNotDependOnLevel(double amplitude)
        {
            var layout = new ToneSignalLayout { Amplitude = amplitude };
            foreach (ToneAudioFormat format in new[]
            {
                ToneAudioFormat.Pcm16(16000), ToneAudioFormat.Pcm(8, 8000), ToneAudioFormat.ALaw(8000), ToneAudioFormat.MuLaw(48000),
            })
            {
                ToneClip clip = ToneAudio.Generate(format, layout, "november oscar papa | quebec");
                ToneAssert.Matches(clip.Signal, ToneRecognizer.Recognize(clip.Raw, format), context: $"{format.Describe()} at {amplitude}");
            }
        }

        [Theory]
        [InlineData(300)]
        [InlineData(460)]
        [InlineData(480)]
        [InlineData(520)]
        [InlineData(537.5)]
        [InlineData(1962.5)]
        [InlineData(2870)]
        [InlineData(3500)]
        public void ANonVocabularyToneProducesNoWords(double frequency)
        {
            foreach (int rate in new[] { 8000, 16000, 44100 })
            {
                var format = ToneAudioFormat.Pcm16(rate);
                float[] samples = Silence(rate, 3);
                AddTone(samples, rate, frequency, 0.5, 0.2, 0.5);
                AddTone(samples, rate, frequency, 0.5, 1.0, 1.5);
                Assert.Empty(RecognizeAll(samples, format));
            }
        }

        [Fact]
        public void NoiseProducesNoWords()
        {
            var random = new Random(11);
            foreach (ToneAudioFormat format in new[] { ToneAudioFormat.Pcm16(16000), ToneAudioFormat.MuLaw(8000), ToneAudioFormat.Pcm(8, 48000) })
            {
                foreach (double level in new[] { 0.9, 0.1, 0.001 })
                {
                    float[] samples = Enumerable.Range(0, format.SampleRate * 3).Select(_ => (float)(level * ((random.NextDouble() * 2) - 1))).ToArray();
                    Assert.Empty(RecognizeAll(samples, format));
                }
            }
        }

        [Fact]
        public void TwoWordsAtOnceOrATooShortToneProduceNoWords()
        {
            const int Rate = 16000;
            float[] chord = Silence(Rate, 2);
            AddTone(chord, Rate, ToneVocabulary.FrequencyOf("alpha"), 0.3, 0.2, 1.0);
            AddTone(chord, Rate, ToneVocabulary.FrequencyOf("delta"), 0.3, 0.2, 1.0);
            Assert.Empty(RecognizeAll(chord, ToneAudioFormat.Pcm16(Rate)));

            float[] blip = Silence(Rate, 2);
            AddTone(blip, Rate, ToneVocabulary.FrequencyOf("mike"), 0.5, 0.5, 0.56);
            Assert.Empty(RecognizeAll(blip, ToneAudioFormat.Pcm16(Rate)));
        }

        [Fact]
        public void WordsAreFoundUnderModerateNoise()
        {
            const int Rate = 16000;
            ToneSignal signal = ToneSignalWriter.Synthesize(new[] { "sierra tango | uniform victor whiskey" }, Rate);
            var random = new Random(5);
            float[] noisy = signal.Channels[0].Select(s => (float)(s + (0.02 * ((random.NextDouble() * 2) - 1)))).ToArray();
            var format = ToneAudioFormat.Pcm16(Rate);
            byte[] raw = ToneSampleCodec.Encode(new[] { noisy }, format);
            ToneAssert.Matches(signal, ToneRecognizer.Recognize(raw, format), context: "noise at -34 dBFS");
        }

        [Fact]
        public void ANonVocabularyToneBetweenWordsDoesNotDisturbThem()
        {
            const int Rate = 16000;
            ToneSignal signal = ToneSignalWriter.Synthesize(new[] { "xray | yankee" }, Rate);
            float[] samples = (float[])signal.Channels[0].Clone();
            AddTone(samples, Rate, 620, 0.4, 0.7, 1.1); // between the utterances, 45 Hz off bravo and charlie
            var format = ToneAudioFormat.Pcm16(Rate);
            ToneAssert.Matches(signal, ToneRecognizer.Recognize(ToneSampleCodec.Encode(new[] { samples }, format), format));
        }

        private static IReadOnlyList<RecognitionEvent> RecognizeAll(float[] samples, ToneAudioFormat format)
        {
            var recognizer = new ToneRecognizer(format);
            return recognizer.Feed(ToneSampleCodec.Encode(new[] { samples }, format)).Concat(recognizer.Complete()).ToList();
        }

        private static float[] Silence(int rate, double seconds) => new float[(int)(rate * seconds)];

        private static void AddTone(float[] samples, int rate, double frequency, double amplitude, double from, double to)
        {
            int fade = rate / 100;
            int start = (int)(from * rate);
            int count = (int)((to - from) * rate);
            for (int i = 0; i < count; i++)
            {
                double envelope = Math.Min(1.0, Math.Min(i, count - i) / (double)fade);
                samples[start + i] += (float)(amplitude * envelope * Math.Sin(2 * Math.PI * frequency * i / rate));
            }
        }
    }
}
