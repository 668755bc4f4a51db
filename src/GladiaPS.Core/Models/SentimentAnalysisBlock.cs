using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>
    /// The sentiment add-on of a result. The job schema types <c>results</c> as a string while the
    /// socket uses an array; both are read (§11 #14), and plain text stays in <see cref="ResultsText"/>.
    /// </summary>
    public sealed class SentimentAnalysisBlock : AddonBlock
    {
        public IReadOnlyList<SentimentResult> Results { get; internal set; } = Array.Empty<SentimentResult>();

        public string? ResultsText { get; internal set; }

        internal static SentimentAnalysisBlock FromJson(JsonElement element)
        {
            var results = SentimentResult.ReadResults(ResultsElement(element), out var text);
            var block = new SentimentAnalysisBlock { Results = results, ResultsText = text };
            block.ReadCommon(element);
            return block;
        }
    }
}
