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
            using var source = await input.OpenAsync(format).WaitAsync(Limit);
            var reading = ReadAllAsync(source);

            Assert.True(await pipe.WriteAsync(TestSignals.Pcm16(TestSignals.Sine(440, 16000, 1000))).WaitAsync(Limit));
            Assert.True(await pipe.WriteAsync(TestSignals.Pcm16(TestSignals.Sine(440, 16000, 600))).WaitAsync(Limit));
            Assert.False(reading.IsCompleted);
            pipe.Complete();

            Assert.Equal(1600, await reading.WaitAsync(Limit));
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
