using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>The summary of the whole transcript (§6.8); null when summarization failed.</summary>
    public sealed class PostSummarizationMessage : LiveMessage
    {
        public string? Summary { get; internal set; }

        public override string ToString() => "post_summarization " + Summary;

        internal static PostSummarizationMessage FromJson(JsonElement root, string type)
        {
            var message = new PostSummarizationMessage();
            message.ReadEnvelope(root, type);
            if (TolerantJson.GetObject(root, "data") is { } data && TolerantJson.TryGetProperty(data, "results", out var results))
            {
                message.Summary = TolerantJson.AsString(results) ??
                    (results.ValueKind is JsonValueKind.Null ? null : results.GetRawText());
            }

            return message;
        }
    }
}
