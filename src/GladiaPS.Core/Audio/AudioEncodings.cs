using System;
using System.Collections.Generic;

namespace GladiaPS.Core.Audio
{
    /// <summary>Wire names of <see cref="AudioEncoding"/> and conversions both ways.</summary>
    public static class AudioEncodings
    {
        public const string WavPcm = "wav/pcm";
        public const string WavAlaw = "wav/alaw";
        public const string WavUlaw = "wav/ulaw";

        /// <summary>Every wire name, in declaration order.</summary>
        public static IReadOnlyList<string> All { get; } = new[] { WavPcm, WavAlaw, WavUlaw };

        /// <summary>The wire name, e.g. <c>wav/pcm</c>.</summary>
        public static string ToWireName(this AudioEncoding encoding) => encoding switch
        {
            AudioEncoding.Pcm => WavPcm,
            AudioEncoding.ALaw => WavAlaw,
            AudioEncoding.MuLaw => WavUlaw,
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "encoding: not a known audio encoding."),
        };

        /// <summary>Parses a wire name (<c>wav/pcm</c>) or an enum name (<c>WavPcm</c>), case-insensitively.</summary>
        public static bool TryParse(string? text, out AudioEncoding encoding)
        {
            switch (text?.Trim().ToLowerInvariant())
            {
                case WavPcm:
                case "wavpcm":
                case "pcm":
                    encoding = AudioEncoding.Pcm;
                    return true;
                case WavAlaw:
                case "wavalaw":
                case "alaw":
                    encoding = AudioEncoding.ALaw;
                    return true;
                case WavUlaw:
                case "wavulaw":
                case "ulaw":
                    encoding = AudioEncoding.MuLaw;
                    return true;
                default:
                    encoding = default;
                    return false;
            }
        }

        /// <summary>The bit depths the encoding allows (§3.1).</summary>
        public static IReadOnlyList<int> AllowedBitDepths(this AudioEncoding encoding) =>
            encoding == AudioEncoding.Pcm ? SessionAudioFormat.SupportedPcmBitDepths : new[] { 8 };
    }
}
