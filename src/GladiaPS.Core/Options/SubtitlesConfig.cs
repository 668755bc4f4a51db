using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary><c>subtitles_config</c> of a pre-recorded job: the subtitle files the server writes.</summary>
    public sealed class SubtitlesConfig
    {
        /// <summary>Fields of this object without a typed property, sent as they are (options the API adds later).</summary>
        [JsonIgnore]
        public JsonObject? AdditionalFields { get; set; }

        /// <summary><c>srt</c> and/or <c>vtt</c>.</summary>
        [JsonPropertyName("formats")]
        public IList<string>? Formats { get; set; }

        /// <summary>Shortest cue, in seconds.</summary>
        [JsonPropertyName("minimum_duration")]
        public double? MinimumDuration { get; set; }

        /// <summary>Longest cue, in seconds.</summary>
        [JsonPropertyName("maximum_duration")]
        public double? MaximumDuration { get; set; }

        [JsonPropertyName("maximum_characters_per_row")]
        public int? MaximumCharactersPerRow { get; set; }

        [JsonPropertyName("maximum_rows_per_caption")]
        public int? MaximumRowsPerCaption { get; set; }

        /// <summary><c>default</c> or <c>compliance</c>.</summary>
        [JsonPropertyName("style")]
        public string? Style { get; set; }
    }
}
