using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using GladiaPS.Core.Audio.Dsp;
using GladiaPS.Core.Audio.Streaming;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    public class PassthroughTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        [Fact]
        public async Task Thirty_two_bit_pcm_in_the_session_format_is_sent_bit_for_bit()
        {
            // Random 32-bit samples: almost all have low bits a float (24-bit mantissa) cannot carry.
            var random = new Random(32);
            var data = new byte[48000 * 2 * 4 + 4 * 2 * 17];
            random.NextBytes(data);
            var wav = new WavBuilder().Fmt(1, 2, 48000, 32).Data(data).Build();
            var format = new SessionAudioFormat(AudioEncoding.Pcm, 32, 48000, 2);

            var (sent, passthrough) = await SendAsync(wav, format);

            Assert.True(passthrough);
            Assert.Equal(data, sent);
        }

        [Theory]
        [InlineData(6, AudioEncoding.ALaw)]
        [InlineData(7, AudioEncoding.MuLaw)]
        public async Task Every_g711_code_in_the_session_format_is_sent_as_stored(int formatTag, AudioEncoding encoding)
        {
            // Every code, mu-law's negative zero (0x7F) included, which a decode and re-encode turns into 0xFF.
            var data = Enumerable.Range(0, 256 * 40).Select(i => (byte)(i * 7)).ToArray();
            var wav = new WavBuilder().Fmt(formatTag, 1, 8000, 8, fmtSize: 18).Data(data).Build();
            var format = new SessionAudioFormat(encoding, 8, 8000, 1);

            var (sent, passthrough) = await SendAsync(wav, format);

            Assert.True(passthrough);
            Assert.Equal(data, sent);
        }

        [Fact]
        public async Task Raw_input_in_the_session_format_is_sent_as_stored_in_100_ms_chunks()
        {
            var data = new byte[16000 * 3 * 2 + 6 * 11];
            new Random(16).NextBytes(data);
            var format = new SessionAudioFormat(AudioEncoding.Pcm, 16, 16000, 3);
            using var source = new RawAudioSource(new NonSeekableStream(new MemoryStream(data)), AudioFormat.FromSession(format), "call.raw",
                options: new AudioReadOptions { BlockSize = 1000 });
            using var chunker = new AudioChunker(AudioConverter.ToSessionLayout(source, format), format);
            var chunks = await CollectAsync(chunker);

            Assert.True(chunker.IsPassthrough);
            Assert.All(chunks.Take(chunks.Count - 1), c => Assert.Equal(1600 * 6, c.Data.Length));
            Assert.Equal(11 * 6, chunks[^1].Data.Length);
            Assert.Equal(data, chunks.SelectMany(c => c.Data.ToArray()).ToArray());
            Assert.Equal(16000 + 11, chunker.FramesWritten);
        }

        [Fact]
        public async Task A_partial_last_frame_is_dropped_with_a_warning_in_passthrough_too()
        {
            var data = new byte[4 * 2 * 100 + 5];
            new Random(5).NextBytes(data);
            var wav = new WavBuilder().Fmt(1, 2, 16000, 32).Data(data).Build();
            var format = new SessionAudioFormat(AudioEncoding.Pcm, 32, 16000, 2);
            var warnings = new List<AudioWarning>();

            var (sent, passthrough) = await SendAsync(wav, format, warnings.Add);

            Assert.True(passthrough);
            Assert.Equal(data.Take(800), sent);
            Assert.Contains(warnings, w => w.Message.Contains("partial frame of 5 byte(s)", StringComparison.Ordinal) && w.SourceName == "call.wav");
        }

        [Theory]
        [InlineData(16, 16000, 16000)]
        [InlineData(24, 16000, 16000)]
        [InlineData(32, 16000, 32000)]
        public async Task Any_difference_from_the_session_format_is_converted(int sessionBits, int sessionRate, int fileRate)
        {
            // 32-bit input to a 16 or 24-bit session, or at another rate, is converted, not copied as stored.
            var tone = TestSignals.Sine(440, fileRate, fileRate / 10);
            var wav = new WavBuilder().Fmt(1, 1, fileRate, 32).Data(TestSignals.Pcm(tone, 32)).Build();
            var format = new SessionAudioFormat(AudioEncoding.Pcm, sessionBits, sessionRate, 1);
            var (sent, passthrough) = await SendAsync(wav, format);

            Assert.False(passthrough);
            Assert.Equal(tone.Length * sessionRate / fileRate * format.BytesPerSample, sent.Length);
        }

        private static async Task<(byte[] Sent, bool Passthrough)> SendAsync(byte[] wav, SessionAudioFormat format,
            Action<AudioWarning>? onWarning = null)
        {
            using var cancellation = new CancellationTokenSource(Timeout);
            var source = await WavAudioSource.OpenAsync(new MemoryStream(wav), "call.wav", false,
                new AudioReadOptions { OnWarning = onWarning, BlockSize = 4096 }, cancellation.Token);
            using var chunker = new AudioChunker(AudioConverter.ToSessionLayout(source, format), format);
            var chunks = await CollectAsync(chunker, cancellation.Token).WaitAsync(Timeout);
            return (chunks.SelectMany(c => c.Data.ToArray()).ToArray(), chunker.IsPassthrough);
        }

        private static async Task<List<AudioChunk>> CollectAsync(AudioChunker chunker, CancellationToken cancellationToken = default)
        {
            var chunks = new List<AudioChunk>();
            await foreach (var chunk in chunker.ReadAllAsync(cancellationToken))
            {
                chunks.Add(chunk);
            }

            return chunks;
        }
    }
}
