using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Configuration;
using GladiaPS.Core.Live;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;

namespace GladiaPS.Driver
{
    /// <summary>
    /// Streams WAV files into live sessions, one per file, using only the core's public API, and prints
    /// each session's messages as JSON lines followed by a summary. Used for checks and benchmarks.
    /// </summary>
    internal static class Program
    {
        private const int ExitFailure = 1;
        private const int ExitUsage = 2;

        private static async Task<int> Main(string[] args)
        {
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
            catch (Exception exception) when (exception is DriverException or InvalidDataException or IOException or UnauthorizedAccessException
                or GladiaApiException or GladiaValidationException or TimeoutException or InvalidOperationException or ArgumentException)
            {
                Fail(exception.Message);
                return ExitFailure;
            }
        }

        private static async Task StreamFileAsync(GladiaRestClient client, DriverArguments arguments, string file, JsonLineWriter output, CancellationToken token)
        {
            using var source = WavSource.Open(file);
            var options = new LiveSessionOptions
            {
                Encoding = source.Encoding,
                BitDepth = source.BitDepth,
                SampleRate = source.SampleRate,
                Channels = source.Channels,
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
            await using var session = await GladiaLiveSession.StartAsync(client, options, connection, cancellationToken: token).ConfigureAwait(false);
            var printing = Task.Run(async () =>
            {
                await foreach (var message in session.ReadMessagesAsync(token).ConfigureAwait(false))
                {
                    output.WriteMessage(message);
                }
            });

            await SendAsync(session, source, arguments, token).ConfigureAwait(false);
            await session.StopRecordingAsync(token).ConfigureAwait(false);
            var outcome = await session.WaitForEndAsync(token).ConfigureAwait(false);
            await printing.ConfigureAwait(false);
            output.WriteSummary(session.Id, outcome.Statistics);
            if (!outcome.Succeeded)
            {
                throw new DriverException("'" + file + "': the session " + session.Id + " ended with " + outcome + ".");
            }
        }

        /// <summary>
        /// Sends the file in chunks of the given duration. At real-time pace chunk n leaves at n × duration
        /// after the start on a monotonic clock, so late wake-ups never add up to drift.
        /// </summary>
        private static async Task SendAsync(GladiaLiveSession session, WavSource source, DriverArguments arguments, CancellationToken token)
        {
            var frames = Math.Max(1, (int)((long)source.SampleRate * arguments.ChunkMilliseconds / 1000));
            var chunkBytes = Math.Min(frames * source.BlockAlign, LiveConnectionOptions.MaxFrameLimit / source.BlockAlign * source.BlockAlign);
            var chunkSeconds = chunkBytes / (double)source.ByteRate;
            var buffer = new byte[chunkBytes];
            var clock = Stopwatch.StartNew();
            for (long index = 0; ; index++)
            {
                var read = source.Read(buffer);
                if (read == 0)
                {
                    return;
                }

                if (arguments.RealTime)
                {
                    var due = TimeSpan.FromSeconds(index * chunkSeconds) - clock.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, token).ConfigureAwait(false);
                    }
                }

                // The session copies the bytes before returning, so the buffer can be reused at once.
                await session.SendAudioAsync(new ReadOnlyMemory<byte>(buffer, 0, read), token).ConfigureAwait(false);
            }
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
