namespace GladiaPS.Core.Audio
{
    /// <summary>How the samples of an input are stored: what a reader has to decode.</summary>
    public enum SampleEncoding
    {
        /// <summary>Linear PCM integers, little-endian; 8-bit is unsigned, wider samples are signed.</summary>
        Pcm,

        /// <summary>IEEE 754 floating point, 32 or 64 bits, little-endian, full scale = ±1.0.</summary>
        Float,

        /// <summary>ITU-T G.711 A-law, 8 bits.</summary>
        ALaw,

        /// <summary>ITU-T G.711 mu-law, 8 bits.</summary>
        MuLaw,
    }
}
