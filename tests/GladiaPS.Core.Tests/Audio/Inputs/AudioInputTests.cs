using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using GladiaPS.Core.Audio.Inputs;
using Xunit;

namespace GladiaPS.Core.Tests.Audio.Inputs
{
    public class AudioInputTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

        [Fact]
        public async Task A_stream_with_a_wav_header_is_read_by_its_header_and_put_back_where_it_was()
        {
            var data = TestSignals.Pcm16(TestSignals.Sine(440, 8000, 800));
            var wav = new WavBuilder().Fmt(1, 1, 8000, 16).Data(data).Build();
            var stream = new MemoryStream(wav);
            var input = AudioInput.FromStream(stream, "call");

            using var source = await input.OpenAsync(SessionAudioFormat.Default).WaitAsync(Limit);

            Assert.IsType<WavAudioSource>(source);
            Assert.Equal(8000, source.Format.SampleRate);
            Assert.Equal("call", source.Name);
            Assert.Equal(AudioInputKind.Stream, input.Kind);
            Assert.Null(input.Path);
        }

        [Fact]
        public async Task A_stream_without_a_header_is_raw_samples_in_the_format_given()
        {
            var format = new SessionAudioFormat(AudioEncoding.MuLaw, 8, 8000, 2);
            var input = AudioInput.FromStream(new MemoryStream(new byte[1600]));

            using var source = await input.OpenAsync(format).WaitAsync(Limit);

            Assert.IsType<RawAudioSource>(source);
            Assert.Equal(AudioFormat.FromSession(format).Encoding, source.Format.Encoding);
            Assert.Equal(2, source.Format.Channels);
        }

        [Fact]
        public async Task A_stream_that_cannot_seek_is_taken_as_raw_samples_and_read_from_its_start()
        {
            var data = TestSignals.Pcm16(TestSignals.Sine(440, 16000, 1600));
            var input = AudioInput.FromStream(new NonSeekableStream(new MemoryStream(data)));

            using var source = await input.OpenAsync(null).WaitAsync(Limit);
            var samples = await ReadAllAsync(source);

            Assert.Equal(1600, samples);
            Assert.Equal(16000, source.Format.SampleRate);
        }

