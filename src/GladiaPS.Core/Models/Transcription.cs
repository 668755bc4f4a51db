using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>A whole transcript (§9.3): the data of <c>post_transcript</c> and the <c>transcription</c> of a result.</summary>
    public sealed class Transcription
    {
        public string FullTranscript { get; internal set; } = string.Empty;

        /// <summary>Detected languages, most frequent first.</summary>
        public IReadOnlyList<string> Languages { get; internal set; } = Array.Empty<string>();

        public IReadOnlyList<Utterance> Utterances { get; internal set; } = Array.Empty<Utterance>();

        /// <summary>The <c>sentences</c> blocks as raw JSON, when present (the live API normally leaves them out).</summary>
        public string? SentencesJson { get; internal set; }

        /// <summary>The <c>subtitles</c> entries as raw JSON, when present.</summary>
        public string? SubtitlesJson { get; internal set; }

        /// <summary>The subtitle files the server wrote (pre-recorded with <c>subtitles</c>).</summary>
        public IReadOnlyList<SubtitleFile> Subtitles { get; internal set; } = Array.Empty<SubtitleFile>();

        /// <summary>The sentences (pre-recorded with <c>sentences</c>).</summary>
        public IReadOnlyList<Sentence> Sentences { get; internal set; } = Array.Empty<Sentence>();

        public override string ToString() => FullTranscript;

        internal static Transcription FromJson(JsonElement element) => new Transcription
        {
            FullTranscript = TolerantJson.GetString(element, "full_transcript") ?? string.Empty,
            Languages = TolerantJson.GetStringList(element, "languages"),
            Utterances = TolerantJson.GetObjectList(element, "utterances", Utterance.FromJson),
            SentencesJson = TolerantJson.GetRawText(element, "sentences"),
            SubtitlesJson = TolerantJson.GetRawText(element, "subtitles"),
            Subtitles = TolerantJson.GetObjectList(element, "subtitles", SubtitleFile.FromJson),
            Sentences = TolerantJson.TryGetProperty(element, "sentences", out var sentences) ? Sentence.ReadAll(sentences) : Array.Empty<Sentence>(),
        };
    }
}
