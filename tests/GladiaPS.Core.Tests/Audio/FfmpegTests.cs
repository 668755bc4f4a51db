using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using GladiaPS.Core.Audio.Dsp;
using GladiaPS.Core.Audio.Ffmpeg;
using GladiaPS.Core.Audio.Streaming;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    /// <summary>Decoding through ffmpeg. ffmpeg must be installed (apt-get install ffmpeg); these tests fail, not skip,
    /// without it, so a CI machine that lacks it is noticed.</summary>
    public sealed class FfmpegTests : IDisposable
    {
        private const string Phrase = "alpha echo kilo | oscar two";
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
        private readonly string directory = TestSignals.TempDirectory();

        public void Dispose() => Directory.Delete(directory, true);

        [Theory]
        [InlineData("mp3", "-c:a libmp3lame -b:a 128k")]
        [InlineData("flac", "-c:a flac")]
        [InlineData("ogg", "-c:a libopus -b:a 64k")]
        [InlineData("m4a", "-c:a aac -b:a 128k")]
        public async Task A_compressed_file_is_decoded_and_recognised(string extension, string codec)
        {
            var path = Encode(extension, codec);
            var target = new SessionAudioFormat(AudioEncoding.Pcm, 16, 16000, 1);

            using var source = await AudioFile.OpenAsync(path, target).WaitAsync(Limit);
            Assert.IsType<FfmpegAudioSource>(source);
            var raw = await ConvertAsync(source, target);

            ToneWordRoundTripTests.AssertTranscripts(raw, target, new[] { Phrase });
        }

        [Fact]
        public async Task Float_output_and_stereo_layout_are_honoured()
        {
            var path = Encode("flac", "-c:a flac");
            var target = new SessionAudioFormat(AudioEncoding.Pcm, 24, 48000, 2);
            using var source = FfmpegAudioSource.Start(path, 48000, 2, new FfmpegOptions { FloatSamples = true });
            Assert.Equal(new AudioFormat(SampleEncoding.Float, 32, 48000, 2), source.Format);
            Assert.Contains("-f f32le -ac 2 -ar 48000 pipe:1", source.CommandLine, StringComparison.Ordinal);
            var raw = await ConvertAsync(source, target);
            ToneWordRoundTripTests.AssertTranscripts(raw, target, new[] { Phrase, Phrase });
        }

        [Fact]
        public async Task A_missing_ffmpeg_is_named_with_how_to_install_it()
        {
            var path = Encode("flac", "-c:a flac");
            var missing = Path.Combine(directory, "no-such-ffmpeg");
            var error = Assert.Throws<AudioFormatException>(() =>
                FfmpegAudioSource.Start(path, 16000, 1, new FfmpegOptions { FfmpegPath = missing }));
            Assert.Equal(AudioFormatError.DecoderNotFound, error.Reason);
            Assert.Equal(path, error.SourceName);
            Assert.Contains("ffmpeg", error.Message, StringComparison.Ordinal);
            Assert.Contains(missing, error.Message, StringComparison.Ordinal);
            Assert.Contains("apt-get install ffmpeg", error.Message, StringComparison.Ordinal);

            var viaOpen = await Assert.ThrowsAsync<AudioFormatException>(() =>
                AudioFile.OpenAsync(path, null, null, new FfmpegOptions { FfmpegPath = missing }));
            Assert.Equal(AudioFormatError.DecoderNotFound, viaOpen.Reason);
        }

        [Fact]
        public async Task A_file_ffmpeg_cannot_decode_fails_with_its_message()
        {
            var path = Path.Combine(directory, "broken.mp3");
            File.WriteAllBytes(path, new byte[] { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09 });
            using var source = FfmpegAudioSource.Start(path, 16000, 1);
            var error = await Assert.ThrowsAsync<AudioFormatException>(() => TestSignals.ReadAllAsync(source).WaitAsync(Limit));
            Assert.Equal(AudioFormatError.DecoderFailed, error.Reason);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("exit code", error.Message, StringComparison.Ordinal);
            // ffmpeg's own words follow (they vary by version), never an empty placeholder.
            Assert.Matches(@"exit code \d+\): \S", error.Message);
            Assert.DoesNotContain("no message", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Cancelling_a_read_kills_ffmpeg_promptly()
        {
            // A 20-minute FLAC decodes for a while; cancel after the first block and the read must end at once.
            var path = Path.Combine(directory, "long.flac");
            RunFfmpeg($"-f lavfi -i sine=frequency=500:sample_rate=48000:duration=1200 -c:a flac {Quote(path)}");
            using var source = FfmpegAudioSource.Start(path, 48000, 1);
            using var cancellation = new CancellationTokenSource();
            var buffer = new float[4800];
            Assert.True(await source.ReadAsync(buffer, cancellation.Token).AsTask().WaitAsync(Limit) > 0);
            cancellation.Cancel();
            var stopwatch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                while (await source.ReadAsync(buffer, cancellation.Token) > 0)
                {
                }
            }).WaitAsync(Limit);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {stopwatch.Elapsed}");
        }

        [Fact]
        public async Task A_read_waiting_on_an_input_that_never_ends_is_cancelled_promptly()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            // A named pipe whose writer sends a WAV of unknown length, then stays open without sending more: ffmpeg
            // waits for input for ever, so the read waits on ffmpeg. Cancelling must end it and stop ffmpeg. The
            // writer sends more than ffmpeg's 5 s analysis window, so ffmpeg starts decoding before the input ends.
            var fifo = Path.Combine(directory, "live.wav");
            using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", Quote(fifo)) { UseShellExecute = false })!)
            {
                Assert.True(mkfifo.WaitForExit(30_000) && mkfifo.ExitCode == 0, "mkfifo failed");
            }

            var tone = TestSignals.Sine(440, 16000, 16000 * 12);
            var header = new WavBuilder().Fmt(1, 1, 16000, 16).Data(Array.Empty<byte>(), declaredSize: uint.MaxValue).Build();
            using var release = new CancellationTokenSource();
            var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writer = Task.Run(async () =>
            {
                await using var pipe = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                opened.TrySetResult();
                await pipe.WriteAsync(header);
                await pipe.WriteAsync(TestSignals.Pcm16(tone));
                await pipe.FlushAsync();
                await Task.Delay(System.Threading.Timeout.Infinite, release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            });

            var source = FfmpegAudioSource.Start(fifo, 16000, 1);
            try
            {
                using var cancellation = new CancellationTokenSource();
                var firstSamples = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var total = 0;
                var reading = Task.Run(async () =>
                {
                    var buffer = new float[1600];
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellation.Token)) > 0)
                    {
                        total += read;
                        firstSamples.TrySetResult();
                    }
                });

                // What was written is decoded and delivered while the input is still open.
                await firstSamples.Task.WaitAsync(Limit);
                Assert.False(reading.IsCompleted, "the read ended although the input never did");

                cancellation.Cancel();
                var stopwatch = Stopwatch.StartNew();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Limit));
                Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {stopwatch.Elapsed}");
                Assert.True(total > 0 && total <= tone.Length, $"{total} samples read from {tone.Length} written");
            }
            finally
            {
                source.Dispose();
                release.Cancel();
                if (!opened.Task.IsCompleted)
                {
                    // ffmpeg never opened the pipe: open it here so the writer's open returns and its writes fail.
                    new FileStream(fifo, FileMode.Open, FileAccess.Read).Dispose();
                }

                await writer.WaitAsync(Limit).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        [Fact]
        public async Task A_compressed_wav_is_handed_to_ffmpeg()
        {
            var path = Encode("wav", "-c:a adpcm_ima_wav");
            var direct = await Assert.ThrowsAsync<AudioFormatException>(() => WavAudioSource.OpenAsync(path, null, CancellationToken.None));
            Assert.Equal(AudioFormatError.UnsupportedCodec, direct.Reason);
            Assert.Contains("IMA ADPCM", direct.Message, StringComparison.Ordinal);

            var target = SessionAudioFormat.Default;
            using var source = await AudioFile.OpenAsync(path, target);
            Assert.IsType<FfmpegAudioSource>(source);
            ToneWordRoundTripTests.AssertTranscripts(await ConvertAsync(source, target), target, new[] { Phrase });
        }

        [Theory]
        [InlineData("mp3", "-c:a libmp3lame -b:a 128k")]
        [InlineData("flac", "-c:a flac")]
        public async Task A_compressed_stream_that_cannot_seek_is_decoded_by_ffmpeg_to_the_format_given(string extension, string codec)
        {
            var path = Encode(extension, codec);
            var target = new SessionAudioFormat(AudioEncoding.Pcm, 16, 16000, 1);
            var input = GladiaPS.Core.Audio.Inputs.AudioInput.FromStream(new NonSeekableStream(new MemoryStream(File.ReadAllBytes(path))), "pipe");

            using var source = await input.OpenAsync(target).WaitAsync(Limit);

            Assert.IsType<FfmpegAudioSource>(source);
            Assert.Equal(16000, source.Format.SampleRate);
            ToneWordRoundTripTests.AssertTranscripts(await ConvertAsync(source, target), target, new[] { Phrase });
        }

        [Fact]
        public async Task A_compressed_stream_without_ffmpeg_fails_naming_the_stream_and_ffmpeg()
        {
            var path = Encode("flac", "-c:a flac");
            var stream = new NonSeekableStream(new MemoryStream(File.ReadAllBytes(path)));
            var error = await Assert.ThrowsAsync<AudioFormatException>(() => AudioFile.OpenStreamAsync(stream, SessionAudioFormat.Default, "pipe",
                ffmpegOptions: new FfmpegOptions { FfmpegPath = Path.Combine(directory, "no-such-ffmpeg") }).WaitAsync(Limit));
            Assert.Equal(AudioFormatError.DecoderNotFound, error.Reason);
            Assert.Equal("pipe", error.SourceName);
        }

        [Fact]
        public async Task A_pcm_wav_is_read_without_ffmpeg()
        {
            var path = Path.Combine(directory, "plain.wav");
            ToneSignalWriter.WriteWav(path, ToneSignalWriter.Synthesize(new[] { Phrase }, 44100), ToneAudioFormat.Pcm16(44100));
            using var source = await AudioFile.OpenAsync(path, null, null, new FfmpegOptions { FfmpegPath = "/nonexistent/ffmpeg" });
            Assert.IsType<WavAudioSource>(source);
        }

        [Fact]
        public async Task Probing_reads_the_format_and_opening_without_a_layout_uses_the_closest_session_format()
        {
            var path = Encode("mp3", "-c:a libmp3lame -b:a 128k");
            var probed = await FfmpegProbe.ProbeAsync(path).WaitAsync(Limit);
            Assert.Equal("mp3", probed.CodecName);
            Assert.Equal(new AudioFormat(SampleEncoding.Float, 32, 44100, 1), probed.Format);

            using var source = await AudioFile.OpenAsync(path).WaitAsync(Limit);
            Assert.Equal(44100, source.Format.SampleRate);
            Assert.Equal(1, source.Format.Channels);
            var target = new SessionFormatChooser().Choose(probed.Format);
            Assert.Equal(new SessionAudioFormat(AudioEncoding.Pcm, 16, 44100, 1), target);
            ToneWordRoundTripTests.AssertTranscripts(await ConvertAsync(source, target), target, new[] { Phrase });
        }

        [Fact]
        public async Task Probing_a_telephony_wav_keeps_its_g711_encoding()
        {
            var path = Encode("wav", "-ar 8000 -c:a pcm_mulaw");
            var probed = await FfmpegProbe.ProbeAsync(path).WaitAsync(Limit);
            Assert.Equal(new AudioFormat(SampleEncoding.MuLaw, 8, 8000, 1), probed.Format);
        }

        [Fact]
        public async Task Probing_with_an_ffprobe_that_never_answers_fails_after_the_timeout()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            var hung = Path.Combine(directory, "hung");
            Directory.CreateDirectory(hung);
            var fakeFfmpeg = Path.Combine(hung, "ffmpeg");
            File.WriteAllText(fakeFfmpeg, "");
            var fakeProbe = Path.Combine(hung, "ffprobe");
            File.WriteAllText(fakeProbe, "#!/bin/sh\nexec sleep 600\n");
            File.SetUnixFileMode(fakeProbe, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var path = Path.Combine(directory, "any.flac");
            File.WriteAllText(path, "x");

            var options = new FfmpegOptions { FfmpegPath = fakeFfmpeg, ProbeTimeout = TimeSpan.FromMilliseconds(500) };
            var failed = await Assert.ThrowsAsync<AudioFormatException>(() => FfmpegProbe.ProbeAsync(path, options).WaitAsync(Limit));

            Assert.Equal(AudioFormatError.DecoderFailed, failed.Reason);
            Assert.Contains("did not answer within 0.5 s", failed.Message, StringComparison.Ordinal);
            // A user cannot act on the name of an options class: the message says what happened and what to check.
            Assert.DoesNotContain("FfmpegOptions", failed.Message, StringComparison.Ordinal);
            Assert.Contains(path, failed.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Killing_a_process_never_throws_whatever_its_state()
        {
            using var neverStarted = new System.Diagnostics.Process();
            ProcessKiller.TryKill(neverStarted);

            var exited = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", "--version")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            await exited.StandardOutput.ReadToEndAsync();
            await exited.WaitForExitAsync().WaitAsync(Limit);
            ProcessKiller.TryKill(exited);
            exited.Dispose();
            ProcessKiller.TryKill(exited);

            // From a token callback, where an exception would escape from Cancel() into whoever cancelled.
            using var cancel = new CancellationTokenSource();
            using var registration = cancel.Token.Register(() => ProcessKiller.TryKill(exited));
            cancel.Cancel();
        }

        [Fact]
        public async Task Probing_without_ffprobe_or_on_a_broken_file_fails_clearly()
        {
            var lonely = Path.Combine(directory, "bin");
            Directory.CreateDirectory(lonely);
            var fakeFfmpeg = Path.Combine(lonely, "ffmpeg");
            File.WriteAllText(fakeFfmpeg, "");
            var path = Encode("flac", "-c:a flac");
            var missing = await Assert.ThrowsAsync<AudioFormatException>(() => FfmpegProbe.ProbeAsync(path, new FfmpegOptions { FfmpegPath = fakeFfmpeg }));
            Assert.Equal(AudioFormatError.DecoderNotFound, missing.Reason);
            Assert.Contains("ffprobe", missing.Message, StringComparison.Ordinal);

            var broken = Path.Combine(directory, "broken.m4a");
            File.WriteAllText(broken, "this is not a movie");
            var failed = await Assert.ThrowsAsync<AudioFormatException>(() => FfmpegProbe.ProbeAsync(broken).WaitAsync(Limit));
            Assert.Equal(AudioFormatError.DecoderFailed, failed.Reason);
            Assert.Contains(broken, failed.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Files_of_different_formats_become_the_channels_of_one_stream()
        {
            var phrases = new[] { "bravo delta | foxtrot", "hotel juliett lima mike | november", "papa romeo" };
            var stereo = Path.Combine(directory, "host.wav");
            ToneSignalWriter.WriteWav(stereo, ToneSignalWriter.Synthesize(new[] { phrases[0], phrases[0] }, 44100), ToneAudioFormat.Pcm(24, 44100, 2));
            var phone = Path.Combine(directory, "caller.wav");
            ToneSignalWriter.WriteWav(phone, ToneSignalWriter.Synthesize(new[] { phrases[1] }, 8000), ToneAudioFormat.MuLaw(8000));
            var guestWav = Path.Combine(directory, "guest-source.wav");
            ToneSignalWriter.WriteWav(guestWav, ToneSignalWriter.Synthesize(new[] { phrases[2] }, 16000), ToneAudioFormat.Pcm16(16000));
            var guest = Path.Combine(directory, "guest.mp3");
            RunFfmpeg($"-i {Quote(guestWav)} -c:a libmp3lame -b:a 96k {Quote(guest)}");

            using var tracks = (MultiTrackSource)await AudioFile.OpenTracksAsync(new[] { stereo, phone, guest }).WaitAsync(Limit);
            var format = new SessionFormatChooser().ChooseForTracks(tracks.TrackFormats);
            Assert.Equal(format, GladiaPS.Core.Transcribing.LiveTranscriber.ClosestFormat(tracks));

            Assert.Equal(new SessionAudioFormat(AudioEncoding.Pcm, 16, 44100, 3), format);
            Assert.Equal(new AudioFormat(SampleEncoding.Pcm, 16, 16000, 1), tracks.TrackFormats[2]);
            var raw = await ConvertAsync(tracks, format);
            ToneWordRoundTripTests.AssertTranscripts(raw, format, phrases);
        }

        [Fact]
        public void Arguments_are_quoted_so_any_file_name_reaches_ffmpeg_intact()
        {
            Assert.Equal("\"file:/a b/c.mp3\"", FfmpegAudioSource.QuoteArgument("file:/a b/c.mp3"));
            Assert.Equal("\"say \\\"hi\\\"\"", FfmpegAudioSource.QuoteArgument("say \"hi\""));
            Assert.Equal("\"C:\\dir\\\\\"", FfmpegAudioSource.QuoteArgument("C:\\dir\\"));
        }

        private static async Task<byte[]> ConvertAsync(IAudioSource source, SessionAudioFormat target)
        {
            var chunker = new AudioChunker(AudioConverter.ToSessionLayout(source, target), target);
            var output = new MemoryStream();
            await foreach (var chunk in chunker.ReadAllAsync().WithCancellation(new CancellationTokenSource(Limit).Token))
            {
                output.Write(chunk.Data.Span);
            }

            return output.ToArray();
        }

        private string Encode(string extension, string codec)
        {
            var wav = Path.Combine(directory, "source.wav");
            ToneSignalWriter.WriteWav(wav, ToneSignalWriter.Synthesize(new[] { Phrase }, 44100), ToneAudioFormat.Pcm16(44100));
            var path = Path.Combine(directory, "tone words." + extension);
            RunFfmpeg($"-i {Quote(wav)} {codec} {Quote(path)}");
            return path;
        }

        private static string Quote(string path) => FfmpegAudioSource.QuoteArgument(path);

        private static void RunFfmpeg(string arguments)
        {
            var ffmpeg = FfmpegLocator.TryFind() ?? throw new InvalidOperationException(
                "ffmpeg is not installed; these tests need it (sudo apt-get install ffmpeg).");
            using var process = Process.Start(new ProcessStartInfo(ffmpeg, "-nostdin -hide_banner -loglevel error -y " + arguments)
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var errors = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(120_000), "ffmpeg did not finish encoding the test file");
            Assert.True(process.ExitCode == 0, $"ffmpeg failed to make the test file: {errors.Result}");
        }
    }
}
