using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>The whole transcript in one target language (§9.3, TranslationResult).</summary>
    public sealed class TranslationResult
    {
        public AddonError? Error { get; internal set; }

        public string FullTranscript { get; internal set; } = string.Empty;

        public IReadOnlyList<string> Languages { get; internal set; } = Array.Empty<string>();

        public IReadOnlyList<Utterance> Utterances { get; internal set; } = Array.Empty<Utterance>();

        /// <summary>The target language and the translated transcript, "fr: …".</summary>
        public override string ToString() => Languages.Count == 0 ? FullTranscript : Languages + ": " + FullTranscript;

        internal static TranslationResult FromJson(JsonElement element) => new TranslationResult
        {
            Error = AddonError.FromProperty(element, "error"),
            FullTranscript = TolerantJson.GetString(element, "full_transcript") ?? string.Empty,
            Languages = TolerantJson.GetStringList(element, "languages"),
            Utterances = TolerantJson.GetObjectList(element, "utterances", Utterance.FromJson),
        };
    }
}
