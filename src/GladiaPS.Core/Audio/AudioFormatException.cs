using System;

namespace GladiaPS.Core.Audio
{
    /// <summary>
    /// An input that cannot be read or converted: the file (or stream name), a specific <see cref="Reason"/>, and
    /// a message that says what is wrong in terms a user can act on.
    /// </summary>
    [Serializable]
    public class AudioFormatException : Exception
    {
        public AudioFormatException(string? source, AudioFormatError reason, string detail, Exception? innerException = null)
            : base(Compose(source, detail), innerException)
        {
            SourceName = source;
            Reason = reason;
            Detail = detail;
        }

        /// <summary>The file path or stream name the error is about, or null when the input has no name.</summary>
        public string? SourceName { get; }

        public AudioFormatError Reason { get; }

        /// <summary>The message without the source name.</summary>
        public string Detail { get; }

        /// <summary>
        /// Everything the tool that failed (ffmpeg, ffprobe) wrote, when the message gives only its telling line; null otherwise.
        /// Shown on request (-Verbose), since a broken file can make ffmpeg write hundreds of lines.
        /// </summary>
        public string? ToolOutput { get; internal set; }

        /// <summary>The WAV format tag involved, for <see cref="AudioFormatError.UnsupportedCodec"/>.</summary>
        public int? FormatTag { get; internal set; }

        private static string Compose(string? source, string detail) =>
            string.IsNullOrEmpty(source) ? detail : $"'{source}': {detail}";
    }
}
