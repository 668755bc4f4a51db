using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>The <c>file</c> of a pre-recorded job: the audio the job transcribed.</summary>
    public sealed class PreRecordedJobFile
    {
        public string? Id { get; internal set; }

        public string? Filename { get; internal set; }

        /// <summary>Where the audio came from (the URL given, or the upload).</summary>
        public string? Source { get; internal set; }

        public double? AudioDuration { get; internal set; }

        public int? NumberOfChannels { get; internal set; }

        /// <summary>The file's size in bytes, when the server gives it (<c>size</c>, as the upload's answer does).</summary>
        public long? Size { get; internal set; }

        public override string ToString() => Filename ?? Id ?? string.Empty;

        internal static PreRecordedJobFile FromJson(JsonElement element) => new PreRecordedJobFile
        {
            Id = TolerantJson.GetString(element, "id"),
            Filename = TolerantJson.GetString(element, "filename"),
            Source = TolerantJson.GetString(element, "source"),
            AudioDuration = TolerantJson.GetDouble(element, "audio_duration"),
            NumberOfChannels = TolerantJson.GetInt32(element, "number_of_channels"),
            Size = TolerantJson.GetInt64(element, "size"),
        };
    }
}
