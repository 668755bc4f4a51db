using System;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>callback_config</c> of a pre-recorded job: where the server sends the finished result.</summary>
    public sealed class JobCallbackConfig
    {
        /// <summary>Fields of this object without a typed property, sent as they are (options the API adds later).</summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary>Absolute http or https URL.</summary>
        [JsonPropertyName("url")]
        public Uri? Url { get; set; }

        /// <summary><c>POST</c> (the server's default) or <c>PUT</c>.</summary>
        [JsonPropertyName("method")]
        public string? Method { get; set; }
    }
}
