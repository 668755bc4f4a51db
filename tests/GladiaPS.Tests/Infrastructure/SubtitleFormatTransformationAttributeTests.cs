using GladiaPS.Infrastructure;
using Xunit;

namespace GladiaPS.Tests.Infrastructure
{
    public class SubtitleFormatTransformationAttributeTests
    {
        [Theory]
        [InlineData("srt", SubtitleFormat.Srt)]
        [InlineData("SRT", SubtitleFormat.Srt)]
        [InlineData(" Srt ", SubtitleFormat.Srt)]
        [InlineData("vtt", SubtitleFormat.WebVtt)]
        [InlineData("VTT", SubtitleFormat.WebVtt)]
        [InlineData("webvtt", SubtitleFormat.WebVtt)]
        [InlineData("WebVtt", SubtitleFormat.WebVtt)]
        public void TheExtensionsAndTheNames_InAnyCase_AreFormats(string text, SubtitleFormat expected)
        {
            Assert.True(SubtitleFormatTransformationAttribute.TryParse(text, out var format));
            Assert.Equal(expected, format);
        }

        [Theory]
        [InlineData("ass")]
        [InlineData("")]
        [InlineData(null)]
        public void OtherText_IsLeftToTheBinder(string? text)
        {
            Assert.False(SubtitleFormatTransformationAttribute.TryParse(text, out _));
            Assert.Equal(text, new SubtitleFormatTransformationAttribute().Transform(null!, text));
        }
    }
}
