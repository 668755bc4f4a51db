using GladiaPS.Core;
using Xunit;

namespace GladiaPS.Core.Tests
{
    public class AudioFileExtensionTests
    {
        [Theory]
        [InlineData("call.mp3", ".mp3")]
        [InlineData("Interview.MP4", ".mp4")]
        [InlineData("a.b.flac", ".flac")]
        [InlineData("two.wav", ".wav")]
        public void AKnownExtension_IsKept_LowerCased(string name, string expected) =>
            Assert.Equal(expected, AudioFileExtension.FromServerFileName(name));

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("noextension")]
        [InlineData("trailing.")]
        [InlineData("x.exe")]
        [InlineData("../../evil/x")]
        [InlineData("x.mp3/../../y")]
        [InlineData("x.mp3\\..\\y")]
        [InlineData("x.mp3:stream")]
        [InlineData("x.mp3 ")]
        [InlineData("x.ps1")]
        [InlineData("x.m\u0000p3")]
        public void AnythingElse_IsTheUnknownExtension(string? name) =>
            Assert.Equal(".audio", AudioFileExtension.FromServerFileName(name));
    }
}
