using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio.Containers;

namespace GladiaPS.Core.Audio.Ffmpeg
{
    /// <summary>
    /// Decodes anything ffmpeg reads (MP3, M4A/AAC, FLAC, Ogg/Opus, the audio of a video) straight into a given
    /// rate and channel count, as a stream through a pipe:
    /// <c>ffmpeg -nostdin -hide_banner -loglevel error -i file:&lt;path&gt; -vn -sn -dn -f s16le -ac C -ar R pipe:1</c>.
    /// Standard output is read as samples are asked for; standard error is drained concurrently (so a chatty ffmpeg
    /// never blocks on a full pipe) and its tail kept for the error message. Cancelling a read or disposing kills
    /// the process. A non-zero exit becomes an <see cref="AudioFormatException"/> naming the file and ffmpeg's message.
    /// </summary>
    internal sealed class FfmpegAudioSource : IAudioSource
    {
        private const int StderrTailChars = 4000;

        private readonly Process process;
        private readonly Stream output;
        private readonly Task stderrPump;
        private readonly StringBuilder stderrTail = new();
        private readonly PooledBuffer<byte> block;
        private readonly bool live;
        private readonly CancellationTokenSource inputStop = new();
        private Task? inputPump;
        private Exception? inputFailure;
        private int stderrLines;
        private int carried;
        private bool ended;
        private int disposed;

        private FfmpegAudioSource(Process process, string name, AudioFormat format, bool live)
        {
            this.process = process;
            this.live = live;
            Name = name;
            Format = format;
            output = process.StandardOutput.BaseStream;
            block = new PooledBuffer<byte>(64 * 1024, nameof(FfmpegAudioSource));
            stderrPump = Task.Run(PumpStandardErrorAsync);
        }

        /// <summary>The format ffmpeg delivers: 16-bit PCM (or 32-bit float) at the requested rate and channels.</summary>
        public AudioFormat Format { get; }

        public string? Name { get; }

        /// <summary>The command line ffmpeg was started with.</summary>
        public string CommandLine => process.StartInfo.FileName + " " + process.StartInfo.Arguments;

