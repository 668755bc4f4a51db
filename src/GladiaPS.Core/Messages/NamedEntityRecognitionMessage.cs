using System;
using System.Collections.Generic;
using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>Named entities found in one utterance (§6.7).</summary>
    public sealed class NamedEntityRecognitionMessage : UtteranceAddonMessage
    {
        public IReadOnlyList<NamedEntity> Results { get; internal set; } = Array.Empty<NamedEntity>();

        internal static NamedEntityRecognitionMessage FromJson(JsonElement root, string type)
        {
            var message = new NamedEntityRecognitionMessage();
            if (message.ReadAddon(root, type) is { } data)
            {
                message.Results = TolerantJson.GetObjectList(data, "results", NamedEntity.FromJson);
            }

            return message;
        }
    }
}
