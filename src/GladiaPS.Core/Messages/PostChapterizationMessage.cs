using System;
using System.Collections.Generic;
using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>
    /// Chapters of the transcript (§6.9). Chapterization is deprecated and the docs show two shapes:
    /// <c>data.results[]</c> or <c>data.results.chapters[]</c> with <c>data.metadata</c>. Both are read; the raw JSON is kept.
    /// </summary>
    public sealed class PostChapterizationMessage : LiveMessage
    {
        public IReadOnlyList<Chapter> Chapters { get; internal set; } = Array.Empty<Chapter>();

        public LiveResultMetadata? Metadata { get; internal set; }

        internal static PostChapterizationMessage FromJson(JsonElement root, string type)
        {
            var message = new PostChapterizationMessage();
            message.ReadEnvelope(root, type);
            if (TolerantJson.GetObject(root, "data") is not { } data)
            {
                return message;
            }

            message.Metadata = TolerantJson.GetObject(data, "metadata") is { } metadata ? LiveResultMetadata.FromJson(metadata) : null;
            if (TolerantJson.GetArray(data, "results") is { } list)
            {
                message.Chapters = TolerantJson.ReadObjects(list, Chapter.FromJson);
            }
            else if (TolerantJson.GetObject(data, "results") is { } results)
            {
                message.Chapters = TolerantJson.GetObjectList(results, "chapters", Chapter.FromJson);
            }

            return message;
        }
    }
}
