using System;
using System.Linq;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.TestSupport.Tests.ToneWords
{
    public class VocabularyTests
    {
        [Fact]
        public void ThirtyTwoWordsSeventyFiveHertzApartFromFiveHundred()
        {
            Assert.Equal(32, ToneVocabulary.Words.Count);
            Assert.Equal(32, ToneVocabulary.Words.Distinct().Count());
            Assert.Equal(500, ToneVocabulary.FrequencyOf("alpha"));
            Assert.Equal(575, ToneVocabulary.FrequencyOf("bravo"));
            Assert.Equal(1100, ToneVocabulary.FrequencyOf("india"));
            Assert.Equal(2825, ToneVocabulary.FrequencyOf("five"));
            Assert.Equal(9, ToneVocabulary.IndexOf("juliett"));
            Assert.Equal(23, ToneVocabulary.IndexOf("XRay"));
            for (int i = 0; i < 32; i++)
            {
                Assert.Equal(500 + (75 * i), ToneVocabulary.FrequencyOf(ToneVocabulary.Words[i]));
            }
        }

        [Fact]
        public void AnUnknownWordIsNamedInTheError()
        {
            ArgumentException e = Assert.Throws<ArgumentException>(() => ToneVocabulary.IndexOf("juliet"));
            Assert.Contains("'juliet'", e.Message);
            Assert.Contains("juliett", e.Message);
            Assert.False(ToneVocabulary.Contains("six"));
            Assert.False(ToneVocabulary.TryIndexOf(null, out _));
        }

        [Fact]
        public void PhrasesSplitIntoUtterancesAndNormalise()
        {
            var parsed = TonePhrase.Parse("  Alpha   bravo|charlie\t| |delta ");
            Assert.Equal(3, parsed.Count);
            Assert.Equal(new[] { "alpha", "bravo" }, parsed[0]);
            Assert.Equal(new[] { "delta" }, parsed[2]);
            Assert.Equal("alpha bravo | charlie | delta", TonePhrase.Normalize("  Alpha   bravo|charlie\t| |delta "));
            Assert.Equal(string.Empty, TonePhrase.Normalize("   "));
            Assert.Empty(TonePhrase.Parse(null));

            ArgumentException e = Assert.Throws<ArgumentException>(() => TonePhrase.Parse("alpha banana"));
            Assert.Contains("'banana'", e.Message);
        }
    }
}
