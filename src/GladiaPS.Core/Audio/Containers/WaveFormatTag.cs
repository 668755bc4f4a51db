using System.Globalization;

namespace GladiaPS.Core.Audio.Containers
{
    /// <summary>WAV <c>wFormatTag</c> values this reader decodes, and names for the common ones it does not.</summary>
    internal static class WaveFormatTag
    {
        public const int Pcm = 0x0001;
        public const int IeeeFloat = 0x0003;
        public const int ALaw = 0x0006;
        public const int MuLaw = 0x0007;
        public const int Extensible = 0xFFFE;

        /// <summary>A readable name for a format tag, as used in error messages ("MPEG Layer 3 (0x0055)").</summary>
        public static string Describe(int tag)
        {
            var name = tag switch
            {
                0x0000 => "unknown codec",
                0x0001 => "PCM",
                0x0002 => "Microsoft ADPCM",
                0x0003 => "IEEE float",
                0x0006 => "A-law",
                0x0007 => "mu-law",
                0x0010 => "OKI ADPCM",
                0x0011 => "IMA ADPCM",
                0x0014 => "G.723 ADPCM",
                0x0016 => "G.723 ADPCM (Yamaha)",
                0x0020 => "Yamaha ADPCM",
                0x0022 => "DSP Group TrueSpeech",
                0x0031 => "GSM 6.10",
                0x0040 => "G.721 ADPCM",
                0x0042 => "G.723.1",
                0x0045 => "G.726 ADPCM",
                0x0050 => "MPEG Layer 1/2",
                0x0055 => "MPEG Layer 3 (MP3)",
                0x0064 => "G.726 ADPCM (APICOM)",
                0x0065 => "G.722 ADPCM",
                0x0092 => "Dolby AC-3 (S/PDIF)",
                0x00FF => "AAC",
                0x0160 => "Windows Media Audio v1",
                0x0161 => "Windows Media Audio",
                0x0162 => "Windows Media Audio Pro",
                0x0163 => "Windows Media Audio Lossless",
                0x0200 => "Creative ADPCM",
                0x1610 => "MPEG-4 AAC (ADTS)",
                0x2000 => "Dolby AC-3",
                0x2001 => "DTS",
                0x6750 => "Ogg Vorbis",
                0xF1AC => "FLAC",
                0xFFFE => "WAVE_FORMAT_EXTENSIBLE",
                _ => "unrecognised codec",
            };
            return string.Format(CultureInfo.InvariantCulture, "{0} (format tag 0x{1:X4})", name, tag);
        }
    }
}
