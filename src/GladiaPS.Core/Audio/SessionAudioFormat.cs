using System;
using System.Collections.Generic;
using System.Globalization;

namespace GladiaPS.Core.Audio
{
    /// <summary>
    /// A format a live session accepts (encoding, bit depth, sample rate and channels, as in the init request):
    /// <c>wav/pcm</c> at 8/16/24/32 bits, <c>wav/alaw</c> or <c>wav/ulaw</c> at 8 bits; 8000, 16000, 32000, 44100 or
    /// 48000 Hz; 1 to 8 interleaved channels. The constructor rejects anything else, so an instance is always valid.
    /// </summary>
    public sealed class SessionAudioFormat : IEquatable<SessionAudioFormat>
    {
        /// <summary>The lowest sample rate a session format can have.</summary>
        public const int MinSampleRate = 8000;

        /// <summary>The highest sample rate a session format can have.</summary>
        public const int MaxSampleRate = 192000;

        /// <summary>The sample rates the API lists, ascending: the ones a format is chosen from.</summary>
        public static IReadOnlyList<int> SupportedSampleRates { get; } = new[] { 8000, 16000, 32000, 44100, 48000 };

        /// <summary>The bit depths <c>wav/pcm</c> accepts.</summary>
        public static IReadOnlyList<int> SupportedPcmBitDepths { get; } = new[] { 8, 16, 24, 32 };

        public const int MaxChannels = 8;

        /// <summary>The API's default: 16-bit PCM, 16 kHz, mono.</summary>
        public static SessionAudioFormat Default { get; } = new(AudioEncoding.Pcm, 16, 16000, 1);

        public SessionAudioFormat(AudioEncoding encoding, int bitDepth, int sampleRate, int channels)
        {
            if (encoding is not (AudioEncoding.Pcm or AudioEncoding.ALaw or AudioEncoding.MuLaw))
            {
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "The encoding must be Pcm, ALaw or MuLaw.");
            }

            if (encoding == AudioEncoding.Pcm ? bitDepth is not (8 or 16 or 24 or 32) : bitDepth != 8)
            {
                throw new ArgumentOutOfRangeException(nameof(bitDepth), bitDepth, encoding == AudioEncoding.Pcm
                    ? "wav/pcm takes a bit depth of 8, 16, 24 or 32."
                    : $"{encoding.ToWireName()} takes a bit depth of 8 only.");
            }

            // Rates other than the listed ones are resampled to like any other; the server says whether it takes them.
            if (sampleRate < MinSampleRate || sampleRate > MaxSampleRate)
            {
                throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate,
                    "The sample rate must be from " + MinSampleRate + " to " + MaxSampleRate + " Hz (the API lists 8000, 16000, 32000, 44100 and 48000).");
            }

            if (channels < 1 || channels > MaxChannels)
            {
                throw new ArgumentOutOfRangeException(nameof(channels), channels, "A session takes 1 to 8 channels.");
            }

            Encoding = encoding;
            BitDepth = bitDepth;
            SampleRate = sampleRate;
            Channels = channels;
        }

        public AudioEncoding Encoding { get; }

        public int BitDepth { get; }

        public int SampleRate { get; }

        public int Channels { get; }

        /// <summary>The init request's <c>encoding</c> value: <c>wav/pcm</c>, <c>wav/alaw</c> or <c>wav/ulaw</c>.</summary>
        public string WireEncoding => Encoding.ToWireName();

        public int BytesPerSample => BitDepth / 8;

        /// <summary>Bytes of one sample frame (one sample of every channel).</summary>
        public int BlockAlign => BytesPerSample * Channels;

        /// <summary>Bytes per second of audio: sample_rate × bytes per sample × channels.</summary>
        public int ByteRate => BlockAlign * SampleRate;

        public static bool IsSupportedSampleRate(int sampleRate)
        {
            foreach (var rate in SupportedSampleRates)
            {
                if (rate == sampleRate)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The same encoding and bit depth with another channel count.</summary>
        public SessionAudioFormat WithChannels(int channels) => new(Encoding, BitDepth, SampleRate, channels);

        public bool Equals(SessionAudioFormat? other) =>
            other is not null && other.Encoding == Encoding && other.BitDepth == BitDepth &&
            other.SampleRate == SampleRate && other.Channels == Channels;

        public override bool Equals(object? obj) => Equals(obj as SessionAudioFormat);

        public override int GetHashCode() => (((int)Encoding * 397 ^ BitDepth) * 397 ^ SampleRate) * 397 ^ Channels;

        public override string ToString() => string.Format(CultureInfo.InvariantCulture,
            "{0}, {1}-bit, {2} Hz, {3} channel{4}", WireEncoding, BitDepth, SampleRate, Channels, Channels == 1 ? "" : "s");
    }
}
