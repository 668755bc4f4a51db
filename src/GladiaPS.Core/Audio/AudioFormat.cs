using System;
using System.Globalization;

namespace GladiaPS.Core.Audio
{
    /// <summary>
    /// The format of an input as read: sample encoding, bits per sample, sample rate, interleaved channels and,
    /// for WAVE_FORMAT_EXTENSIBLE files, the speaker mask. Unlike <see cref="SessionAudioFormat"/> it describes
    /// anything a reader accepts (22050 Hz, 12 channels, 64-bit float…).
    /// </summary>
    public sealed class AudioFormat : IEquatable<AudioFormat>
    {
        /// <summary>The highest sample rate a reader accepts; anything above is taken as a corrupt header.</summary>
        public const int MaxSampleRate = 1_000_000;

        /// <summary>The lowest sample rate taken as speech audio to send (telephony is 8 kHz): a lower one is a wrong header.</summary>
        public const int MinSpeechSampleRate = 4000;

        /// <summary>The most channels a reader accepts; anything above is taken as a corrupt header.</summary>
        public const int MaxChannels = 64;

        public AudioFormat(SampleEncoding encoding, int bitsPerSample, int sampleRate, int channels, uint channelMask = 0)
        {
            if (sampleRate <= 0 || sampleRate > MaxSampleRate)
            {
                throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sample rate must be 1 to 1,000,000 Hz.");
            }

            if (channels <= 0 || channels > MaxChannels)
            {
                throw new ArgumentOutOfRangeException(nameof(channels), channels, "The channel count must be 1 to 64.");
            }

            if (!IsSupportedSampleSize(encoding, bitsPerSample))
            {
                throw new ArgumentOutOfRangeException(nameof(bitsPerSample), bitsPerSample,
                    $"{encoding} samples of {bitsPerSample} bits are not supported.");
            }

            Encoding = encoding;
            BitsPerSample = bitsPerSample;
            SampleRate = sampleRate;
            Channels = channels;
            ChannelMask = channelMask;
        }

        public SampleEncoding Encoding { get; }

        /// <summary>Bits of one sample as stored (the container size: 8, 16, 24, 32 or 64).</summary>
        public int BitsPerSample { get; }

        public int SampleRate { get; }

        public int Channels { get; }

        /// <summary>The WAVE_FORMAT_EXTENSIBLE speaker mask (SPEAKER_FRONT_LEFT = 0x1…), or 0 when unknown.</summary>
        public uint ChannelMask { get; }

        public int BytesPerSample => BitsPerSample / 8;

        /// <summary>Bytes of one sample frame (one sample of every channel).</summary>
        public int BlockAlign => BytesPerSample * Channels;

        public long ByteRate => (long)BlockAlign * SampleRate;

        /// <summary>Whether <paramref name="bitsPerSample"/> is a sample size the decoders handle for <paramref name="encoding"/>.</summary>
        public static bool IsSupportedSampleSize(SampleEncoding encoding, int bitsPerSample) => encoding switch
        {
            SampleEncoding.Pcm => bitsPerSample is 8 or 16 or 24 or 32,
            SampleEncoding.Float => bitsPerSample is 32 or 64,
            SampleEncoding.ALaw or SampleEncoding.MuLaw => bitsPerSample == 8,
            _ => false,
        };

        /// <summary>The input format of a stream already in a session's format.</summary>
        public static AudioFormat FromSession(SessionAudioFormat format)
        {
            if (format is null)
            {
                throw new ArgumentNullException(nameof(format));
            }

            var encoding = format.Encoding switch
            {
                AudioEncoding.ALaw => SampleEncoding.ALaw,
                AudioEncoding.MuLaw => SampleEncoding.MuLaw,
                _ => SampleEncoding.Pcm,
            };
            return new AudioFormat(encoding, format.BitDepth, format.SampleRate, format.Channels);
        }

        /// <summary>The same format with another rate and channel count, as produced by converters.</summary>
        public AudioFormat With(int sampleRate, int channels) =>
            new(Encoding, BitsPerSample, sampleRate, channels, channels == Channels ? ChannelMask : 0);

        public bool Equals(AudioFormat? other) =>
            other is not null && other.Encoding == Encoding && other.BitsPerSample == BitsPerSample &&
            other.SampleRate == SampleRate && other.Channels == Channels && other.ChannelMask == ChannelMask;

        public override bool Equals(object? obj) => Equals(obj as AudioFormat);

        public override int GetHashCode() =>
            ((((int)Encoding * 397 ^ BitsPerSample) * 397 ^ SampleRate) * 397 ^ Channels) * 397 ^ (int)ChannelMask;

        public override string ToString()
        {
            var name = Encoding switch
            {
                SampleEncoding.Pcm => BitsPerSample == 8 ? "8-bit unsigned PCM" : $"{BitsPerSample}-bit PCM",
                SampleEncoding.Float => $"{BitsPerSample}-bit float",
                SampleEncoding.ALaw => "A-law",
                _ => "mu-law",
            };
            var channels = Channels == 1 ? "mono" : Channels == 2 ? "stereo" : Channels.ToString(CultureInfo.InvariantCulture) + " channels";
            return string.Format(CultureInfo.InvariantCulture, "{0}, {1} Hz, {2}", name, SampleRate, channels);
        }
    }
}
