using System;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>Sample encodings the live API accepts (wav/pcm, wav/alaw, wav/ulaw).</summary>
    public enum ToneEncoding
    {
        Pcm,
        ALaw,
        MuLaw,
    }

    /// <summary>
    /// The layout of a raw audio stream: encoding, bits per sample, rate and interleaved channels.
    /// PCM is little-endian; 8-bit PCM is unsigned (silence = 128), 16/24/32-bit PCM is signed.
    /// </summary>
    public sealed record ToneAudioFormat(ToneEncoding Encoding, int BitDepth, int SampleRate, int Channels)
    {
        public int BytesPerSample => BitDepth / 8;

        public int BlockAlign => BytesPerSample * Channels;

        public int ByteRate => BlockAlign * SampleRate;

        /// <summary>The API's encoding string: wav/pcm, wav/alaw or wav/ulaw.</summary>
        public string WireEncoding => Encoding switch
        {
            ToneEncoding.Pcm => "wav/pcm",
            ToneEncoding.ALaw => "wav/alaw",
            ToneEncoding.MuLaw => "wav/ulaw",
            _ => throw new ArgumentOutOfRangeException(nameof(Encoding)),
        };

        public static ToneAudioFormat Pcm16(int sampleRate = 16000, int channels = 1) =>
            new(ToneEncoding.Pcm, 16, sampleRate, channels);
    }
}
