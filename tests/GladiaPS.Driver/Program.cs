using System;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Inputs;
using GladiaPS.Core.Audio.Streaming;
using GladiaPS.Core.Configuration;
using GladiaPS.Core.Live;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;
using GladiaPS.Core.Transcribing;

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
            var transcriber = new LiveTranscriber(client, TranscriberOptions(arguments));
            await foreach (var e in transcriber.TranscribeAsync(AudioInput.FromFile(file, readOptions), token).ConfigureAwait(false))
            {
                switch (e)
                {
                    case LiveTranscriberMessage received:
                        output.WriteMessage(received.Message);
                        break;
                    case LiveTranscriberSessionEnded ended:
                        output.WriteSummary(ended.Session.Id, ended.Outcome.Statistics);
                        if (!ended.Outcome.Succeeded)
                        {
                            throw new DriverException("'" + file + "': the session " + ended.Session.Id + " ended with " + ended.Outcome + ".");
                        }

                        break;
                }
            }
        }

        private static LiveTranscriberOptions TranscriberOptions(DriverArguments arguments)
        {
            var options = new LiveSessionOptions
            {
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

            // Real-time pacing releases chunk n at its start time after the first, on a monotonic clock, so late wake-ups never add up to drift.
            return new LiveTranscriberOptions
            {
                SessionOptions = options,
                Connection = connection,
                Pacing = arguments.RealTime ? PacingMode.RealTime : PacingMode.AsFastAsPossible,
                ChunkDuration = TimeSpan.FromMilliseconds(arguments.ChunkMilliseconds),
            };
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
