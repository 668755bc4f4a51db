namespace GladiaPS.Core.Audio
{
    /// <summary>Why an input cannot be read; <see cref="AudioFormatException.Reason"/>.</summary>
    public enum AudioFormatError
    {
        /// <summary>The input does not start with a RIFF/RF64/BW64 WAVE header.</summary>
        NotWav,

        /// <summary>The samples use a codec this reader does not decode (ADPCM, MP3-in-WAV, GSM…).</summary>
        UnsupportedCodec,

        /// <summary>No <c>fmt </c> chunk before the end of the file.</summary>
        MissingFormatChunk,

        /// <summary>No <c>data</c> chunk before the end of the file.</summary>
        MissingDataChunk,

        /// <summary>A header value is impossible (0 channels, a zero sample rate, a block align that does not
        /// match the channels and bit depth, a chunk shorter than its fields…).</summary>
        InvalidHeader,

        /// <summary>The input has more channels than the target allows and no down-mix was asked for.</summary>
        TooManyChannels,

        /// <summary>The input needs ffmpeg to be decoded and ffmpeg cannot be found.</summary>
        DecoderNotFound,

        /// <summary>ffmpeg ran and failed (exit code and its message in the exception's text).</summary>
        DecoderFailed,

        /// <summary>The input opened but yielded no audio at all (an empty stream, a WAV with no samples).</summary>
        NoAudio,

        /// <summary>The input is not audio or video at all: text, a document, an image, an archive or a program.</summary>
        NotMedia,
    }
}
