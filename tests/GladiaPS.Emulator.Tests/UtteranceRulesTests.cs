using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GladiaPS.Emulator.Tests.Support;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Emulator.Tests
{
    /// <summary>The init's endpointing and maximum_duration_without_endpointing decide where utterances end.</summary>
    public sealed class UtteranceRulesTests
    {
        private static readonly ToneAudioFormat Format = ToneAudioFormat.Pcm16();

        [Theory]
        [InlineData(0.05, new[] { "alpha bravo", "charlie" })]
        [InlineData(0.5, new[] { "alpha bravo", "charlie" })]
        [InlineData(1.0, new[] { "alpha bravo charlie" })]
        public async Task Endpointing_sets_the_silence_that_ends_an_utterance(double endpointing, string[] expected)
        {
            // The phrase's utterances are 0.8 s apart.
            var init = TestAudio.Init(Format);
            init["endpointing"] = endpointing;

            var session = await StreamAsync(init, "alpha bravo|charlie");

            Assert.Equal(expected, session.FinalUtterances.Select(u => u.Text));
        }

        [Fact]
        public async Task An_utterance_without_endpoint_is_closed_after_the_maximum_duration()
        {
            var words = string.Join(" ", ToneVocabulary.Words.Take(30));
            var init = TestAudio.Init(Format);
            init["maximum_duration_without_endpointing"] = 5;

            var session = await StreamAsync(init, words);

            var utterances = session.FinalUtterances;
            Assert.True(utterances.Count >= 2, $"30 words of 0.24 s make one 7.2 s stretch; got {utterances.Count} utterance(s)");
            Assert.All(utterances, u => Assert.True(u.End - u.Start <= 5.03, $"utterance of {u.End - u.Start:0.000} s"));
            Assert.Equal(words, string.Join(" ", utterances.Select(u => u.Text)));
        }

        private static async Task<EmulatedSession> StreamAsync(JsonObject init, string phrase)
        {
            var (_, audio) = TestAudio.Phrase(Format, phrase);
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, init);
            await client.SendAudioAsync(audio, TestAudio.ChunkOf100Ms(Format));
            await client.StopAndWaitForCloseAsync();
            return emulator.FindSession(client.Id)!;
        }
    }
}
