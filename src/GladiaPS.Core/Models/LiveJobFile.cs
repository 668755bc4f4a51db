using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>The audio file recorded for a live job (§9.1).</summary>
    public sealed class LiveJobFile
    {
        public string? Id { get; internal set; }

        public string? Filename { get; internal set; }

        public string? Source { get; internal set; }

        /// <summary>Seconds; one schema writes it as an integer, so any number is read (§11 #13).</summary>
        public double? AudioDuration { get; internal set; }

        public int? NumberOfChannels { get; internal set; }

        internal static LiveJobFile FromJson(JsonElement element) => new LiveJobFile
        {
            Id = TolerantJson.GetString(element, "id"),
            Filename = TolerantJson.GetString(element, "filename"),
            Source = TolerantJson.GetString(element, "source"),
            AudioDuration = TolerantJson.GetDouble(element, "audio_duration"),
            NumberOfChannels = TolerantJson.GetInt32(element, "number_of_channels"),
        };
    }
}
