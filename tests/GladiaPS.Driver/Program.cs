using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Configuration;
using GladiaPS.Core.Live;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;

namespace GladiaPS.Driver
{
    /// <summary>
    /// Streams audio files (WAV, or anything ffmpeg decodes) into live sessions, one per file, using only the core's public API, and prints
    /// each session's messages as JSON lines followed by a summary. Used for checks and benchmarks.
    /// </summary>
    internal static class Program
    {
        private const int ExitFailure = 1;
        private const int ExitUsage = 2;

        private static async Task<int> Main(string[] args)
        {
            if (args.Length == 1 && (args[0] == "--help" || args[0] == "-h"))
            {
                Console.WriteLine(DriverArguments.Usage);
                return 0;
            }

            DriverArguments arguments;
            try
            {
                arguments = DriverArguments.Parse(args);
            }
            catch (ArgumentException exception)
            {
                Fail(exception.Message + " " + DriverArguments.Usage);
                return ExitUsage;
            }

            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };

            var output = new JsonLineWriter(Console.OpenStandardOutput());
            var settings = new GladiaClientSettings { ApiKey = arguments.ApiKey, BaseUrl = arguments.ApiUrl };
            settings.ProductTokens.Add("GladiaPS.Driver/" + GladiaPS.Core.GladiaClientInfo.Version);
            try
            {
                using var client = new GladiaRestClient(settings);
                foreach (var file in arguments.Files)
                {
                    await StreamFileAsync(client, arguments, file, output, cancel.Token).ConfigureAwait(false);
                }

                return 0;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                Fail("cancelled.");
                return ExitFailure;
            }
            catch (Exception exception)
            {
                // Whatever went wrong, the caller gets one line; none of these messages carries the key.
                Fail(Describe(exception));
                return ExitFailure;
            }
        }

        private static async Task StreamFileAsync(GladiaRestClient client, DriverArguments arguments, string file, JsonLineWriter output, CancellationToken token)
        {
            // The session takes the format closest to the file's; anything but WAV goes through ffmpeg.
            var readOptions = new AudioReadOptions { OnWarning = warning => Console.Error.WriteLine("GladiaPS.Driver: warning: " + warning) };
            using var source = await AudioFile.OpenAsync(file, null, readOptions, cancellationToken: token).ConfigureAwait(false);
            var format = new SessionFormatChooser().Choose(source.Format, file);
            using var converted = AudioConverter.ToSessionLayout(source, format);
            using var chunker = new AudioChunker(converted, format, TimeSpan.FromMilliseconds(arguments.ChunkMilliseconds));
            if (!AudioEncodings.TryParse(format.WireEncoding, out var encoding))
            {
                throw new DriverException("'" + file + "': no session encoding matches " + format.WireEncoding + ".");
            }

            var options = new LiveSessionOptions
            {
                Encoding = encoding,
                BitDepth = format.BitDepth,
                SampleRate = format.SampleRate,
                Channels = format.Channels,
                MessagesConfig = new MessagesConfig
                {
                    ReceivePartialTranscripts = false,
                    ReceiveFinalTranscripts = true,
                    ReceiveSpeechEvents = false,
                    ReceivePreProcessingEvents = false,
                    ReceiveRealtimeProcessingEvents = false,
                    ReceivePostProcessingEvents = true,
                    ReceiveLifecycleEvents = true,
                    ReceiveErrors = true,
                },
            };
            if (arguments.Language is { } language)
            {
                options.LanguageConfig = new LanguageConfig { Languages = new[] { language } };
            }

            var connection = new LiveConnectionOptions { SendAudioAsJson = arguments.JsonChunks };
            if (arguments.ReconnectBudget is { } budget)
            {
                connection.MaxAttemptsWithoutProgress = budget;
            }

            await using var session = await GladiaLiveSession.StartAsync(client, options, connection, cancellationToken: token).ConfigureAwait(false);
            var printing = Task.Run(async () =>
            {
                await foreach (var message in session.ReadMessagesAsync(token).ConfigureAwait(false))
                {
                    output.WriteMessage(message);
                }
            });

            // Real-time pacing releases chunk n at its start time after the first, on a monotonic clock, so
            // late wake-ups never add up to drift. The session copies each chunk, so the chunker may reuse its buffer.
            var pacer = new AudioPacer(arguments.RealTime ? PacingMode.RealTime : PacingMode.AsFastAsPossible);
            var buffer = new byte[chunker.BytesPerChunk];
            for (long index = 0; ; index++)
            {
                var offset = chunker.FramesWritten;
                var length = await chunker.ReadChunkAsync(buffer, token).ConfigureAwait(false);
                if (length == 0)
                {
                    break;
                }

                var chunk = new AudioChunk(index, offset, length / format.BlockAlign, format.SampleRate, new ReadOnlyMemory<byte>(buffer, 0, length));
                await pacer.WaitForAsync(chunk, token).ConfigureAwait(false);
                await session.SendAudioAsync(chunk.Data, token).ConfigureAwait(false);
            }

            await session.StopRecordingAsync(token).ConfigureAwait(false);
            var outcome = await session.WaitForEndAsync(token).ConfigureAwait(false);
            await printing.ConfigureAwait(false);
            output.WriteSummary(session.Id, outcome.Statistics);
            if (!outcome.Succeeded)
            {
                throw new DriverException("'" + file + "': the session " + session.Id + " ended with " + outcome + ".");
            }
        }

        private static string Describe(Exception exception)
        {
            var message = exception.Message;
            for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
            {
                if (!message.Contains(inner.Message))
                {
                    message += " (" + inner.Message + ")";
                }
            }

            return message;
        }

        private static void Fail(string message) =>
            Console.Error.WriteLine("GladiaPS.Driver: " + message.Replace('\r', ' ').Replace('\n', ' '));
    }

    /// <summary>A session that did not end as asked.</summary>
    internal sealed class DriverException : Exception
    {
        public DriverException(string message)
            : base(message)
        {
        }
    }
}
