using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>The translation add-on of a result: one <see cref="TranslationResult"/> per target language.</summary>
    public sealed class TranslationBlock : AddonBlock
    {
        public IReadOnlyList<TranslationResult> Results { get; internal set; } = Array.Empty<TranslationResult>();

        internal static TranslationBlock FromJson(JsonElement element)
        {
            var block = new TranslationBlock { Results = TolerantJson.GetObjectList(element, "results", TranslationResult.FromJson) };
            block.ReadCommon(element);
            return block;
        }
    }
}
