using System;

namespace GladiaPS.Core.Audio.Containers
{
    /// <summary>
    /// Whether a file's first bytes are those of an audio or video container (MP3, MP4/M4A, FLAC, Ogg, Matroska/WebM, AIFF,
    /// AMR, ASF/WMA, AU, CAF, FLV…): so a file that is none of them (text named .wav) is called what it is,
    /// "not a WAV or audio file", rather than sent looking for a decoder it would not need.
    /// </summary>
    internal static class MediaSignature
    {
        /// <summary>True when <paramref name="start"/> (at least its first 12 bytes when the file has them) begins like media.</summary>
        public static bool LooksLikeMedia(ReadOnlySpan<byte> start)
        {
            if (start.Length < 4)
            {
                return false;
            }

            // MPEG audio (MP3, MP2) and ADTS AAC: a frame sync of 11 set bits.
            return (start[0] == 0xFF && (start[1] & 0xE0) == 0xE0) || LooksLikeContainer(start);
        }

        /// <summary>
        /// True when <paramref name="start"/> begins with a container's magic bytes: every signature of <see cref="LooksLikeMedia"/>
        /// but the bare MPEG frame sync. That sync (0xFF then three set bits) is also how raw 16-bit samples of -1 or about
        /// -4000 to -8000 begin, so a headerless stream, which has no name to go by, is only taken for a container on a real
        /// signature.
        /// </summary>
        public static bool LooksLikeContainer(ReadOnlySpan<byte> start)
        {
            if (start.Length < 4)
            {
                return false;
            }

            return Starts(start, "ID3") || Starts(start, "fLaC") || Starts(start, "OggS") || Starts(start, "RIFF") || Starts(start, "RF64") ||
                   Starts(start, "FORM") || Starts(start, "#!AMR") || Starts(start, ".snd") || Starts(start, "caff") || Starts(start, "FLV") ||
                   Starts(start, "wvpk") || Starts(start, "MAC ") || Starts(start, "BW64") ||
                   (start[0] == 0x1A && start[1] == 0x45 && start[2] == 0xDF && start[3] == 0xA3) ||   // Matroska, WebM
                   (start[0] == 0x30 && start[1] == 0x26 && start[2] == 0xB2 && start[3] == 0x75) ||   // ASF: WMA, WMV
                   (start.Length >= 8 && At(start, 4, "ftyp")) || (start.Length >= 8 && At(start, 4, "moov")) ||
                   (start.Length >= 8 && At(start, 4, "mdat")) || (start.Length >= 8 && At(start, 4, "wide"));
        }

        private static bool Starts(ReadOnlySpan<byte> data, string magic) => At(data, 0, magic);

        private static bool At(ReadOnlySpan<byte> data, int offset, string magic)
        {
            if (data.Length < offset + magic.Length)
            {
                return false;
            }

            for (var i = 0; i < magic.Length; i++)
            {
                if (data[offset + i] != magic[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
