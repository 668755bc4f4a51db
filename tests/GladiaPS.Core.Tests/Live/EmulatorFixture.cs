using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Configuration;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;
using GladiaPS.Emulator;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>The local Gladia-compatible server and a REST client for it, with quick HTTP retries.</summary>
    internal sealed class EmulatorFixture : IAsyncDisposable
    {
        public const string ApiKey = "gl-test-key-9f8e7d6c5b4a";

        private EmulatorFixture(GladiaEmulator emulator, GladiaRestClient client, ConcurrentQueue<string> log)
        {
            Emulator = emulator;
            Client = client;
            Log = log;
        }

        public GladiaEmulator Emulator { get; }

        public GladiaRestClient Client { get; }

        /// <summary>Every line the REST client logged.</summary>
        public ConcurrentQueue<string> Log { get; }

        public static async Task<EmulatorFixture> StartAsync(FaultSettings? faults = null, string apiKey = ApiKey)
        {
            var emulator = await GladiaEmulator.StartAsync(new EmulatorOptions { ApiKey = ApiKey, Faults = faults ?? new FaultSettings() });
            var log = new ConcurrentQueue<string>();
            var settings = new GladiaClientSettings { ApiKey = apiKey, BaseUrl = emulator.BaseUrl, Log = log.Enqueue };
            settings.Http.InitialRetryDelay = TimeSpan.FromMilliseconds(10);
            settings.Http.MaxRetryDelay = TimeSpan.FromMilliseconds(50);
            return new EmulatorFixture(emulator, new GladiaRestClient(settings), log);
        }

        public static LiveSessionOptions Pcm16Options(bool partials = false) => new LiveSessionOptions
        {
            Encoding = AudioEncoding.Pcm,
            BitDepth = 16,
            SampleRate = 16000,
            Channels = 1,
            MessagesConfig = new MessagesConfig
            {
                ReceivePartialTranscripts = partials,
                ReceiveFinalTranscripts = true,
                ReceiveSpeechEvents = false,
                ReceiveLifecycleEvents = true,
                ReceivePostProcessingEvents = true,
                ReceiveErrors = true,
            },
        };

        /// <summary>A phrase written as 16 kHz 16-bit mono tone words, and the utterances the server must return.</summary>
        public static (byte[] Audio, string[] Utterances) ToneAudio(string phrase)
        {
            var signal = ToneSignalWriter.Synthesize(new[] { phrase }, 16000);
            var audio = ToneSignalWriter.Encode(signal, ToneAudioFormat.Pcm16());
            var utterances = TonePhrase.Parse(phrase).Select(words => string.Join(" ", words)).ToArray();
            return (audio, utterances);
        }

        /// <summary>A phrase of <paramref name="utterances"/> utterances of three words each, drawn with a seed.</summary>
        public static string RandomPhrase(int utterances, int seed)
        {
            var random = new Random(seed);
            var parts = new List<string>();
            for (var u = 0; u < utterances; u++)
            {
                parts.Add(string.Join(" ", Enumerable.Range(0, 3).Select(_ => ToneVocabulary.Words[random.Next(ToneVocabulary.Words.Count)])));
            }

            return string.Join(" | ", parts);
        }

        public static string[] FinalTexts(IEnumerable<LiveMessage> messages) =>
            messages.OfType<TranscriptMessage>().Where(t => t.IsFinal).OrderBy(t => t.Start).Select(t => t.Text).ToArray();

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Emulator.DisposeAsync();
        }
    }
}
