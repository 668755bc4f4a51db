using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Models;
using GladiaPS.Core.Rest;
using GladiaPS.Core.Tests.Audio;
using GladiaPS.Core.Tests.Rest;
using Xunit;

namespace GladiaPS.Core.Tests.Security
{
    /// <summary>Numbers from the wire and from files are finite and in range when parsed, or what holds them is reported invalid.</summary>
    public class HostileNumberTests
    {
        private static string Transcript(string start, string end, string wordEnd = "0.5") =>
            "{\"type\":\"transcript\",\"session_id\":\"s\",\"data\":{\"id\":\"u1\",\"is_final\":true,\"utterance\":{\"text\":\"hi\",\"start\":" + start +
            ",\"end\":" + end + ",\"channel\":0,\"words\":[{\"word\":\"hi\",\"start\":0,\"end\":" + wordEnd + "}]}}}";

        [Theory]
        [InlineData("\"NaN\"", "1", "0.5", "'start' is \"NaN\"")]
        [InlineData("0", "1e300", "0.5", "'end' is 1e300")]
        [InlineData("0", "1", "\"-Infinity\"", "'end' is \"-Infinity\"")]
        [InlineData("0", "1", "1e400", "'end' is 1e400")]
        public void ATranscriptWithTimesOutOfRange_IsReportedInvalid(string start, string end, string wordEnd, string named)
        {
            var message = LiveMessageParser.Parse(Transcript(start, end, wordEnd));

            var error = Assert.IsType<LiveErrorMessage>(message);
            Assert.Equal(LiveErrorKind.InvalidFrame, error.Kind);
            Assert.Contains("The 'transcript' message could not be read", error.Message);
            Assert.Contains(named, error.Message);
        }

        [Fact]
        public void ATranscriptWithTimesInRange_IsRead()
        {
            var transcript = Assert.IsType<TranscriptMessage>(LiveMessageParser.Parse(Transcript("\"1.5\"", "2.25")));
            Assert.Equal(1.5, transcript.Start);
            Assert.Equal(2.25, transcript.End);
        }

        [Fact]
        public async Task AJobWithAnUtteranceOutOfRange_IsAnUnusableAnswer()
        {
            const string job = "{\"id\":\"j1\",\"status\":\"done\",\"result\":{\"transcription\":{\"full_transcript\":\"hi\",\"utterances\":[{\"text\":\"hi\",\"start\":0,\"end\":1e300}]}}}";
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, job));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.GetLiveJobAsync("j1"));

            Assert.Contains("'end' is 1e300", error.Message);
            Assert.False(LiveJob.TryParse(job, out _));
        }

        [Theory]
        [InlineData("1e300", "'end' is 1e300")]
        [InlineData("\"NaN\"", "'end' is \"NaN\"")]
        public async Task APreRecordedJobWithATimeOutOfRange_IsAnUnusableAnswer_NamingTheTime(string end, string named)
        {
            var job = "{\"id\":\"j1\",\"status\":\"done\",\"result\":{\"transcription\":{\"full_transcript\":\"hi\",\"utterances\":[{\"text\":\"hi\",\"start\":0,\"end\":" + end + "}]}}}";
            await using var api = LoopbackHttpServer.Start(c => c.RespondJsonAsync(200, job));
            using var client = new GladiaRestClient(RestTestSettings.For(api.BaseUrl));

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => client.GetPreRecordedJobAsync("j1"));

            Assert.Contains(named, error.Message);
            Assert.DoesNotContain("not a job object", error.Message);
            Assert.Equal(GladiaAnswerProblem.Unusable, error.Problem);
        }

        [Fact]
        public async Task AnRf64SizeFarPastTheFile_IsTheFilesLength_WithAWarning()
        {
            var samples = new byte[3200];
            var wav = new WavBuilder { Container = "RF64", RiffSize = uint.MaxValue }
                .Ds64(0, 1L << 62, 1L << 61).Fmt(1, 1, 16000, 16).Data(samples, declaredSize: uint.MaxValue).Build();
            var warnings = new List<AudioWarning>();

            using var source = await WavAudioSource.OpenAsync(new MemoryStream(wav), "huge.wav", false, new AudioReadOptions { OnWarning = warnings.Add }, System.Threading.CancellationToken.None);

            Assert.Equal(samples.Length, source.Info.DataLength);
            Assert.Contains(warnings, w => w.Message.Contains("declares 4611686018427387904 bytes but the input ends after 3200", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3999)]
        public async Task AWavClaimingAnImplausiblyLowRate_IsRefused(int rate)
        {
            var wav = new WavBuilder().Fmt(1, 1, rate, 16).Data(new byte[3200]).Build();

            var error = await Assert.ThrowsAsync<AudioFormatException>(() =>
                WavAudioSource.OpenAsync(new MemoryStream(wav), "one-hertz.wav", false, null, System.Threading.CancellationToken.None));

            Assert.Equal(AudioFormatError.InvalidHeader, error.Reason);
            Assert.Contains("declares a sample rate of " + rate + " Hz; below 4,000 Hz is not speech audio", error.Message);
        }

        [Fact]
        public void ASourceBelowSpeechRates_GetsNoSessionFormat()
        {
            var error = Assert.Throws<AudioFormatException>(() => new SessionFormatChooser().Choose(new AudioFormat(SampleEncoding.Pcm, 16, 1, 1), "raw"));
            Assert.Contains("1 Hz; below 4,000 Hz", error.Message);
            Assert.Equal(8000, new SessionFormatChooser().Choose(new AudioFormat(SampleEncoding.Pcm, 16, 4000, 1)).SampleRate);
        }
    }
}