        [Fact]
        public async Task A_file_input_names_its_file_and_an_unreadable_one_fails_naming_it()
        {
            var path = Path.Combine(Path.GetTempPath(), "gladiaps-input-" + Guid.NewGuid().ToString("N") + ".wav");
            File.WriteAllBytes(path, Array.Empty<byte>());
            try
            {
                var input = AudioInput.FromFile(path);

                Assert.Equal(path, input.Name);
                Assert.Equal(path, input.Path);
                Assert.False(input.IsLive);
                var error = await Assert.ThrowsAsync<AudioFormatException>(() => input.OpenAsync(null).WaitAsync(Limit));
                Assert.Contains(path, error.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Tracks_are_named_by_their_files_in_channel_order()
        {
            var input = AudioInput.FromTracks(new[] { "agent.wav", "caller.wav" });

            Assert.Equal("agent.wav + caller.wav", input.Name);
            Assert.Equal(new[] { "agent.wav", "caller.wav" }, input.Paths);
            Assert.Equal("agent.wav", input.Path);
            Assert.Equal(AudioInputKind.Tracks, input.Kind);
        }

        [Fact]
        public async Task Bytes_written_to_a_pipe_are_read_as_raw_samples_in_order_until_it_completes()
        {
            var pipe = new AudioBytePipe();
            var input = AudioInput.FromBytes(pipe);
            var format = SessionAudioFormat.Default;

            // Opening looks at the first bytes, so it waits for them.
            var opening = input.OpenAsync(format);
            Assert.True(await pipe.WriteAsync(TestSignals.Pcm16(TestSignals.Sine(440, 16000, 1000))).WaitAsync(Limit));
            using var source = await opening.WaitAsync(Limit);
            Assert.IsType<RawAudioSource>(source);
            var reading = ReadAllAsync(source);
            Assert.True(await pipe.WriteAsync(TestSignals.Pcm16(TestSignals.Sine(440, 16000, 600))).WaitAsync(Limit));
            Assert.False(reading.IsCompleted);
            pipe.Complete();

            Assert.Equal(1600, await reading.WaitAsync(Limit));
        }

        [Fact]
        public async Task A_wav_stream_that_cannot_seek_is_read_by_its_header_from_its_first_sample()
        {
            var samples = TestSignals.Sine(440, 44100, 4410);
            var wav = new WavBuilder().Fmt(1, 2, 44100, 16).Data(TestSignals.Pcm16(Interleave(samples, samples))).Build();
            var input = AudioInput.FromStream(new NonSeekableStream(new MemoryStream(wav)), "cat b.wav");

            using var source = await input.OpenAsync(SessionAudioFormat.Default).WaitAsync(Limit);

            Assert.IsType<WavAudioSource>(source);
            Assert.Equal(44100, source.Format.SampleRate);
            Assert.Equal(2, source.Format.Channels);
            var read = await ReadSamplesAsync(source);
            Assert.Equal(2 * 4410, read.Length);
            Assert.Equal(samples[1], read[2], 3);
            Assert.Equal(samples[4409], read[^1], 3);
        }

        [Fact]
        public async Task Wav_bytes_piped_piece_by_piece_are_read_by_their_header()
        {
            var wav = new WavBuilder().Fmt(1, 1, 8000, 16).Data(TestSignals.Pcm16(TestSignals.Sine(440, 8000, 800))).Build();
            var pipe = new AudioBytePipe();
            var input = AudioInput.FromBytes(pipe);
            var opening = input.OpenAsync(SessionAudioFormat.Default);

            // The header arrives in pieces smaller than the signature, as a pipeline may hand it over.
            for (var i = 0; i < wav.Length; i += 5)
            {
                Assert.True(await pipe.WriteAsync(wav.AsMemory(i, Math.Min(5, wav.Length - i))).WaitAsync(Limit));
            }

            pipe.Complete();
            using var source = await opening.WaitAsync(Limit);

            Assert.IsType<WavAudioSource>(source);
            Assert.Equal(8000, source.Format.SampleRate);
            Assert.Equal(800, (await ReadSamplesAsync(source)).Length);
        }

        [Fact]
        public async Task A_raw_stream_that_cannot_seek_and_starts_like_an_mpeg_frame_stays_raw_samples()
        {
            // Samples of -1 are 0xFF 0xFF: an MPEG frame sync too. Without a name to go by, only a real signature counts.
            var data = new byte[3200];
            data.AsSpan(0, 8).Fill(0xFF);
            var input = AudioInput.FromStream(new NonSeekableStream(new MemoryStream(data)));

            using var source = await input.OpenAsync(SessionAudioFormat.Default).WaitAsync(Limit);

            Assert.IsType<RawAudioSource>(source);
            var read = await ReadSamplesAsync(source);
            Assert.Equal(1600, read.Length);
            Assert.Equal(-1f / 32768, read[0], 6);
        }

        [Fact]
        public async Task A_stream_shorter_than_a_signature_is_raw_samples_read_whole()
        {
            var input = AudioInput.FromStream(new NonSeekableStream(new MemoryStream(new byte[] { 1, 0, 2, 0 })));

            using var source = await input.OpenAsync(SessionAudioFormat.Default).WaitAsync(Limit);

            Assert.IsType<RawAudioSource>(source);
            Assert.Equal(new[] { 1f / 32768, 2f / 32768 }, await ReadSamplesAsync(source));
        }

        private static float[] Interleave(float[] left, float[] right)
        {
            var both = new float[left.Length * 2];
            for (var i = 0; i < left.Length; i++)
            {
                both[2 * i] = left[i];
                both[2 * i + 1] = right[i];
            }

            return both;
        }

        private static async Task<float[]> ReadSamplesAsync(IAudioSource source)
        {
            var all = new System.Collections.Generic.List<float>();
            var buffer = new float[512];
            int n;
            while ((n = await source.ReadAsync(buffer, CancellationToken.None)) > 0)
            {
                all.AddRange(buffer.AsSpan(0, n).ToArray());
            }

            return all.ToArray();
        }

        private static async Task<int> ReadAllAsync(IAudioSource source)
        {
            var buffer = new float[512];
            var total = 0;
            int n;
            while ((n = await source.ReadAsync(buffer, CancellationToken.None)) > 0)
            {
                total += n;
            }

            return total;
        }
    }
}
