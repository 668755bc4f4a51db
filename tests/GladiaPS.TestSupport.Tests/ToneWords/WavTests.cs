using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.TestSupport.Tests.ToneWords
{
    public class WavTests
    {
        public static IEnumerable<object[]> Formats() => new[]
        {
            new object[] { ToneAudioFormat.Pcm(8, 8000, 1), 1 },
            new object[] { ToneAudioFormat.Pcm(16, 16000, 2), 1 },
            new object[] { ToneAudioFormat.Pcm(16, 44100, 3), 0xFFFE },
            new object[] { ToneAudioFormat.Pcm(24, 48000, 1), 0xFFFE },
            new object[] { ToneAudioFormat.Pcm(32, 32000, 8), 0xFFFE },
            new object[] { ToneAudioFormat.ALaw(8000, 1), 6 },
            new object[] { ToneAudioFormat.MuLaw(16000, 2), 7 },
            new object[] { ToneAudioFormat.MuLaw(8000, 8), 7 },
        };

        [Theory]
        [MemberData(nameof(Formats))]
        public void WriterChoosesTheFormatTagAndReaderRoundTrips(ToneAudioFormat format, int expectedTag)
        {
            var phrases = Enumerable.Range(0, format.Channels).Select(c => ToneVocabulary.Words[c]).ToArray();
            ToneClip clip = ToneAudio.Generate(format, phrases);
            byte[] wav = clip.ToWav();

            Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
            Assert.Equal(wav.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(4)));
            Assert.Equal("WAVE", Encoding.ASCII.GetString(wav, 8, 4));
            Assert.Equal("fmt ", Encoding.ASCII.GetString(wav, 12, 4));
            Assert.Equal(expectedTag, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(20)));
            Assert.Equal(format.Channels, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(22)));
            Assert.Equal(format.SampleRate, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
            Assert.Equal(format.ByteRate, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(28)));
            Assert.Equal(format.BlockAlign, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(32)));
            Assert.Equal(format.BitDepth, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(34)));
            if (expectedTag == 0xFFFE)
            {
                // SubFormat KSDATAFORMAT_SUBTYPE_PCM.
                Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71 }, wav.AsSpan(44, 16).ToArray());
            }

            if (expectedTag is 6 or 7)
            {
                Assert.Equal("fact", Encoding.ASCII.GetString(wav, 38, 4));
                Assert.Equal(clip.Signal.SampleCount, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(46)));
            }

            ToneWavContent content = ToneWavReader.Read(wav);
            Assert.Equal(format, content.Format);
            Assert.Equal(clip.Raw, content.Data);

            Assert.True(ToneWavHeader.TryParse(wav, out int headerLength, out ToneAudioFormat? parsed));
            Assert.Equal(format, parsed);
            Assert.Equal(wav.Length - clip.Raw.Length - (clip.Raw.Length % 2), headerLength);
            Assert.Equal("data", Encoding.ASCII.GetString(wav, headerLength - 8, 4));
        }

        [Fact]
        public void HeaderParsingSkipsChunksBeforeData()
        {
            byte[] wav = WithListChunk(ToneAudio.Wav(ToneAudioFormat.Pcm16(16000), "alpha"));
            Assert.True(ToneWavHeader.TryParse(wav, out int headerLength, out ToneAudioFormat? format));
            Assert.Equal(ToneAudioFormat.Pcm16(16000), format);
            Assert.Equal(44 + 26, headerLength);
            Assert.Equal(wav.Length - headerLength, ToneWavReader.Read(wav).Data.Length);
        }

        [Fact]
        public void HeaderParsingTellsRawAudioIncompleteAndMalformedApart()
        {
            byte[] wav = ToneAudio.Wav(ToneAudioFormat.Pcm16(16000), "alpha");
            for (int length = 0; length < 44; length++)
            {
                Assert.Equal(ToneWavHeaderStatus.Incomplete, ToneWavHeader.Probe(wav.AsSpan(0, length), out _, out _, out _));
                Assert.False(ToneWavHeader.TryParse(wav.AsSpan(0, length), out _, out _));
            }

            Assert.Equal(ToneWavHeaderStatus.Complete, ToneWavHeader.Probe(wav.AsSpan(0, 44), out int headerLength, out _, out _));
            Assert.Equal(44, headerLength);

            byte[] raw = ToneAudio.Raw(ToneAudioFormat.Pcm16(16000), "alpha");
            Assert.Equal(ToneWavHeaderStatus.NotWav, ToneWavHeader.Probe(raw, out _, out _, out _));
            Assert.Equal(ToneWavHeaderStatus.NotWav, ToneWavHeader.Probe(Encoding.ASCII.GetBytes("RIFX"), out _, out _, out _));
            Assert.Equal(ToneWavHeaderStatus.NotWav, ToneWavHeader.Probe(Encoding.ASCII.GetBytes("RIFF\0\0\0\0AVI "), out _, out _, out _));

            byte[] floatWav = (byte[])wav.Clone();
            BinaryPrimitives.WriteUInt16LittleEndian(floatWav.AsSpan(20), 3);
            Assert.Equal(ToneWavHeaderStatus.Malformed, ToneWavHeader.Probe(floatWav, out _, out _, out string? problem));
            Assert.Contains("format tag 3", problem);
            InvalidDataException e = Assert.Throws<InvalidDataException>(() => ToneWavReader.Read(floatWav));
            Assert.Contains("format tag 3", e.Message);
            Assert.Throws<InvalidDataException>(() => ToneWavReader.Read(raw));
        }

        [Fact]
        public void StreamedWavWithUnknownDataSizeReadsToTheEnd()
        {
            byte[] wav = ToneAudio.Wav(ToneAudioFormat.Pcm16(8000), "bravo");
            BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), uint.MaxValue);
            Assert.Equal(wav.Length - 44, ToneWavReader.Read(wav).Data.Length);
        }

        private static byte[] WithListChunk(byte[] wav)
        {
            // Insert an 18-byte LIST chunk (as ffmpeg writes) between fmt and data.
            var list = new byte[26];
            Encoding.ASCII.GetBytes("LIST").CopyTo(list, 0);
            BinaryPrimitives.WriteInt32LittleEndian(list.AsSpan(4), 18);
            Encoding.ASCII.GetBytes("INFOISFT\x06\0\0\0Lavf\0\0").CopyTo(list, 8);
            byte[] result = wav.Take(36).Concat(list).Concat(wav.Skip(36)).ToArray();
            BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(4), result.Length - 8);
            return result;
        }
    }
}
