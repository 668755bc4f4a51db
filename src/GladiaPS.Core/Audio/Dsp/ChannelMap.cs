using System;
using System.Collections.Generic;
using System.Globalization;

namespace GladiaPS.Core.Audio.Dsp
{
    /// <summary>
    /// How the channels of an input become the channels of an output: a matrix of gains where output channel o is
    /// the sum over input channels i of <c>Gain(o, i) × input[i]</c>. Factories cover the usual cases: down-mix to
    /// mono, selection and reordering, up-mix of mono, and the default mapping between any two counts.
    /// </summary>
    internal sealed class ChannelMap
    {
        private readonly float[] gains;

        public ChannelMap(int inputChannels, int outputChannels, float[] gains)
        {
            if (inputChannels < 1 || outputChannels < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(inputChannels), "Channel counts must be at least 1.");
            }

            if (gains is null || gains.Length != inputChannels * outputChannels)
            {
                throw new ArgumentException("There must be one gain per output channel per input channel.", nameof(gains));
            }

            InputChannels = inputChannels;
            OutputChannels = outputChannels;
            this.gains = (float[])gains.Clone();
        }

        public int InputChannels { get; }

        public int OutputChannels { get; }

        /// <summary>Whether the map passes every channel through unchanged.</summary>
        public bool IsIdentity
        {
            get
            {
                if (InputChannels != OutputChannels)
                {
                    return false;
                }

                for (var o = 0; o < OutputChannels; o++)
                {
                    for (var i = 0; i < InputChannels; i++)
                    {
                        if (Gain(o, i) != (o == i ? 1f : 0f))
                        {
                            return false;
                        }
                    }
                }

                return true;
            }
        }

        public float Gain(int output, int input) => gains[output * InputChannels + input];

        internal ReadOnlySpan<float> Row(int output) => new(gains, output * InputChannels, InputChannels);

        /// <summary>Every channel unchanged.</summary>
        public static ChannelMap Identity(int channels) => Select(channels, Range(channels));

        /// <summary>The average of all input channels (equal weights, so full-scale in every channel stays in range).</summary>
        public static ChannelMap DownmixToMono(int inputChannels)
        {
            var gains = new float[inputChannels];
            for (var i = 0; i < inputChannels; i++)
            {
                gains[i] = 1f / inputChannels;
            }

            return new ChannelMap(inputChannels, 1, gains);
        }

        /// <summary>Output channel k is input channel <c>channels[k]</c> (0-based): selection, reordering, duplication.</summary>
        public static ChannelMap Select(int inputChannels, IReadOnlyList<int> channels)
        {
            if (channels is null || channels.Count == 0)
            {
                throw new ArgumentException("Select at least one channel.", nameof(channels));
            }

            var gains = new float[inputChannels * channels.Count];
            for (var o = 0; o < channels.Count; o++)
            {
                var input = channels[o];
                if (input < 0 || input >= inputChannels)
                {
                    throw new ArgumentOutOfRangeException(nameof(channels), input, string.Format(CultureInfo.InvariantCulture,
                        "Channel {0} does not exist: the input has channels 0 to {1}.", input, inputChannels - 1));
                }

                gains[o * inputChannels + input] = 1f;
            }

            return new ChannelMap(inputChannels, channels.Count, gains);
        }

        /// <summary>The same mono signal on every output channel.</summary>
        public static ChannelMap UpmixMono(int outputChannels) => Select(1, new int[outputChannels]);

        /// <summary>
        /// The mapping used when only the counts are given: unchanged when equal; any input to one channel is
        /// the average; mono is copied to every channel; otherwise the first channels are kept in order and any
        /// extra output channels are silent (so channel k stays channel k: one speaker per channel keeps its index).
        /// It knows channels by position only; <see cref="Default(AudioFormat, int)"/> also reads the speaker mask.
        /// </summary>
        public static ChannelMap Default(int inputChannels, int outputChannels)
        {
            if (inputChannels == outputChannels)
            {
                return Identity(inputChannels);
            }

            if (outputChannels == 1)
            {
                return DownmixToMono(inputChannels);
            }

            if (inputChannels == 1)
            {
                return UpmixMono(outputChannels);
            }

            var gains = new float[inputChannels * outputChannels];
            for (var o = 0; o < Math.Min(inputChannels, outputChannels); o++)
            {
                gains[o * inputChannels + o] = 1f;
            }

            return new ChannelMap(inputChannels, outputChannels, gains);
        }

        /// <summary>
        /// The mapping used when only the target count is given for an input whose format is known: for surround
        /// input with a WAVE_FORMAT_EXTENSIBLE speaker mask going to mono or stereo, the ITU-R BS.775 fold-down
        /// (centre and surrounds at −3 dB, LFE left out, so the dialogue in the centre channel is kept); otherwise
        /// <see cref="Default(int, int)"/>, which knows channels by position only.
        /// </summary>
        public static ChannelMap Default(AudioFormat input, int outputChannels)
        {
            if (input is null)
            {
                throw new ArgumentNullException(nameof(input));
            }

            return SpeakerDownmix.For(input, outputChannels) ?? Default(input.Channels, outputChannels);
        }

        private static int[] Range(int count)
        {
            var result = new int[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = i;
            }

            return result;
        }
    }
}
