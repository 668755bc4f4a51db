using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>pii_redaction_config</c> of a pre-recorded job: what to redact and how the redacted text reads.</summary>
    public sealed class PiiRedactionConfig
    {
        /// <summary>Fields of this object without a typed property, sent as they are (options the API adds later).</summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary>Entity types or presets to redact, e.g. <c>GDPR</c>, <c>PHONE_NUMBER</c> (see <see cref="GladiaKnownValues.PiiEntityTypes"/>).</summary>
        [JsonPropertyName("entity_types")]
        public IList<string>? EntityTypes { get; set; }

        /// <summary><c>MARKER</c> (e.g. <c>[PHONE_NUMBER]</c>) or <c>MASK</c> (e.g. <c>#####</c>).</summary>
        [JsonPropertyName("processed_text_type")]
        public string? ProcessedTextType { get; set; }
    }
}
