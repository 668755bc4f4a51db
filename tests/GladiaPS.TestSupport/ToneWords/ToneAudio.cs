using System;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>One-call synthesis: phrases in, encoded audio out.</summary>
    public static class ToneAudio
    {
        /// <summary>Synthesises one phrase per channel at the format's rate and encodes it.</summary>
        /// <exception cref="ArgumentException">The number of phrases differs from <c>format.Channels</c>, or a word is unknown.</exception>
        public static ToneClip Generate(ToneAudioFormat format, params string[] channelPhrases) =>
            Generate(format, ToneSignalLayout.Default, channelPhrases);

        /// <summary>As <see cref="Generate(ToneAudioFormat, string[])"/> with a custom layout.</summary>
        public static ToneClip Generate(ToneAudioFormat format, ToneSignalLayout layout, params string[] channelPhrases)
        {
            if (format is null)
            {
                throw new ArgumentNullException(nameof(format));
            }

            format.Validate();
            if (channelPhrases is null || channelPhrases.Length != format.Channels)
            {
                throw new ArgumentException(
                    $"Give one phrase per channel: the format has {format.Channels} channel(s), {channelPhrases?.Length ?? 0} phrase(s) were given.",
                    nameof(channelPhrases));
            }

            ToneSignal signal = ToneSignalWriter.Synthesize(channelPhrases, format.SampleRate, layout);
            return new ToneClip(signal, format, ToneSignalWriter.Encode(signal, format));
        }

        /// <summary>Raw interleaved bytes for one phrase per channel.</summary>
        public static byte[] Raw(ToneAudioFormat format, params string[] channelPhrases) => Generate(format, channelPhrases).Raw;

        /// <summary>A WAV file for one phrase per channel.</summary>
        public static byte[] Wav(ToneAudioFormat format, params string[] channelPhrases) => Generate(format, channelPhrases).ToWav();
    }
}
