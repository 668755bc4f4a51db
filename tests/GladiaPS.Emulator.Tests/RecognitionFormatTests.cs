using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GladiaPS.Emulator.Tests.Support;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Emulator.Tests
{
    /// <summary>Tone words come back exactly, per channel, for every encoding, bit depth, rate and channel count.</summary>
    public sealed class RecognitionFormatTests
    {
        private static readonly string[] Phrases =
        {
            "alpha bravo|charlie", "delta echo", "foxtrot|golf hotel", "india", "juliett kilo", "lima|mike", "november oscar", "papa",
        };

        [Theory]
        [InlineData(ToneEncoding.Pcm, 8, 8000, 1)]
        [InlineData(ToneEncoding.Pcm, 16, 16000, 1)]
        [InlineData(ToneEncoding.Pcm, 24, 32000, 2)]
        [InlineData(ToneEncoding.Pcm, 32, 44100, 1)]
        [InlineData(ToneEncoding.Pcm, 16, 48000, 3)]
        [InlineData(ToneEncoding.Pcm, 16, 8000, 8)]
        [InlineData(ToneEncoding.ALaw, 8, 8000, 1)]
        [InlineData(ToneEncoding.ALaw, 8, 16000, 2)]
        [InlineData(ToneEncoding.MuLaw, 8, 8000, 1)]
        [InlineData(ToneEncoding.MuLaw, 8, 48000, 4)]
        public async Task Recognises_every_channel_exactly_with_word_timings(ToneEncoding encoding, int bitDepth, int sampleRate, int channels)
        {
            var format = new ToneAudioFormat(encoding, bitDepth, sampleRate, channels);
            var phrases = Phrases.Take(channels).ToArray();
            var (signal, audio) = TestAudio.Phrase(format, phrases);
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(format));

            // An odd chunk size splits samples and sample frames across frames.
            await client.SendAudioAsync(audio, TestAudio.ChunkOf100Ms(format) + 1);
            await client.StopAndWaitForCloseAsync();

            for (var channel = 0; channel < channels; channel++)
                Assert.Equal(TestAudio.Words(phrases[channel]), client.Transcript(channel));

            var words = client.FinalTranscripts.SelectMany(m => m["data"]!["utterance"]!["words"]!.AsArray()
                .Select(w => (Channel: (int)m["data"]!["utterance"]!["channel"]!, Word: (string)w!["word"]!, Start: (double)w["start"]!, End: (double)w["end"]!)))
                .OrderBy(w => w.Channel).ThenBy(w => w.Start).ToList();
            var expected = signal.Words.OrderBy(w => w.Channel).ThenBy(w => w.Start).ToList();
            Assert.Equal(expected.Count, words.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Word, words[i].Word);
                Assert.Equal(expected[i].Channel, words[i].Channel);
                Assert.InRange(words[i].Start, expected[i].Start - 0.03, expected[i].Start + 0.03);
                Assert.InRange(words[i].End, expected[i].End - 0.03, expected[i].End + 0.03);
            }

            Assert.Equal(audio.Length, emulator.FindSession(client.Id)!.KeptBytes);
            foreach (var type in new[] { "speech_start", "speech_end" })
            {
                var eventChannels = client.OfType(type).Select(m => (int)m["data"]!["channel"]!).Distinct().OrderBy(c => c);
                Assert.Equal(Enumerable.Range(0, channels), eventChannels);
            }
        }

        [Theory]
        [InlineData(44100, 16000, "pcm_s16le", ToneEncoding.Pcm, 16, 1)]
        [InlineData(48000, 8000, "pcm_mulaw", ToneEncoding.MuLaw, 8, 1)]
        [InlineData(16000, 32000, "pcm_s24le", ToneEncoding.Pcm, 24, 2)]
        [InlineData(32000, 8000, "pcm_alaw", ToneEncoding.ALaw, 8, 2)]
        public async Task Recognises_audio_resampled_and_converted_by_ffmpeg(
            int sourceRate, int targetRate, string codec, ToneEncoding encoding, int bitDepth, int channels)
        {
            var ffmpeg = FindFfmpeg();
            var phrases = Phrases.Skip(2).Take(channels).ToArray();
            var source = ToneSignalWriter.Synthesize(phrases, sourceRate);
            var directory = Directory.CreateTempSubdirectory("gladia-emulator-ffmpeg-");
            try
            {
                var input = Path.Combine(directory.FullName, "in.wav");
                var output = Path.Combine(directory.FullName, "out.wav");
                File.WriteAllBytes(input, ToneSignalWriter.ToWav(source, ToneAudioFormat.Pcm16(sourceRate, channels)));
                await RunAsync(ffmpeg, $"-hide_banner -loglevel error -y -i \"{input}\" -ar {targetRate} -acodec {codec} \"{output}\"");

                var format = new ToneAudioFormat(encoding, bitDepth, targetRate, channels);
                var wav = File.ReadAllBytes(output);
                Assert.True(ToneWavHeader.TryParse(wav, out var headerLength, out var parsed), "ffmpeg wrote a WAV header the parser accepts");
                Assert.Equal(format, parsed);
                await using var emulator = await TestEmulator.StartAsync();
                using var http = TestEmulator.Http(emulator);
                await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(format));

                // ffmpeg's header (with its LIST chunk) goes to the server as is: it must be stripped.
                await client.SendAudioAsync(wav, 4096);
                await client.StopAndWaitForCloseAsync();

                for (var channel = 0; channel < channels; channel++)
                    Assert.Equal(TestAudio.Words(phrases[channel]), client.Transcript(channel));
                Assert.Equal(headerLength, emulator.FindSession(client.Id)!.HeaderBytes);
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }

        private static string FindFfmpeg()
        {
            var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
                .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg"))
                .FirstOrDefault(File.Exists);
            Assert.True(path != null, "ffmpeg was not found on PATH; install it (apt-get install ffmpeg) to run the resampling tests.");
            return path!;
        }

        private static async Task RunAsync(string file, string arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TestEmulator.Timeout);
            Assert.True(process.ExitCode == 0, $"ffmpeg failed ({process.ExitCode}): {await errors}");
        }
    }
}
