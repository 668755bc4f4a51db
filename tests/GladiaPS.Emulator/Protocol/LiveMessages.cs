using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Emulator.Protocol
{
    /// <summary>Builds the server → client messages of reference §6.</summary>
    internal static class LiveMessages
    {
        public static JsonObject Envelope(string type, string sessionId) => new()
        {
            ["type"] = type,
            ["session_id"] = sessionId,
            ["created_at"] = Timestamps.Now(),
        };

        public static JsonObject WithData(string type, string sessionId, JsonNode? data)
        {
            var message = Envelope(type, sessionId);
            message["data"] = data;
            return message;
        }

        /// <summary>An <c>audio_chunk</c> ack, written directly because one is sent for every frame.</summary>
        public static byte[] AudioChunkAck(string sessionId, long start, long end, double byteRate)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("type", "audio_chunk");
                writer.WriteString("session_id", sessionId);
                writer.WriteString("created_at", Timestamps.Now());
                writer.WriteBoolean("acknowledged", true);
                writer.WriteNull("error");
                writer.WriteStartObject("data");
                writer.WriteStartArray("byte_range");
                writer.WriteNumberValue(start);
                writer.WriteNumberValue(end);
                writer.WriteEndArray();
                writer.WriteStartArray("time_range");
                writer.WriteNumberValue(Seconds(start / byteRate));
                writer.WriteNumberValue(Seconds(end / byteRate));
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }

        /// <summary>A client message that could not be used: an ack of its type, <c>acknowledged</c> false, the reason in <c>error</c>.</summary>
        public static JsonObject RejectedMessage(string type, string sessionId, string reason)
        {
            var message = Envelope(type, sessionId);
            message["acknowledged"] = false;
            message["error"] = new JsonObject { ["message"] = reason };
            message["data"] = null;
            return message;
        }

        public static JsonObject StopRecordingAck(string sessionId, double recordingDuration)
        {
            var message = Envelope("stop_recording", sessionId);
            message["acknowledged"] = true;
            message["error"] = null;
            message["data"] = new JsonObject
            {
                ["recording_duration"] = Seconds(recordingDuration),
                ["recording_left_to_process"] = 0.0,
            };
            return message;
        }

        public static JsonObject SpeechEvent(string type, string sessionId, double time, int channel) =>
            WithData(type, sessionId, new JsonObject { ["time"] = Seconds(time), ["channel"] = channel });

        public static JsonObject Transcript(string sessionId, string utteranceId, bool isFinal, RecognizedUtterance utterance, string language) =>
            WithData("transcript", sessionId, new JsonObject
            {
                ["id"] = utteranceId,
                ["is_final"] = isFinal,
                ["utterance"] = Utterance(utterance, language),
            });

        public static JsonObject Utterance(RecognizedUtterance utterance, string language) =>
            Utterance(utterance.Start, utterance.End, utterance.Confidence, utterance.Channel, language,
                utterance.Words.Select(w => (w.Word, w.Start, w.End, w.Confidence)));

        public static JsonObject Utterance(
            double start, double end, double confidence, int channel, string language,
            IEnumerable<(string Word, double Start, double End, double Confidence)> words)
        {
            var wordArray = new JsonArray();
            var texts = new List<string>();
            foreach (var word in words)
            {
                texts.Add(word.Word);
                wordArray.Add(new JsonObject
                {
                    ["word"] = word.Word,
                    ["start"] = Seconds(word.Start),
                    ["end"] = Seconds(word.End),
                    ["confidence"] = Math.Round(word.Confidence, 3),
                });
            }

            return new JsonObject
            {
                ["start"] = Seconds(start),
                ["end"] = Seconds(end),
                ["confidence"] = Math.Round(confidence, 3),
                ["channel"] = channel,
                ["text"] = string.Join(" ", texts),
                ["language"] = language,
                ["words"] = wordArray,
            };
        }

        public static JsonObject AddOn(string type, string sessionId, JsonObject data)
        {
            var message = Envelope(type, sessionId);
            message["error"] = null;
            message["data"] = data;
            return message;
        }

        public static double Seconds(double value) => Math.Round(value, 4);
    }
}