        /// <summary>Starts ffmpeg decoding <paramref name="path"/> to <paramref name="sampleRate"/> Hz and
        /// <paramref name="channels"/> channels.</summary>
        public static FfmpegAudioSource Start(string path, int sampleRate, int channels, FfmpegOptions? options = null)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("A file path is required.", nameof(path));
            }

            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The audio file '{path}' does not exist.", path);
            }

            var floatSamples = options?.FloatSamples ?? false;
            var format = new AudioFormat(floatSamples ? SampleEncoding.Float : SampleEncoding.Pcm, floatSamples ? 32 : 16, sampleRate, channels);
            var ffmpeg = FfmpegLocator.Find(options?.FfmpegPath, path);
            var arguments = string.Format(CultureInfo.InvariantCulture,
                "-nostdin -hide_banner -loglevel error -i {0} -vn -sn -dn -f {1} -ac {2} -ar {3} pipe:1",
                QuoteArgument("file:" + Path.GetFullPath(path)), floatSamples ? "f32le" : "s16le", channels, sampleRate);
            return Launch(ffmpeg, arguments, path, format, live: false);
        }

        /// <summary>
        /// Starts ffmpeg decoding what <paramref name="input"/> holds (an MP3, M4A, FLAC… stream), fed to it through its
        /// standard input, to <paramref name="sampleRate"/> Hz and <paramref name="channels"/> channels. The stream is read
        /// from where it is to its end and left open.
        /// </summary>
        /// <param name="name">How errors name the input.</param>
        public static FfmpegAudioSource StartStream(Stream input, string name, int sampleRate, int channels, FfmpegOptions? options = null)
        {
            if (input is null)
            {
                throw new ArgumentNullException(nameof(input));
            }

            var floatSamples = options?.FloatSamples ?? false;
            var format = new AudioFormat(floatSamples ? SampleEncoding.Float : SampleEncoding.Pcm, floatSamples ? 32 : 16, sampleRate, channels);
            var ffmpeg = FfmpegLocator.Find(options?.FfmpegPath, name);
            var arguments = string.Format(CultureInfo.InvariantCulture,
                "-hide_banner -loglevel error -i pipe:0 -vn -sn -dn -f {0} -ac {1} -ar {2} pipe:1",
                floatSamples ? "f32le" : "s16le", channels, sampleRate);
            var source = Launch(ffmpeg, arguments, name, format, live: false, redirectInput: true);
            source.inputPump = Task.Run(() => source.PumpInputAsync(input));
            return source;
        }

        /// <summary>
        /// Starts ffmpeg reading a live input, such as a capture device (<c>-f pulse -i SOURCE</c>), as 16-bit samples at
        /// <paramref name="sampleRate"/> Hz and <paramref name="channels"/> channels; reads wait for the device.
        /// </summary>
        /// <param name="inputOptions">ffmpeg options before <c>-i</c>: the input format and its settings.</param>
        /// <param name="input">What follows <c>-i</c>: the device's name or index.</param>
        /// <param name="name">How errors name the input.</param>
        public static FfmpegAudioSource StartInput(string inputOptions, string input, string name, int sampleRate, int channels, FfmpegOptions? options = null)
        {
            var format = new AudioFormat(SampleEncoding.Pcm, 16, sampleRate, channels);
            var ffmpeg = FfmpegLocator.Find(options?.FfmpegPath, name);
            var arguments = string.Format(CultureInfo.InvariantCulture,
                "-nostdin -hide_banner -loglevel error {0} -i {1} -vn -sn -dn -f s16le -ac {2} -ar {3} pipe:1",
                inputOptions, QuoteArgument(input), channels, sampleRate);
            return Launch(ffmpeg, arguments, name, format, live: true);
        }

        /// <summary>Starts ffmpeg with its output piped to us; a failure to start says where ffmpeg was looked for and how to install it.</summary>
        private static FfmpegAudioSource Launch(string ffmpeg, string arguments, string name, AudioFormat format, bool live, bool redirectInput = false)
        {
            var process = new Process
            {
                StartInfo = new ProcessStartInfo(ffmpeg, arguments)
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    RedirectStandardInput = redirectInput,
                    CreateNoWindow = true,
                    StandardErrorEncoding = Encoding.UTF8,
                },
            };
            try
            {
                process.Start();
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                process.Dispose();
                throw new AudioFormatException(name, AudioFormatError.DecoderNotFound,
                    $"ffmpeg could not be started from '{ffmpeg}': {ex.Message}. {FfmpegLocator.InstallHint}", ex);
            }

            return new FfmpegAudioSource(process, name, format, live);
        }

        public async ValueTask<int> ReadAsync(Memory<float> buffer, CancellationToken cancellationToken)
        {
            var bytes = block.Enter();
            try
            {
                var blockAlign = Format.BlockAlign;
                var frames = Math.Min(buffer.Length / Format.Channels, bytes.Length / blockAlign);
                if (frames == 0)
                {
                    throw new ArgumentException("The buffer must hold at least one frame.", nameof(buffer));
                }

                var wanted = frames * blockAlign;
                var filled = carried;
                using (cancellationToken.Register(static state => ((FfmpegAudioSource)state!).Kill(), this))
                {
                    // Return as soon as at least one frame is in, so a slow decoder still streams.
                    while (filled < blockAlign && !ended)
                    {
                        var read = await output.ReadAsync(bytes, filled, wanted - filled, cancellationToken).ConfigureAwait(false);
                        cancellationToken.ThrowIfCancellationRequested();
                        if (read <= 0)
                        {
                            ended = true;
                            break;
                        }

                        filled += read;
                    }
                }

                var samples = SampleCodec.DecodeWholeFrames(bytes, filled, buffer.Span, Format, out carried);
                if (samples > 0)
                {
                    return samples;
                }

                await CompleteAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
            finally
            {
                block.Exit();
            }
        }

        /// <summary>
        /// Stops ffmpeg and returns the pooled block, at once or, when a read is in progress, as soon as that read
        /// ends (killing ffmpeg ends it).
        /// </summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0)
            {
                return;
            }

            Kill();

            // The input pump is not waited for: a read of a pipe may not end until its writer writes or closes.
            inputStop.Cancel();
            try
            {
                stderrPump.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The pump only fails when the pipe breaks, which killing it does.
            }

            process.Dispose();
            block.Dispose();
        }

        private async Task CompleteAsync(CancellationToken cancellationToken)
        {
            await stderrPump.ConfigureAwait(false);
            await Task.Run(() => process.WaitForExit(), cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                string message;
                lock (stderrTail)
                {
                    message = stderrTail.ToString().Trim();
                }

                throw ToolOutput.Failure(Name, string.Format(CultureInfo.InvariantCulture,
                    "ffmpeg could not {0} it (exit code {1})", live ? "capture" : "decode", process.ExitCode), message, "ffmpeg",
                    Volatile.Read(ref stderrLines));
            }

            // ffmpeg saw its input end because reading the stream failed: the audio is cut short, which is an error, not the end.
            if (Volatile.Read(ref inputFailure) is { } failure)
            {
                throw new AudioFormatException(Name, AudioFormatError.DecoderFailed, "reading the stream failed: " + failure.Message, failure);
            }
        }

        // Copies the input into ffmpeg's standard input, then closes it so ffmpeg sees the end. A failure to write means
        // ffmpeg has stopped reading (it ended or was killed), which its exit code reports; a failure to read is kept
        // and reported when the output ends, since ffmpeg would take the cut input for a whole one.
        private async Task PumpInputAsync(Stream input)
        {
            var stdin = process.StandardInput.BaseStream;
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    int read;
                    try
                    {
                        read = await input.ReadAsync(buffer, 0, buffer.Length, inputStop.Token).ConfigureAwait(false);
                    }
                    // Any failure of the caller's stream, not only I/O ones: an unrecorded one would pass the cut audio off as whole.
                    catch (Exception exception) when (!inputStop.IsCancellationRequested && exception is not OutOfMemoryException)
                    {
                        Volatile.Write(ref inputFailure, exception);
                        return;
                    }

                    if (read <= 0)
                    {
                        return;
                    }

                    await stdin.WriteAsync(buffer, 0, read, inputStop.Token).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                // ffmpeg stopped reading, or the source was disposed.
            }
            finally
            {
                try
                {
                    stdin.Dispose();
                }
                catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
                {
                    // Closing a pipe ffmpeg already closed.
                }
            }
        }

        private async Task PumpStandardErrorAsync()
        {
            var reader = process.StandardError;
            var chars = new char[1024];
            while (true)
            {
                var read = await reader.ReadAsync(chars, 0, chars.Length).ConfigureAwait(false);
                if (read <= 0)
                {
                    return;
                }

                for (var i = 0; i < read; i++)
                {
                    if (chars[i] == '\n')
                    {
                        Interlocked.Increment(ref stderrLines);
                    }
                }

                lock (stderrTail)
                {
                    stderrTail.Append(chars, 0, read);
                    if (stderrTail.Length > StderrTailChars)
                    {
                        stderrTail.Remove(0, stderrTail.Length - StderrTailChars);
                    }
                }
            }
        }

        private void Kill() => ProcessKiller.TryKill(process);

        // Quotes one argument the way ProcessStartInfo.Arguments is split (the MSVC rules, on every platform).
        internal static string QuoteArgument(string argument)
        {
            var builder = new StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                if (c == '"')
                {
                    builder.Append('\\', backslashes * 2 + 1);
                }
                else
                {
                    builder.Append('\\', backslashes);
                }

                backslashes = 0;
                builder.Append(c);
            }

            builder.Append('\\', backslashes * 2).Append('"');
            return builder.ToString();
        }
    }
}
