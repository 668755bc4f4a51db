using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>The full transcript after recording ended (§6.8).</summary>
    public sealed class PostTranscriptMessage : LiveMessage
    {
        public Transcription Transcription { get; internal set; } = new Transcription();

        public string Text => Transcription.FullTranscript;

        internal static PostTranscriptMessage FromJson(JsonElement root, string type)
        {
            var message = new PostTranscriptMessage();
            message.ReadEnvelope(root, type);
            if (TolerantJson.GetObject(root, "data") is { } data)
            {
                message.Transcription = Transcription.FromJson(data);
            }

            return message;
        }
    }
}
