using System;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>callback_config</c> (§3.6): the URL that receives a POST per selected message, plus the nine message flags.</summary>
    public sealed class CallbackConfig : MessagesConfig
    {
        /// <summary>Absolute http or https URL.</summary>
        [JsonPropertyName("url")]
        public Uri? Url { get; set; }
    }
}
