using System;
using System.Text;
using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>
    /// Turns a server frame into a typed <see cref="LiveMessage"/>. It never throws: a frame that is not
    /// JSON, or has no <c>type</c>, becomes a <see cref="LiveErrorMessage"/>; an unknown type becomes an
    /// <see cref="UnknownLiveMessage"/> carrying the raw JSON.
    /// </summary>
    internal static class LiveMessageParser
    {
        private const int SnippetLength = 120;

        public static LiveMessage Parse(string? json)
        {
            if (json is null)
            {
                return LiveErrorMessage.Client(LiveErrorKind.InvalidFrame, "The frame was empty.");
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (Exception exception) when (exception is JsonException or ArgumentException)
            {
                return InvalidFrame(json);
            }

            using (document)
            {
                return FromRoot(document.RootElement, json);
            }
        }

        /// <summary>Parses a frame's UTF-8 payload.</summary>
        public static LiveMessage Parse(ReadOnlyMemory<byte> utf8)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(utf8);
            }
            catch (Exception exception) when (exception is JsonException or ArgumentException)
            {
                return InvalidFrame(Decode(utf8));
            }

            using (document)
            {
                return FromRoot(document.RootElement, null);
            }
        }

        private static LiveMessage FromRoot(JsonElement root, string? text)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                var raw = text ?? root.GetRawText();
                return LiveErrorMessage.Client(LiveErrorKind.MissingType, "The frame is JSON but not an object: " + Snippet(raw), raw);
            }

            if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String ||
                string.IsNullOrEmpty(typeElement.GetString()))
            {
                var raw = text ?? root.GetRawText();
                return LiveErrorMessage.Client(
                    LiveErrorKind.MissingType,
                    "The frame has no string 'type': " + Snippet(raw),
                    raw,
                    TolerantJson.GetString(root, "session_id"));
            }

            var type = typeElement.GetString()!;
            try
            {
                return Dispatch(root, type);
            }
            catch (Exception exception) when (exception is InvalidOperationException or FormatException or ArgumentException)
            {
                // The readers are tolerant by construction; this is a last line of defence so a frame never ends the session.
                var raw = text ?? root.GetRawText();
                return LiveErrorMessage.Client(LiveErrorKind.InvalidFrame, "The '" + type + "' message could not be read: " + exception.Message, raw);
            }
        }

        private static LiveMessage Dispatch(JsonElement root, string type)
        {
            switch (type)
            {
                case LiveMessageTypes.AudioChunk:
                    return AudioChunkAcknowledgment.FromJson(root, type);
                case LiveMessageTypes.StopRecording:
                    return StopRecordingAcknowledgment.FromJson(root, type);
                case LiveMessageTypes.StartSession:
                    return StartSessionMessage.FromJson(root, type);
                case LiveMessageTypes.StartRecording:
                    return StartRecordingMessage.FromJson(root, type);
                case LiveMessageTypes.EndRecording:
                    return EndRecordingMessage.FromJson(root, type);
                case LiveMessageTypes.EndSession:
                    return EndSessionMessage.FromJson(root, type);
                case LiveMessageTypes.SpeechStart:
                    return SpeechStartMessage.FromJson(root, type);
                case LiveMessageTypes.SpeechEnd:
                    return SpeechEndMessage.FromJson(root, type);
                case LiveMessageTypes.Transcript:
                    return TranscriptMessage.FromJson(root, type);
                case LiveMessageTypes.Translation:
                    return TranslationMessage.FromJson(root, type);
                case LiveMessageTypes.NamedEntityRecognition:
                    return NamedEntityRecognitionMessage.FromJson(root, type);
                case LiveMessageTypes.SentimentAnalysis:
                    return SentimentAnalysisMessage.FromJson(root, type);
                case LiveMessageTypes.PostTranscript:
                    return PostTranscriptMessage.FromJson(root, type);
                case LiveMessageTypes.PostFinalTranscript:
                    return PostFinalTranscriptMessage.FromJson(root, type);
                case LiveMessageTypes.PostSummarization:
                    return PostSummarizationMessage.FromJson(root, type);
                case LiveMessageTypes.PostChapterization:
                    return PostChapterizationMessage.FromJson(root, type);
                case LiveMessageTypes.Error:
                    return LiveErrorMessage.FromServer(root, type);
                default:
                    return UnknownLiveMessage.FromJson(root, type);
            }
        }

        private static LiveErrorMessage InvalidFrame(string raw) =>
            LiveErrorMessage.Client(LiveErrorKind.InvalidFrame, "The server sent a frame that is not JSON: " + Snippet(raw), raw);

        private static string Decode(ReadOnlyMemory<byte> utf8)
        {
            // Invalid UTF-8 is replaced rather than rejected, so the error can still show what arrived.
            var bytes = utf8.ToArray();
            return Encoding.UTF8.GetString(bytes, 0, bytes.Length);
        }

        private static string Snippet(string raw)
        {
            var flat = raw.Replace('\r', ' ').Replace('\n', ' ');
            return flat.Length <= SnippetLength ? "'" + flat + "'" : "'" + flat.Substring(0, SnippetLength) + "…' (" + raw.Length + " characters)";
        }
    }
}
