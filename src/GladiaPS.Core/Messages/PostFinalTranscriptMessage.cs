using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>The session's result after all post-processing (§6.8): metadata plus the add-on blocks.</summary>
    public sealed class PostFinalTranscriptMessage : LiveMessage
    {
        public LiveResult Result { get; internal set; } = new LiveResult();

        public string Text => Result.FullTranscript;

        internal static PostFinalTranscriptMessage FromJson(JsonElement root, string type)
        {
            var message = new PostFinalTranscriptMessage();
            message.ReadEnvelope(root, type);
            if (TolerantJson.GetObject(root, "data") is { } data)
            {
                message.Result = LiveResult.FromJson(data);
            }

            return message;
        }
    }
}
