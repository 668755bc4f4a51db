using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>
    /// A real-time add-on's output for one utterance (§6.7): translation, named entities or sentiment.
    /// When the add-on failed, <see cref="LiveMessage.Error"/> is set and the payload is empty.
    /// </summary>
    public abstract class UtteranceAddonMessage : LiveMessage
    {
        /// <summary>The id of the transcript's utterance this refers to.</summary>
        public string? UtteranceId { get; internal set; }

        /// <summary>The source utterance, or null when the message carried none.</summary>
        public Utterance? Utterance { get; internal set; }

        internal JsonElement? ReadAddon(JsonElement root, string type)
        {
            ReadEnvelope(root, type);
            var data = TolerantJson.GetObject(root, "data");
            if (data is { } payload)
            {
                UtteranceId = TolerantJson.GetString(payload, "utterance_id") ?? TolerantJson.GetString(payload, "id");
                Utterance = TolerantJson.GetObject(payload, "utterance") is { } utterance ? Utterance.FromJson(utterance) : null;
            }

            return data;
        }
    }
}
