using System;
using System.Collections.Generic;
using System.Text.Json;
using GladiaPS.Core.Messages;

namespace GladiaPS.Core.Models
{
    /// <summary>The chapterization add-on of a result: its chapters, from <c>results</c> as a list or as <c>results.chapters</c> (§6.9).</summary>
    public sealed class ChapterizationBlock : AddonBlock
    {
        public IReadOnlyList<Chapter> Chapters { get; internal set; } = Array.Empty<Chapter>();

        internal static ChapterizationBlock FromJson(JsonElement element)
        {
            var block = new ChapterizationBlock();
            if (TolerantJson.GetArray(element, "results") is { } list)
            {
                block.Chapters = TolerantJson.ReadObjects(list, Chapter.FromJson);
            }
            else if (TolerantJson.GetObject(element, "results") is { } results)
            {
                block.Chapters = TolerantJson.GetObjectList(results, "chapters", Chapter.FromJson);
            }

            block.ReadCommon(element);
            return block;
        }
    }
}
