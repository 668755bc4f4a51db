using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>A message whose <c>type</c> this client does not know; passed on with its raw JSON rather than dropped.</summary>
    public sealed class UnknownLiveMessage : LiveMessage
    {
        /// <summary>The <c>data</c> field as raw JSON, or null when absent.</summary>
        public string? DataJson { get; internal set; }

        internal override long HeldChars => Raw.Length + (DataJson?.Length ?? 0);

        internal static UnknownLiveMessage FromJson(JsonElement root, string type)
        {
            var message = new UnknownLiveMessage();
            message.ReadEnvelope(root, type);
            message.DataJson = TolerantJson.GetRawText(root, "data");
            return message;
        }
    }
}
