using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Emulator.Tests.Support
{
    /// <summary>Tone-word audio and matching init bodies.</summary>
    internal static class TestAudio
    {
        public static (ToneSignal Signal, byte[] Raw) Phrase(ToneAudioFormat format, params string[] channelPhrases)
        {
            var signal = ToneSignalWriter.Synthesize(channelPhrases, format.SampleRate);
            return (signal, ToneSignalWriter.Encode(signal, format));
        }

        /// <summary>An init body declaring <paramref name="format"/>, with every message flag given explicitly.</summary>
        public static JsonObject Init(ToneAudioFormat format, bool partials = false, bool lifecycle = true, bool speech = true, bool acks = true)
        {
            return new JsonObject
            {
                ["encoding"] = format.WireEncoding,
                ["bit_depth"] = format.BitDepth,
                ["sample_rate"] = format.SampleRate,
                ["channels"] = format.Channels,
                ["messages_config"] = new JsonObject
                {
                    ["receive_partial_transcripts"] = partials,
                    ["receive_final_transcripts"] = true,
                    ["receive_speech_events"] = speech,
                    ["receive_pre_processing_events"] = true,
                    ["receive_realtime_processing_events"] = true,
                    ["receive_post_processing_events"] = true,
                    ["receive_acknowledgments"] = acks,
                    ["receive_errors"] = true,
                    ["receive_lifecycle_events"] = lifecycle,
                },
            };
        }

        /// <summary>The phrase's words on one channel, as a transcript reads them (utterance separators dropped).</summary>
        public static string Words(string phrase) =>
            string.Join(" ", phrase.Split('|').SelectMany(u => u.Split(' ', System.StringSplitOptions.RemoveEmptyEntries)));

        /// <summary>Bytes per 100 ms of audio (a typical client chunk), rounded to whole sample frames.</summary>
        public static int ChunkOf100Ms(ToneAudioFormat format) => format.ByteRate / 10 / format.BlockAlign * format.BlockAlign;

        public static List<string> Types(IEnumerable<JsonObject> messages) => messages.Select(m => (string)m["type"]!).ToList();
    }
}
