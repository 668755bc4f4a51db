using System;

namespace GladiaPS.Core.Audio.Dsp
{
    /// <summary>
    /// Down-mix gains for surround input whose WAVE_FORMAT_EXTENSIBLE speaker mask says which channel is which:
    /// the ITU-R BS.775 stereo fold-down (centre and surrounds at −3 dB into both or their own side, the LFE
    /// channel left out), each output row scaled so full scale in every channel stays in range. Without it, the
    /// default map would keep the first channels only and lose the centre, where film and broadcast mixes put
    /// the dialogue.
    /// </summary>
    internal static class SpeakerDownmix
    {
        private const float Minus3dB = 0.70710677f;

        // Left and right weight of each speaker bit, in the mask's bit order (SPEAKER_FRONT_LEFT = bit 0 …).
        private static readonly (float Left, float Right)[] Speakers =
        {
            (1, 0),                  // front left
            (0, 1),                  // front right
            (Minus3dB, Minus3dB),    // front centre
            (0, 0),                  // low frequency (effects, no speech)
            (Minus3dB, 0),           // back left
            (0, Minus3dB),           // back right
            (1, 0),                  // front left of centre
            (0, 1),                  // front right of centre
            (0.5f, 0.5f),            // back centre
            (Minus3dB, 0),           // side left
            (0, Minus3dB),           // side right
            (0.5f, 0.5f),            // top centre
            (Minus3dB, 0),           // top front left
            (0.5f, 0.5f),            // top front centre
            (0, Minus3dB),           // top front right
            (0.5f, 0),               // top back left
            (0.35355338f, 0.35355338f), // top back centre
            (0, 0.5f),               // top back right
        };

        /// <summary>
        /// The fold-down of <paramref name="input"/> to <paramref name="outputChannels"/> (1 or 2) by its speaker
        /// mask, or null when the mask does not apply: no mask, two channels or fewer in, more than two out, or only the
        /// LFE channel among the known speakers.
        /// </summary>
        public static ChannelMap? For(AudioFormat input, int outputChannels)
        {
            if (input.ChannelMask == 0 || input.Channels <= 2 || outputChannels > 2)
            {
                return null;
            }

            // Channels take the mask's set bits in ascending order; channels beyond them have no known speaker.
            var left = new float[input.Channels];
            var right = new float[input.Channels];
            var channel = 0;
            for (var bit = 0; bit < 32 && channel < input.Channels; bit++)
            {
                if ((input.ChannelMask & (1u << bit)) == 0)
                {
                    continue;
                }

                if (bit < Speakers.Length)
                {
                    (left[channel], right[channel]) = Speakers[bit];
                }

                channel++;
            }

            if (Sum(left) + Sum(right) == 0)
            {
                return null;
            }

            if (outputChannels == 1)
            {
                var mono = new float[input.Channels];
                for (var i = 0; i < mono.Length; i++)
                {
                    mono[i] = left[i] + right[i];
                }

                return new ChannelMap(input.Channels, 1, Normalized(mono));
            }

            var gains = new float[input.Channels * 2];
            Normalized(left).CopyTo(gains, 0);
            Normalized(right).CopyTo(gains, input.Channels);
            return new ChannelMap(input.Channels, 2, gains);
        }

        private static float Sum(float[] row)
        {
            var sum = 0f;
            foreach (var gain in row)
            {
                sum += gain;
            }

            return sum;
        }

        private static float[] Normalized(float[] row)
        {
            var sum = Sum(row);
            var result = new float[row.Length];
            for (var i = 0; i < row.Length; i++)
            {
                result[i] = row[i] / Math.Max(1f, sum);
            }

            return result;
        }
    }
}
