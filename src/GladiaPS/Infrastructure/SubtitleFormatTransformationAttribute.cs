using System;
using System.Management.Automation;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// Lets -Format take the file extensions too (srt, vtt, in any case), as Invoke-GladiaTranscription -SubtitleFormat
    /// and Gladia's subtitles_config.formats do, besides the names Srt and WebVtt that completion offers.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SubtitleFormatTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is string text && TryParse(text, out var format) ? format : value;
        }

        /// <summary>srt or vtt (the extensions), Srt or WebVtt (the names), in any case, with surrounding blanks.</summary>
        internal static bool TryParse(string? text, out SubtitleFormat format)
        {
            switch (text?.Trim().ToUpperInvariant())
            {
                case "SRT":
                    format = SubtitleFormat.Srt;
                    return true;
                case "VTT":
                case "WEBVTT":
                    format = SubtitleFormat.WebVtt;
                    return true;
                default:
                    format = default;
                    return false;
            }
        }
    }
}
