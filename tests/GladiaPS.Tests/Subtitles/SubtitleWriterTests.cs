using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using GladiaPS.Core.Models;
using GladiaPS.Subtitles;
using Xunit;

namespace GladiaPS.Tests.Subtitles
{
    public class SubtitleWriterTests
    {
        private static readonly SubtitleCue[] TwoCuesOutOfOrder =
        {
            new SubtitleCue(1.5, 3.25, "Hello world", 0),
            new SubtitleCue(0, 1, "First", 0),
        };

        [Fact]
        public void Srt_OneChannel_IsExact()
        {
            var text = new SubtitleWriter().Write(TwoCuesOutOfOrder, SubtitleFormat.Srt);

            Assert.Equal(
                "1\n00:00:00,000 --> 00:00:01,000\nFirst\n\n" +
                "2\n00:00:01,500 --> 00:00:03,250\nHello world\n\n",
                text);
        }

        [Fact]
        public void WebVtt_OneChannel_IsExact()
        {
            var text = new SubtitleWriter().Write(TwoCuesOutOfOrder, SubtitleFormat.WebVtt);

            Assert.Equal(
                "WEBVTT\n\n" +
                "00:00:00.000 --> 00:00:01.000\nFirst\n\n" +
                "00:00:01.500 --> 00:00:03.250\nHello world\n\n",
                text);
        }

        [Fact]
        public void Speakers_OnOneChannel_AreLabelledBySpeaker_InsteadOfChannel()
        {
            var cues = new[] { new SubtitleCue(0, 0.4, "hello", 0, speaker: 0), new SubtitleCue(0.5, 1, "hi", 0, speaker: 1) };

            var srt = new SubtitleWriter().Write(cues, SubtitleFormat.Srt);
            var vtt = new SubtitleWriter().Write(cues, SubtitleFormat.WebVtt);
            var oneSpeaker = new SubtitleWriter().Write(new[] { new SubtitleCue(0, 0.4, "hello", 0, speaker: 0) }, SubtitleFormat.Srt);

            Assert.Equal(
                "1\n00:00:00,000 --> 00:00:00,400\n[Speaker 0] hello\n\n" +
                "2\n00:00:00,500 --> 00:00:01,000\n[Speaker 1] hi\n\n",
                srt);
            Assert.Contains("<v Speaker 1>hi", vtt);
            Assert.Equal("1\n00:00:00,000 --> 00:00:00,400\nhello\n\n", oneSpeaker);
        }

        [Fact]
        public void TwoChannels_AreLabelled_AsVoiceTagsInVtt_AndBracketsInSrt()
        {
            var cues = new[] { new SubtitleCue(0.5, 1, "hi", 1), new SubtitleCue(0, 0.4, "hello", 0) };

            var vtt = new SubtitleWriter().Write(cues, SubtitleFormat.WebVtt);
            var srt = new SubtitleWriter().Write(cues, SubtitleFormat.Srt);

            Assert.Equal(
                "WEBVTT\n\n" +
                "00:00:00.000 --> 00:00:00.400\n<v Channel 0>hello\n\n" +
                "00:00:00.500 --> 00:00:01.000\n<v Channel 1>hi\n\n",
                vtt);
            Assert.Equal(
                "1\n00:00:00,000 --> 00:00:00,400\n[Channel 0] hello\n\n" +
                "2\n00:00:00,500 --> 00:00:01,000\n[Channel 1] hi\n\n",
                srt);
        }

        [Fact]
        public void SpeakerLabels_ForcedOnOneChannel_AndForcedOffOnTwo()
        {
            var one = new SubtitleWriter { SpeakerLabels = true }.Write(new[] { new SubtitleCue(0, 1, "solo", 2) }, SubtitleFormat.WebVtt);
            var two = new SubtitleWriter { SpeakerLabels = false }.Write(
                new[] { new SubtitleCue(0, 1, "left", 0), new SubtitleCue(2, 3, "right", 1) }, SubtitleFormat.WebVtt);

            Assert.Contains("\n<v Channel 2>solo\n", one);
            Assert.DoesNotContain("<v", two);
            Assert.Contains("\nleft\n", two);
            Assert.Contains("\nright\n", two);
        }

