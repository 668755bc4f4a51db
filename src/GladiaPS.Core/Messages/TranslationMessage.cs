using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>The live translation of one utterance (§6.7).</summary>
    public sealed class TranslationMessage : UtteranceAddonMessage
    {
        public string? OriginalLanguage { get; internal set; }

        /// <summary>The target code; any string, since translation codes include some (such as <c>wo</c>) that transcription lacks.</summary>
        public string? TargetLanguage { get; internal set; }

        public Utterance? TranslatedUtterance { get; internal set; }

        /// <summary>The translated text, trimmed.</summary>
        public string Text => TranslatedUtterance?.Text ?? string.Empty;

        public override string ToString() => "translation " + TargetLanguage + ": " + Text;

        internal static TranslationMessage FromJson(JsonElement root, string type)
        {
            var message = new TranslationMessage();
            if (message.ReadAddon(root, type) is { } data)
            {
                message.OriginalLanguage = TolerantJson.GetString(data, "original_language");
                message.TargetLanguage = TolerantJson.GetString(data, "target_language");
                message.TranslatedUtterance = TolerantJson.GetObject(data, "translated_utterance") is { } translated
                    ? Utterance.FromJson(translated)
                    : null;
            }

            return message;
        }
    }
}
