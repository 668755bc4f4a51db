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
        /// <summary>Lowest sample rate accepted: the highest tone (2825 Hz) must stay under Nyquist.</summary>
        public const int MinimumSampleRate = 6000;

        /// <summary>Highest sample rate accepted.</summary>
        public const int MaximumSampleRate = 192000;

        /// <summary>Most interleaved channels accepted.</summary>
        public const int MaximumChannels = 64;

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

        /// <summary>Linear PCM at 8 (unsigned), 16, 24 or 32 (signed) bits.</summary>
        public static ToneAudioFormat Pcm(int bitDepth, int sampleRate = 16000, int channels = 1) =>
            new(ToneEncoding.Pcm, bitDepth, sampleRate, channels);

        /// <summary>G.711 A-law, 8 bits.</summary>
        public static ToneAudioFormat ALaw(int sampleRate = 8000, int channels = 1) =>
            new(ToneEncoding.ALaw, 8, sampleRate, channels);

        /// <summary>G.711 mu-law, 8 bits.</summary>
        public static ToneAudioFormat MuLaw(int sampleRate = 8000, int channels = 1) =>
            new(ToneEncoding.MuLaw, 8, sampleRate, channels);

        /// <summary>The format named by the API's init fields (encoding "wav/pcm", "wav/alaw" or "wav/ulaw").</summary>
        /// <exception cref="ArgumentException">The encoding is unknown or the combination is invalid.</exception>
        public static ToneAudioFormat FromWire(string encoding, int bitDepth, int sampleRate, int channels)
        {
            ToneEncoding parsed = encoding switch
            {
                "wav/pcm" => ToneEncoding.Pcm,
                "wav/alaw" => ToneEncoding.ALaw,
                "wav/ulaw" => ToneEncoding.MuLaw,
                _ => throw new ArgumentException(
                    $"Encoding '{encoding}' is not one of wav/pcm, wav/alaw, wav/ulaw.", nameof(encoding)),
            };
            var format = new ToneAudioFormat(parsed, bitDepth, sampleRate, channels);
            format.Validate();
            return format;
        }

        /// <summary>Whether the combination is usable; <paramref name="problem"/> says why not.</summary>
        public bool IsValid(out string? problem)
        {
            problem = null;
            if (!Enum.IsDefined(typeof(ToneEncoding), Encoding))
            {
                problem = $"Encoding {(int)Encoding} is not a known encoding.";
            }
            else if (Encoding == ToneEncoding.Pcm && BitDepth is not (8 or 16 or 24 or 32))
            {
                problem = $"Bit depth {BitDepth} is not valid for PCM: use 8, 16, 24 or 32.";
            }
            else if (Encoding != ToneEncoding.Pcm && BitDepth != 8)
            {
                problem = $"Bit depth {BitDepth} is not valid for {WireEncoding}: G.711 is 8 bits.";
            }
            else if (SampleRate < MinimumSampleRate || SampleRate > MaximumSampleRate)
            {
                problem = $"Sample rate {SampleRate} Hz is outside {MinimumSampleRate} to {MaximumSampleRate} Hz.";
            }
            else if (Channels < 1 || Channels > MaximumChannels)
            {
                problem = $"Channel count {Channels} is outside 1 to {MaximumChannels}.";
            }

            return problem is null;
        }

        /// <summary>Throws when the combination is unusable.</summary>
        /// <exception cref="ArgumentException">Names the field and the problem.</exception>
        public void Validate()
        {
            if (!IsValid(out string? problem))
            {
                throw new ArgumentException($"Invalid audio format ({Describe()}): {problem}", "format");
            }
        }

        /// <summary>A short description such as "wav/pcm 16-bit 16000 Hz 2 ch".</summary>
        public string Describe()
        {
            string encoding = Enum.IsDefined(typeof(ToneEncoding), Encoding) ? WireEncoding : $"encoding {(int)Encoding}";
            return $"{encoding} {BitDepth}-bit {SampleRate} Hz {Channels} ch";
        }
    }
}
