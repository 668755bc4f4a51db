using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>A named entity found in an utterance (§6.7, §9.2).</summary>
    public sealed class NamedEntity
    {
        public string EntityType { get; internal set; } = string.Empty;

        public string Text { get; internal set; } = string.Empty;

        public double? Start { get; internal set; }

        public double? End { get; internal set; }

        public override string ToString() => EntityType + ": " + Text;

        internal static NamedEntity FromJson(JsonElement element) => new NamedEntity
        {
            EntityType = TolerantJson.GetString(element, "entity_type") ?? string.Empty,
            Text = TolerantJson.GetString(element, "text") ?? string.Empty,
            Start = TolerantJson.GetSeconds(element, "start"),
            End = TolerantJson.GetSeconds(element, "end"),
        };
    }
}
