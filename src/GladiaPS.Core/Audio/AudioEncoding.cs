using System.Text.Json.Serialization;

namespace GladiaPS.Core.Audio
{
    /// <summary>The sample encodings a live session accepts: <c>wav/pcm</c>, <c>wav/alaw</c> and <c>wav/ulaw</c>.</summary>
    /// <remarks>The one encoding type of the library: the session format, the init options and the wire name (<c>AudioEncodings.ToWireName</c>) all use it.</remarks>
    [JsonConverter(typeof(AudioEncodingJsonConverter))]
    public enum AudioEncoding
    {
        /// <summary>Linear PCM, little-endian; 8-bit is unsigned (silence = 128), 16/24/32-bit are signed.</summary>
        Pcm,

        /// <summary>ITU-T G.711 A-law, 8 bits per sample.</summary>
        ALaw,

        /// <summary>ITU-T G.711 mu-law, 8 bits per sample.</summary>
        MuLaw,
    }
}
