using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Streaming;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    public class ChunkerTests
    {
        [Fact]
        public async Task Chunks_are_100_ms_of_whole_frames_by_default_and_hold_every_sample()
        {
            var format = new SessionAudioFormat(AudioEncoding.Pcm, 24, 44100, 3);
            var input = TestSignals.Sine(500, 44100, 44100 + 123, 0.5, channels: 3);
            using var chunker = new AudioChunker(new ArraySource(input, 44100, 3, maxFramesPerRead: 333), format);
            var chunks = await Collect(chunker);

            Assert.Equal(4410, chunker.FramesPerChunk);
            Assert.All(chunks.Take(chunks.Count - 1), c => Assert.Equal(4410 * 9, c.Data.Length));
            Assert.Equal(0, chunks[^1].Data.Length % 9);
            Assert.Equal(11, chunks.Count);
            Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i), chunks.Select(c => c.Index));
            Assert.Equal(TimeSpan.FromMilliseconds(500), chunks[5].Start);
            var bytes = chunks.SelectMany(c => c.Data.ToArray()).ToArray();
            Assert.Equal(TestSignals.Pcm(input, 24), bytes);
        }

        [Fact]
        public void Chunks_never_exceed_512_KiB()
        {
            var format = new SessionAudioFormat(AudioEncoding.Pcm, 32, 48000, 8);
            using var chunker = new AudioChunker(new ArraySource(new float[8], 48000, 8), format, TimeSpan.FromSeconds(10));
            Assert.True(chunker.BytesPerChunk <= AudioChunker.MaxChunkBytes);
            Assert.Equal(AudioChunker.MaxChunkBytes / 32, chunker.FramesPerChunk);
            Assert.Equal(0, chunker.BytesPerChunk % format.BlockAlign);
        }

        [Fact]
        public void A_source_in_another_layout_is_refused_with_a_hint()
        {
            var format = new SessionAudioFormat(AudioEncoding.Pcm, 16, 16000, 1);
            var error = Assert.Throws<ArgumentException>(() => new AudioChunker(new ArraySource(new float[2], 48000, 2), format));
            Assert.Contains("AudioConverter", error.Message, StringComparison.Ordinal);
        }

        private static async Task<List<AudioChunk>> Collect(AudioChunker chunker)
        {
            var chunks = new List<AudioChunk>();
            await foreach (var chunk in chunker.ReadAllAsync())
            {
                chunks.Add(chunk);
            }

            return chunks;
        }
    }
}
