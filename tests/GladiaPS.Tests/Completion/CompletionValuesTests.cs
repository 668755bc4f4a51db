using System.Linq;
using GladiaPS.Completion;
using Xunit;

namespace GladiaPS.Tests.Completion
{
    public class CompletionValuesTests
    {
        [Theory]
        [InlineData("fr", "French")]
        [InlineData("en", "English")]
        [InlineData("de", "German")]
        [InlineData("jw", "Javanese")]
        public void Languages_CarryTheirEnglishNames(string code, string name)
        {
            var value = Assert.Single(CompletionValues.Languages, v => v.Value == code);

            Assert.Contains(name, value.Description);
            Assert.StartsWith(code + ": ", value.Description);
            Assert.Equal(code, value.ToString());
        }

        [Theory]
        [InlineData("Invoke-GladiaTranscription", "solaria-1 (pre-recorded)")]
        [InlineData("GladiaPS\\Invoke-GladiaTranscription", "solaria-1 (pre-recorded)")]
        [InlineData("New-GladiaLiveSession", "solaria-1 (the default)")]
        [InlineData("Send-GladiaAudio", "solaria-1 (the default)")]
        public void ModelCompleter_SuggestsTheModelsOfTheCommandsKind(string command, string description)
        {
            // -Model is declared once for live and pre-recorded; the suggestions follow the command it is typed on.
            var results = new ModelCompleter().CompleteArgument(command, "Model", "solaria-1", null!, new System.Collections.Hashtable()).ToList();

            Assert.Equal(description, Assert.Single(results).ToolTip);
        }

        [Fact]
        public void Languages_AreUniqueCodes_AndTranslationTargetsIncludeWolof()
        {
            Assert.Equal(CompletionValues.Languages.Count, CompletionValues.Languages.Select(v => v.Value).Distinct().Count());
            Assert.True(CompletionValues.Languages.Count > 50);
            Assert.Contains(CompletionValues.TranslationLanguages, v => v.Value == "wo");
        }

        [Fact]
        public void Match_ByDescription_FindsTheCodeOfALanguageName()
        {
            var matches = CompletionValues.Match(CompletionValues.Languages, "fren").Select(v => v.Value).ToList();

            Assert.Equal(new[] { "fr" }, matches);
        }

        [Fact]
        public void Match_PutsCodePrefixMatches_BeforeDescriptionMatches_WithoutDuplicates()
        {
            // "ge" is the code prefix of nothing or a few codes; "German" (de) and "Georgian" (ka) match by name.
            var matches = CompletionValues.Match(CompletionValues.Languages, "ge").ToList();
            var byCode = matches.TakeWhile(v => v.Value.StartsWith("ge", System.StringComparison.OrdinalIgnoreCase)).Count();

            Assert.Contains(matches, v => v.Value == "de");
            Assert.Contains(matches, v => v.Value == "ka");
            Assert.All(matches.Skip(byCode), v => Assert.False(v.Value.StartsWith("ge", System.StringComparison.OrdinalIgnoreCase)));
            Assert.Equal(matches.Count, matches.Select(v => v.Value).Distinct().Count());
        }

        [Fact]
        public void Match_ByCodePrefix_IsCaseInsensitive_AndComesFirst()
        {
            var matches = CompletionValues.Match(CompletionValues.Languages, "FR").ToList();

            Assert.Equal("fr", matches[0].Value);
        }

        [Fact]
        public void Match_OneLetter_LooksAtCodesOnly()
        {
            var matches = CompletionValues.Match(CompletionValues.Languages, "z").ToList();

            Assert.NotEmpty(matches);
            Assert.All(matches, v => Assert.StartsWith("z", v.Value));
        }

        [Fact]
        public void Match_NothingMatching_IsEmpty()
        {
            Assert.Empty(CompletionValues.Match(CompletionValues.Languages, "qqqzz"));
        }

        [Fact]
        public void Models_Regions_Encodings_AreOffered()
        {
            Assert.Contains(CompletionValues.Models, v => v.Value == "solaria-1" && v.Description.Contains("default"));
            Assert.Equal(new[] { "eu-west", "us-west" }, CompletionValues.Regions.Select(v => v.Value));
            Assert.Equal(new[] { "wav/pcm", "wav/alaw", "wav/ulaw" }, CompletionValues.Encodings.Select(v => v.Value));
            Assert.Contains(CompletionValues.SampleRates, v => v.Value == "16000" && v.Description == "16000 Hz");
            Assert.Contains(CompletionValues.BitDepths, v => v.Value == "8" && v.Description.Contains("wav/ulaw"));
            Assert.Equal(new[] { "wav/ulaw" }, CompletionValues.Match(CompletionValues.Encodings, "wav/u").Select(v => v.Value));
            Assert.Contains(CompletionValues.Match(CompletionValues.Encodings, "telephony"), v => v.Value == "wav/alaw");
        }

        [Fact]
        public void MessageTypes_IncludeTranscriptAndLifecycle()
        {
            var types = CompletionValues.MessageTypes.Select(v => v.Value).ToList();

            Assert.Contains("transcript", types);
            Assert.Contains("end_session", types);
            Assert.Equal(types.Count, types.Distinct().Count());
        }
    }
}
