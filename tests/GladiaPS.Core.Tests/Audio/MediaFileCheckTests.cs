using System;
using System.Linq;
using System.Text;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    /// <summary>What is refused before an upload as certainly not audio or video, and what is left to the server.</summary>
    public class MediaFileCheckTests
    {
        private static (AudioFormatError Reason, string Detail)? Check(byte[] start) => MediaFileCheck.Problem(start, start.Length);

        private static byte[] Bytes(params object[] parts) =>
            parts.SelectMany(p => p is string s ? Encoding.ASCII.GetBytes(s) : p is byte[] b ? b : new[] { Convert.ToByte(p) }).ToArray();

        public static TheoryData<string, byte[]> Media => new TheoryData<string, byte[]>
        {
            { "wav", Bytes("RIFF", new byte[] { 0x24, 0, 0, 0 }, "WAVEfmt ") },
            { "rf64", Bytes("RF64", new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, "WAVE") },
            { "mp3 with a tag", Bytes("ID3", new byte[] { 4, 0, 0, 0, 0, 0, 0 }) },
            { "mp3 frames", new byte[] { 0xFF, 0xFB, 0x90, 0x64, 0x00 } },
            { "flac", Bytes("fLaC", new byte[] { 0, 0, 0, 0x22 }) },
            { "ogg", Bytes("OggS", new byte[] { 0, 2, 0, 0 }) },
            { "mp4", Bytes(new byte[] { 0, 0, 0, 0x20 }, "ftypisom") },
            { "webm", new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 0x9F } },
            // Not in any list here, binary: the server decides (it takes formats this check has never heard of).
            { "amr", Bytes("#!AMR\n", new byte[] { 0x3C, 0x91, 0x17, 0x16, 0xBE, 0x66, 0x78, 0x00 }) },
            { "wma", new byte[] { 0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11 } },
        };

        [Theory]
        [MemberData(nameof(Media))]
        public void AudioAndVideo_AndUnknownBinary_AreLeftToTheServer(string kind, byte[] start)
        {
            Assert.True(Check(start) is null, kind);
        }

        [Theory]
        [InlineData("%PDF-1.7\n", "a PDF document")]
        [InlineData("PK\u0003\u0004\u0014\u0000", "a ZIP archive")]
        [InlineData("GIF89a\u0001\u0000", "a GIF image")]
        [InlineData("plain words\r\nand a second line\tend", "text")]
        [InlineData("{\"json\": true}", "text")]
        public void Documents_Images_Archives_AndText_AreNotMedia(string content, string kind)
        {
            var problem = Check(Encoding.Latin1.GetBytes(content));

            Assert.NotNull(problem);
            Assert.Equal(AudioFormatError.NotMedia, problem!.Value.Reason);
            Assert.StartsWith("the file is " + kind, problem.Value.Detail);
            Assert.EndsWith(", not audio or video.", problem.Value.Detail);
        }

        [Fact]
        public void UnicodeText_IsText_EvenWhenTheBytesReadEndInsideACharacter()
        {
            // The last byte read is the first of the two bytes of 'ü'.
            var text = Encoding.UTF8.GetBytes(new string('a', MediaFileCheck.BytesRead - 1) + "über");
            var cut = text.Take(MediaFileCheck.BytesRead).ToArray();
            Assert.Equal(0xC3, cut[^1]);

            Assert.Equal(AudioFormatError.NotMedia, MediaFileCheck.Problem(cut, text.Length)!.Value.Reason);
            Assert.Equal(AudioFormatError.NotMedia, MediaFileCheck.Problem(Encoding.UTF8.GetPreamble().Concat(cut.Take(100)).ToArray(), 103)!.Value.Reason);
        }

        [Fact]
        public void EmptyFile_HasNoAudio()
        {
            var problem = MediaFileCheck.Problem(ReadOnlySpan<byte>.Empty, 0);

            Assert.Equal(AudioFormatError.NoAudio, problem!.Value.Reason);
            Assert.Contains("empty", problem.Value.Detail);
        }
    }
}
