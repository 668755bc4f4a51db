using System.Collections.Generic;
using System.Linq;
using GladiaPS.TestSupport.ToneWords;
using Xunit;
using Xunit.Abstractions;

namespace GladiaPS.TestSupport.Tests.ToneWords
{
    public class RecognizerRoundTripTests
    {
        private static readonly string[] EightPhrases =
        {
            "alpha bravo charlie | delta echo",
            "",
            "foxtrot golf | hotel | india juliett kilo",
            "lima mike november oscar",
            "papa | quebec romeo",
            "sierra tango uniform victor whiskey",
            "xray yankee zulu | zero one two three four five",
            "alpha bravo alpha bravo alpha",
        };

        private readonly ITestOutputHelper output;

        public RecognizerRoundTripTests(ITestOutputHelper output) => this.output = output;

        public static IEnumerable<object[]> Formats()
        {
            int[] rates = { 8000, 16000, 32000, 44100, 48000 };
            (ToneEncoding Encoding, int Bits)[] encodings =
            {
                (ToneEncoding.Pcm, 8), (ToneEncoding.Pcm, 16), (ToneEncoding.Pcm, 24), (ToneEncoding.Pcm, 32),
                (ToneEncoding.ALaw, 8), (ToneEncoding.MuLaw, 8),
            };
            foreach ((ToneEncoding encoding, int bits) in encodings)
            {
                foreach (int rate in rates)
                {
                    yield return new object[] { encoding, bits, rate };
                }
            }
        }

        [Theory]
        [MemberData(nameof(Formats))]
        public void EveryEncodingRateAndChannelCountRoundTrips(ToneEncoding encoding, int bits, int rate)
        {
            foreach (int channels in new[] { 1, 2, 8 })
            {
                var format = new ToneAudioFormat(encoding, bits, rate, channels);
                string[] phrases = EightPhrases.Take(channels).ToArray();
                if (channels == 2)
                {
                    phrases = new[] { "charlie delta | echo foxtrot golf", "" };
                }

                ToneClip clip = ToneAudio.Generate(format, phrases);
                IReadOnlyList<RecognizedUtterance> utterances = ToneRecognizer.Recognize(clip.Raw, format);
                ToneAssert.Matches(clip.Signal, utterances, context: format.Describe());
                output.WriteLine($"{format.Describe()}: max edge error {ToneAssert.MaxEdgeError(clip.Signal, utterances) * 1000:F1} ms");
            }
        }

        [Theory]
        [InlineData(8000)]
        [InlineData(16000)]
        [InlineData(32000)]
        [InlineData(44100)]
        [InlineData(48000)]
        public void WordEdgesAreWithinTenMillisecondsWhereverTheyFall(int rate)
        {
            // Shift the words across frame and block boundaries by odd fractions of a millisecond.
            foreach (double leading in new[] { 0.3, 0.3013, 0.30277, 0.30451 })
            {
                foreach (ToneAudioFormat format in new[] { ToneAudioFormat.Pcm16(rate), ToneAudioFormat.ALaw(rate) })
                {
                    ToneClip clip = ToneAudio.Generate(format, new ToneSignalLayout { LeadingSilence = leading }, "tango uniform victor | whiskey xray");
                    IReadOnlyList<RecognizedUtterance> utterances = ToneRecognizer.Recognize(clip.Raw, format);
                    ToneAssert.Matches(clip.Signal, utterances, tolerance: 0.010, context: $"{format.Describe()} leading {leading}");
                }
            }
        }
    }
}
