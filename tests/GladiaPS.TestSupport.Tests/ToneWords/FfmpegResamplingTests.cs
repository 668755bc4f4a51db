using System.Collections.Generic;
using GladiaPS.TestSupport.ToneWords;
using Xunit;
using Xunit.Abstractions;

namespace GladiaPS.TestSupport.Tests.ToneWords
{
    /// <summary>Phrases survive resampling and re-encoding by ffmpeg, as a client converting audio would do.</summary>
    public class FfmpegResamplingTests
    {
        private readonly ITestOutputHelper output;

        public FfmpegResamplingTests(ITestOutputHelper output) => this.output = output;

        public static IEnumerable<object[]> Conversions() => new[]
        {
            new object[] { ToneAudioFormat.Pcm16(44100, 1), new[] { "-ar", "16000" }, ToneAudioFormat.Pcm16(16000, 1) },
            new object[] { ToneAudioFormat.Pcm16(16000, 2), new[] { "-ar", "8000" }, ToneAudioFormat.Pcm16(8000, 2) },
            new object[] { ToneAudioFormat.Pcm(24, 48000, 8), new[] { "-ar", "8000", "-c:a", "pcm_s24le" }, ToneAudioFormat.Pcm(24, 8000, 8) },
            new object[] { ToneAudioFormat.Pcm16(8000, 1), new[] { "-ar", "48000" }, ToneAudioFormat.Pcm16(48000, 1) },
            new object[] { ToneAudioFormat.Pcm16(32000, 2), new[] { "-ar", "8000", "-c:a", "pcm_mulaw" }, ToneAudioFormat.MuLaw(8000, 2) },
            new object[] { ToneAudioFormat.Pcm(32, 44100, 1), new[] { "-ar", "8000", "-c:a", "pcm_alaw" }, ToneAudioFormat.ALaw(8000, 1) },
            new object[] { ToneAudioFormat.MuLaw(8000, 1), new[] { "-ar", "16000", "-c:a", "pcm_u8" }, ToneAudioFormat.Pcm(8, 16000, 1) },
        };

        [Theory]
        [MemberData(nameof(Conversions))]
        public void PhrasesSurviveFfmpegConversion(ToneAudioFormat written, string[] options, ToneAudioFormat expected)
        {
            string[] phrases =
            {
                "alpha bravo alpha | charlie delta echo", "", "foxtrot | golf hotel", "india juliett kilo lima",
                "mike | november", "oscar papa quebec", "romeo sierra | tango", "five four three two one",
            };
            ToneClip clip = ToneAudio.Generate(written, phrases[..written.Channels]);
            byte[] converted = Ffmpeg.Convert(clip.ToWav(), options);

            ToneWavContent content = ToneWavReader.Read(converted);
            Assert.Equal(expected, content.Format);

            IReadOnlyList<RecognizedUtterance> utterances = ToneRecognizer.Recognize(content.Data, content.Format);
            ToneAssert.Matches(clip.Signal, utterances, context: $"{written.Describe()} -> {expected.Describe()}");
            output.WriteLine($"{written.Describe()} -> {expected.Describe()}: max edge error {ToneAssert.MaxEdgeError(clip.Signal, utterances) * 1000:F1} ms");
        }
    }
}