        [Fact]
        public void Times_PastAnHour_AndRounded_ToTheMillisecond()
        {
            var srt = new SubtitleWriter().Write(new[] { new SubtitleCue(3723.4564, 36000.0006, "late", 0) }, SubtitleFormat.Srt);
            var vtt = new SubtitleWriter().Write(new[] { new SubtitleCue(3723.4564, 36000.0006, "late", 0) }, SubtitleFormat.WebVtt);

            Assert.Contains("01:02:03,456 --> 10:00:00,001\n", srt);
            Assert.Contains("01:02:03.456 --> 10:00:00.001\n", vtt);
        }

        [Fact]
        public void WebVtt_EscapesMarkup_SrtKeepsTheText()
        {
            var cues = new[] { new SubtitleCue(0, 1, "a<b & c>d -->", 0) };

            var vtt = new SubtitleWriter().Write(cues, SubtitleFormat.WebVtt);
            var srt = new SubtitleWriter().Write(cues, SubtitleFormat.Srt);

            Assert.Contains("\na&lt;b &amp; c&gt;d --&gt;\n", vtt);
            Assert.DoesNotContain("<b", vtt);
            Assert.Contains("\na<b & c>d -->\n", srt);
        }

        [Fact]
        public void EmptyUtterances_AreLeftOut_AndNumberingStaysContinuous()
        {
            var cues = new[] { new SubtitleCue(0, 1, "one", 0), new SubtitleCue(1, 2, "   ", 0), new SubtitleCue(2, 3, "two", 0) };

            var srt = new SubtitleWriter().Write(cues, SubtitleFormat.Srt);

            Assert.Equal("1\n00:00:00,000 --> 00:00:01,000\none\n\n2\n00:00:02,000 --> 00:00:03,000\ntwo\n\n", srt);
        }

        [Fact]
        public void LongUtterance_WithWordTimes_IsSplit_AndEachCueTimedByItsWords()
        {
            // Eight 3-letter words at 10 characters a line and 2 lines a cue: two cues of four words.
            var words = "aaa bbb ccc ddd eee fff ggg hhh".Split(' ');
            var timed = words.Select((w, i) => new Word { Text = w, Start = 10 + i, End = 10.5 + i }).ToList();
            var cue = new SubtitleCue(9.75, 18, string.Join(" ", words), 0, timed);

            var srt = new SubtitleWriter { MaxLineLength = 10, MaxLines = 2 }.Write(new[] { cue }, SubtitleFormat.Srt);

            Assert.Equal(
                "1\n00:00:09,750 --> 00:00:13,500\naaa bbb\nccc ddd\n\n" +
                "2\n00:00:14,000 --> 00:00:18,000\neee fff\nggg hhh\n\n",
                srt);
        }

        [Fact]
        public void LongUtterance_WithoutMatchingWords_IsTimedByItsShareOfTheText()
        {
            var text = "aaa bbb ccc ddd eee fff ggg hhh";
            var noWords = new SubtitleCue(0, 8, text, 0);
            var mismatched = new SubtitleCue(0, 8, text, 0, new[] { new Word { Text = "aaa", Start = 5, End = 5.1 } });
            var writer = new SubtitleWriter { MaxLineLength = 10, MaxLines = 2 };

            var expected =
                "1\n00:00:00,000 --> 00:00:04,000\naaa bbb\nccc ddd\n\n" +
                "2\n00:00:04,000 --> 00:00:08,000\neee fff\nggg hhh\n\n";
            Assert.Equal(expected, writer.Write(new[] { noWords }, SubtitleFormat.Srt));
            Assert.Equal(expected, writer.Write(new[] { mismatched }, SubtitleFormat.Srt));
        }

