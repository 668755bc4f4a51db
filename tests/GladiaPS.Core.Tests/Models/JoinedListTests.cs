using System.Linq;
using GladiaPS.Core.Models;
using Xunit;

namespace GladiaPS.Core.Tests.Models
{
    /// <summary>Lists and objects of a job read as text where PowerShell makes text of them (Export-Csv, "$x").</summary>
    public class JoinedListTests
    {
        private const string Job = "{\"id\":\"j1\",\"status\":\"done\",\"custom_metadata\":{\"batch\":\"2026-12-05\",\"n\":3,\"tags\":[\"a\",\"b\"]}," +
            "\"result\":{\"transcription\":{\"full_transcript\":\"alpha bravo\",\"languages\":[\"en\",\"fr\"],\"utterances\":[" +
            "{\"start\":0.3,\"end\":0.74,\"channel\":0,\"text\":\"alpha bravo\",\"words\":[{\"word\":\"alpha\",\"start\":0.3,\"end\":0.5},{\"word\":\" bravo\",\"start\":0.54,\"end\":0.74}]}]}," +
            "\"translation\":{\"success\":true,\"results\":[{\"full_transcript\":\"alpha bravo (fr)\",\"languages\":[\"fr\"],\"utterances\":[]}]}}}";

        [Fact]
        public void AJobsListsAndMetadata_ReadAsTheirText()
        {
            Assert.True(PreRecordedJob.TryParse(Job, out var job));
            var result = job.Result!;

            Assert.Equal("en, fr", result.Transcription!.Languages.ToString());
            Assert.Equal("[0.30-0.74 ch0] alpha bravo", result.Utterances.ToString());
            Assert.Equal("alpha bravo", result.Utterances[0].Words.ToString());
            Assert.Equal("fr: alpha bravo (fr)", result.Translation!.Results.ToString());
            Assert.Equal("batch=2026-12-05; n=3; tags=[a, b]", job.CustomMetadata!.ToString());
            Assert.Equal(new[] { "alpha", " bravo" }, result.Utterances[0].Words.Select(w => w.Text));
        }

        [Fact]
        public void AnAbsentList_IsEmptyText_NotATypeName()
        {
            Assert.True(PreRecordedJob.TryParse("{\"id\":\"j2\",\"status\":\"queued\"}", out var job));

            Assert.Null(job.Result);
            Assert.Equal(string.Empty, JoinedList.Of(job.Result?.Utterances, JoinedList.ItemSeparator).ToString());
            Assert.Equal(string.Empty, new Utterance().Words.ToString());
        }
    }
}
