using System.Linq;
using GladiaPS.Subtitles;
using Xunit;

namespace GladiaPS.Tests.Subtitles
{
    public class SubtitleDocumentsTests
    {
        [Fact]
        public void InterleavedCuesOfSeveralSessions_MakeOneDocumentEach_InTheOrderTheyCame()
        {
            var documents = new SubtitleDocuments();
            documents.Add("s2", "/calls/two.wav", new SubtitleCue(0, 1, "charlie", 0));
            documents.Add("s1", "/calls/one.wav", new SubtitleCue(0, 1, "alpha", 0));
            documents.Add("s2", "/calls/two.wav", new SubtitleCue(1, 2, "delta", 0));
            documents.Add("s1", "/calls/one.wav", new SubtitleCue(1, 2, "bravo", 0));

            var written = documents.Write(new SubtitleWriter(), SubtitleFormat.Srt).ToList();

            Assert.Equal(new[] { "s2", "s1" }, written.Select(d => d.Id));
            Assert.Equal(new[] { "/calls/two.wav", "/calls/one.wav" }, written.Select(d => d.Path));
            Assert.Equal(
                "1\n00:00:00,000 --> 00:00:01,000\ncharlie\n\n2\n00:00:01,000 --> 00:00:02,000\ndelta\n\n",
                written[0].Text);
            Assert.DoesNotContain("alpha", written[0].Text);
            Assert.Equal(2, written[1].Cues);
        }

        [Fact]
        public void ASourceWithoutCues_StillHasADocument_AndCuesWithoutASource_ShareOne()
        {
            var documents = new SubtitleDocuments();
            documents.AddSource("empty", null);
            documents.Add(null, null, new SubtitleCue(0, 1, "one", 0));
            documents.Add(string.Empty, null, new SubtitleCue(1, 2, "two", 0));

            var written = documents.Write(new SubtitleWriter(), SubtitleFormat.WebVtt).ToList();

            Assert.Equal(2, written.Count);
            Assert.Equal("WEBVTT\n\n", written[0].Text);
            Assert.Equal(0, written[0].Cues);
            Assert.Null(written[1].Id);
            Assert.Equal(2, written[1].Cues);
        }

        [Fact]
        public void ADocumentOfSeveralFiles_NamesNoPath()
        {
            // -AsChannels: one session, a file per channel.
            var documents = new SubtitleDocuments();
            documents.Add("s", "/agent.wav", new SubtitleCue(0, 1, "hello", 0));
            documents.Add("s", "/caller.wav", new SubtitleCue(0, 1, "hi", 1));

            var document = Assert.Single(documents.Write(new SubtitleWriter(), SubtitleFormat.Srt));

            Assert.Null(document.Path);
        }

        [Fact]
        public void ToString_IsTheTextWithoutItsLastLineBreak_SoSetContentWritesTheTextExactly()
        {
            var documents = new SubtitleDocuments();
            documents.Add("s", null, new SubtitleCue(0, 1, "hello", 0));

            var document = Assert.Single(documents.Write(new SubtitleWriter(), SubtitleFormat.Srt));

            Assert.EndsWith("hello\n\n", document.Text);
            Assert.Equal(document.Text, document.ToString() + "\n");
            Assert.Equal(".srt", document.Extension);
        }
    }
}
