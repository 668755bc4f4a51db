using System;
using System.Collections.Generic;
using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>
    /// The sentiment of one utterance (§6.7). <c>results</c> is read as an array, a single object or a
    /// string (§11 #14); plain text that is not JSON stays in <see cref="ResultsText"/>.
    /// </summary>
    public sealed class SentimentAnalysisMessage : UtteranceAddonMessage
    {
        public IReadOnlyList<SentimentResult> Results { get; internal set; } = Array.Empty<SentimentResult>();

        public string? ResultsText { get; internal set; }

        internal static SentimentAnalysisMessage FromJson(JsonElement root, string type)
        {
            var message = new SentimentAnalysisMessage();
            if (message.ReadAddon(root, type) is { } data)
            {
                var results = TolerantJson.TryGetProperty(data, "results", out var value) ? value : (JsonElement?)null;
                message.Results = SentimentResult.ReadResults(results, out var text);
                message.ResultsText = text;
            }

            return message;
        }
    }
}
