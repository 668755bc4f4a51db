using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>One subtitle file the server wrote for a pre-recorded job (<c>transcription.subtitles[]</c>).</summary>
    public sealed class SubtitleFile
    {
        /// <summary><c>srt</c> or <c>vtt</c>, as the server named it.</summary>
        public string Format { get; internal set; } = string.Empty;

        /// <summary>The whole file's text.</summary>
        public string Text { get; internal set; } = string.Empty;

        public override string ToString() => Format;

        internal static SubtitleFile FromJson(JsonElement element) => new SubtitleFile
        {
            Format = TolerantJson.GetString(element, "format") ?? string.Empty,
            Text = TolerantJson.GetString(element, "subtitles") ?? string.Empty,
        };
    }
}
