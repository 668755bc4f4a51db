using System.Text.Json.Serialization;

namespace GladiaPS.Core.Options
{
    /// <summary>The <c>encoding</c> of the audio stream (§3.1); serialised as <c>wav/pcm</c>, <c>wav/alaw</c>, <c>wav/ulaw</c>.</summary>
    [JsonConverter(typeof(AudioEncodingJsonConverter))]
    public enum AudioEncoding
    {
        /// <summary><c>wav/pcm</c>: linear PCM, 8, 16, 24 or 32 bits.</summary>
        WavPcm,

        /// <summary><c>wav/alaw</c>: A-law, 8 bits only.</summary>
        WavAlaw,

        /// <summary><c>wav/ulaw</c>: μ-law, 8 bits only.</summary>
        WavUlaw,
    }
}
