using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>A named entity found in an utterance (§6.7, §9.2).</summary>
    public sealed class NamedEntity
    {
        public string EntityType { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;

        public double? Start { get; set; }

        public double? End { get; set; }

        public override string ToString() => EntityType + ": " + Text;

        internal static NamedEntity FromJson(JsonElement element) => new NamedEntity
        {
            EntityType = TolerantJson.GetString(element, "entity_type") ?? string.Empty,
            Text = TolerantJson.GetString(element, "text") ?? string.Empty,
            Start = TolerantJson.GetDouble(element, "start"),
            End = TolerantJson.GetDouble(element, "end"),
        };
    }
}
