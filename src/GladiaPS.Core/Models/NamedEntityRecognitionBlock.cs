using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>The named-entity add-on of a result.</summary>
    public sealed class NamedEntityRecognitionBlock : AddonBlock
    {
        public IReadOnlyList<NamedEntity> Results { get; internal set; } = Array.Empty<NamedEntity>();

        internal static NamedEntityRecognitionBlock FromJson(JsonElement element)
        {
            var block = new NamedEntityRecognitionBlock
            {
                Results = TolerantJson.GetObjectList(element, "results", NamedEntity.FromJson),
            };
            block.ReadCommon(element);
            return block;
        }
    }
}
