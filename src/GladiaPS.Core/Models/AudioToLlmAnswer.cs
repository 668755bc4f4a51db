using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>One prompt of <c>audio_to_llm</c> and the model's answer.</summary>
    public sealed class AudioToLlmAnswer
    {
        public string? Prompt { get; internal set; }

        public string? Response { get; internal set; }

        public bool? Success { get; internal set; }

        public AddonError? Error { get; internal set; }

        public override string ToString() => Response ?? string.Empty;

        /// <summary>Reads an entry of <c>audio_to_llm.results</c>: a block whose <c>results</c> holds the prompt and response, or the pair itself.</summary>
        internal static AudioToLlmAnswer FromJson(JsonElement element)
        {
            var pair = TolerantJson.GetObject(element, "results") ?? element;
            return new AudioToLlmAnswer
            {
                Prompt = TolerantJson.GetString(pair, "prompt"),
                Response = TolerantJson.GetString(pair, "response"),
                Success = TolerantJson.GetBoolean(element, "success"),
                Error = AddonError.FromProperty(element, "error"),
            };
        }
    }
}
