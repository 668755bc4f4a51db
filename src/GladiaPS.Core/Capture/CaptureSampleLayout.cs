using System;
using GladiaPS.Core.Audio;

namespace GladiaPS.Core.Capture
{
    /// <summary>How a capture callback's bytes hold samples (float or integer PCM, of a width), and their decoding to floats.</summary>
    internal sealed class CaptureSampleLayout
    {
        private CaptureSampleLayout(bool isFloat, int bitsPerSample, int channels)
        {
            IsFloat = isFloat;
            BitsPerSample = bitsPerSample;
            Channels = channels;
        }

        public bool IsFloat { get; }

        public int BitsPerSample { get; }

        public int Channels { get; }

        /// <exception cref="AudioCaptureException">A layout no device should produce.</exception>
        public static CaptureSampleLayout From(bool isFloat, int bitsPerSample, int channels)
        {
            var supported = isFloat ? bitsPerSample is 32 or 64 : bitsPerSample is 8 or 16 or 24 or 32;
            if (!supported || channels < 1 || channels > AudioFormat.MaxChannels)
            {
                throw new AudioCaptureException(null, "the device delivers " + (isFloat ? "float" : "PCM") + " " + bitsPerSample + "-bit audio in " + channels +
                    " channels, which GladiaPS cannot read.");
            }

            return new CaptureSampleLayout(isFloat, bitsPerSample, channels);
        }

        /// <summary>Decodes whole frames of <paramref name="bytes"/> into <paramref name="scratch"/> (grown as needed) and writes them to <paramref name="source"/>.</summary>
        public void Decode(ReadOnlySpan<byte> bytes, ref float[] scratch, PushAudioSource source)
        {
            var bytesPerSample = BitsPerSample / 8;
            var frameBytes = bytesPerSample * Channels;
            var samples = bytes.Length / frameBytes * Channels;
            if (scratch.Length < samples)
            {
                scratch = new float[samples];
            }

            for (var i = 0; i < samples; i++)
            {
                scratch[i] = DecodeSample(bytes.Slice(i * bytesPerSample, bytesPerSample));
            }

            source.Write(new ReadOnlySpan<float>(scratch, 0, samples));
        }

        private float DecodeSample(ReadOnlySpan<byte> b)
        {
            if (IsFloat)
            {
                return BitsPerSample == 32
                    ? BitConverter.ToSingle(new[] { b[0], b[1], b[2], b[3] }, 0)
                    : (float)BitConverter.ToDouble(b.ToArray(), 0);
            }

            return BitsPerSample switch
            {
                8 => (b[0] - 128) / 128f,
                16 => (short)(b[0] | b[1] << 8) / 32768f,
                24 => ((b[0] << 8 | b[1] << 16 | b[2] << 24) >> 8) / 8388608f,
                _ => (b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24) / 2147483648f,
            };
        }
    }
}
