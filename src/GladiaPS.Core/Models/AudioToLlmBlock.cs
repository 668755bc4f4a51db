using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>The <c>audio_to_llm</c> block of a pre-recorded result: an answer per prompt.</summary>
    public sealed class AudioToLlmBlock : AddonBlock
    {
        public IReadOnlyList<AudioToLlmAnswer> Answers { get; internal set; } = Array.Empty<AudioToLlmAnswer>();

        internal static AudioToLlmBlock FromJson(JsonElement element)
        {
            var block = new AudioToLlmBlock { Answers = TolerantJson.GetObjectList(element, "results", AudioToLlmAnswer.FromJson) };
            block.ReadCommon(element);
            return block;
        }
    }
}
