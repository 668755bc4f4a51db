using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>The summarization add-on of a result: the summary text.</summary>
    public sealed class SummarizationBlock : AddonBlock
    {
        public string? Results { get; internal set; }

        public override string ToString() => Results ?? string.Empty;

        internal static SummarizationBlock FromJson(JsonElement element)
        {
            var results = ResultsElement(element);
            var block = new SummarizationBlock
            {
                Results = results is { } value ? TolerantJson.AsString(value) ?? NonNullRaw(value) : null,
            };
            block.ReadCommon(element);
            return block;
        }

        private static string? NonNullRaw(JsonElement value) =>
            value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : value.GetRawText();
    }
}