        [Theory]
        [InlineData(42, 2)]
        [InlineData(20, 1)]
        [InlineData(10, 3)]
        public void EveryCue_FitsTheLineLimits_AndKeepsEveryWordInOrder(int maxLineLength, int maxLines)
        {
            var random = new Random(maxLineLength * 31 + maxLines);
            var words = Enumerable.Range(0, 120).Select(_ => new string('x', random.Next(1, 10))).Select((w, i) => w + (i % 10)).ToArray();
            var cue = new SubtitleCue(0, 60, string.Join(" ", words), 0);

            var vtt = new SubtitleWriter { MaxLineLength = maxLineLength, MaxLines = maxLines }.Write(new[] { cue }, SubtitleFormat.WebVtt);

            var blocks = vtt.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
            Assert.True(blocks.Count > 1, "the utterance should be split");
            var seen = new List<string>();
            var previousEnd = 0.0;
            foreach (var block in blocks)
            {
                var lines = block.Split('\n');
                var (start, end) = ParseTimes(lines[0], '.');
                Assert.InRange(start, previousEnd - 0.0015, end);
                previousEnd = end;
                var textLines = lines.Skip(1).ToList();
                Assert.InRange(textLines.Count, 1, maxLines);
                Assert.All(textLines, l => Assert.True(l.Length <= maxLineLength, $"'{l}' is longer than {maxLineLength}"));
                seen.AddRange(textLines.SelectMany(l => l.Split(' ')));
            }

            Assert.Equal(words, seen);
            Assert.Equal(60.0, previousEnd, 3);
        }

        [Fact]
        public void Cues_AreInTimeOrder_AcrossChannels()
        {
            var cues = new[]
            {
                new SubtitleCue(4, 5, "later", 1),
                new SubtitleCue(2, 3, "middle", 0),
                new SubtitleCue(0, 1, "early", 1),
            };

            var srt = new SubtitleWriter().Write(cues, SubtitleFormat.Srt);

            var order = new[] { "early", "middle", "later" }.Select(w => srt.IndexOf(w, StringComparison.Ordinal)).ToArray();
            Assert.True(order[0] < order[1] && order[1] < order[2], srt);
        }

        // WebVTT requires every cue to start no earlier than the cue before it. When a long utterance on one channel is
        // split and another channel speaks meanwhile, the split pieces must interleave with the other channel's cue.
        [Fact]
        public void SplitPieces_InterleaveWithOverlappingChannels_InTimeOrder()
        {
            var longText = "aaa bbb ccc ddd eee fff ggg hhh";
            var cues = new[] { new SubtitleCue(0, 8, longText, 0), new SubtitleCue(2, 3, "meanwhile", 1) };

            var vtt = new SubtitleWriter { MaxLineLength = 10, MaxLines = 2 }.Write(cues, SubtitleFormat.WebVtt);

            var starts = vtt.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(b => ParseTimes(b.Split('\n')[0], '.').Start).ToList();
            Assert.Equal(3, starts.Count);
            Assert.Equal(starts.OrderBy(s => s), starts);
        }

        [Fact]
        public void Limits_BelowTheMinimum_AreRefused()
        {
            var cues = new[] { new SubtitleCue(0, 1, "x", 0) };

            var lineLength = Assert.Throws<ArgumentOutOfRangeException>(() => new SubtitleWriter { MaxLineLength = 9 }.Write(cues, SubtitleFormat.Srt));
            var lines = Assert.Throws<ArgumentOutOfRangeException>(() => new SubtitleWriter { MaxLines = 0 }.Write(cues, SubtitleFormat.Srt));

            Assert.Equal(nameof(SubtitleWriter.MaxLineLength), lineLength.ParamName);
            Assert.Equal(nameof(SubtitleWriter.MaxLines), lines.ParamName);
        }

        private static (double Start, double End) ParseTimes(string line, char separator)
        {
            var match = Regex.Match(line, @"^(\d\d):(\d\d):(\d\d)" + Regex.Escape(separator.ToString()) + @"(\d\d\d) --> (\d\d):(\d\d):(\d\d)" + Regex.Escape(separator.ToString()) + @"(\d\d\d)$");
            Assert.True(match.Success, "not a timing line: " + line);
            double Seconds(int g) =>
                int.Parse(match.Groups[g].Value, CultureInfo.InvariantCulture) * 3600 + int.Parse(match.Groups[g + 1].Value, CultureInfo.InvariantCulture) * 60 +
                int.Parse(match.Groups[g + 2].Value, CultureInfo.InvariantCulture) + int.Parse(match.Groups[g + 3].Value, CultureInfo.InvariantCulture) / 1000.0;
            return (Seconds(1), Seconds(5));
        }
    }
}
