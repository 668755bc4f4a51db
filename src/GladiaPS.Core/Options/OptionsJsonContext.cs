using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary>Source-generated serialisation of the init body: property names from [JsonPropertyName], nulls left out.</summary>
    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(LiveSessionOptions))]
    [JsonSerializable(typeof(PreRecordedOptions))]
    internal sealed partial class OptionsJsonContext : JsonSerializerContext
    {
    }
}
