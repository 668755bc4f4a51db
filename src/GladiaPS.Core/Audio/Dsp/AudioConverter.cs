using System;

namespace GladiaPS.Core.Audio.Dsp
{
    /// <summary>
    /// Builds the conversion chain from a source to a session's rate and channels: a channel mix and a resampler,
    /// each only when needed. Channels are reduced before resampling and multiplied after it, so the resampler
    /// always filters the fewest channels. The result still yields floats; an <see cref="AudioChunker"/> encodes
    /// them to the session's bytes.
    /// </summary>
    internal static class AudioConverter
    {
        /// <summary>A source at <paramref name="target"/>'s sample rate and channel count.</summary>
        /// <param name="source">The input; the returned source owns and disposes it.</param>
        /// <param name="target">The session format to reach.</param>
        /// <param name="channelMap">How input channels become output channels; when null,
        /// <see cref="ChannelMap.Default(AudioFormat, int)"/> (which folds surround down by its speaker mask).</param>
        public static IAudioSource ToSessionLayout(IAudioSource source, SessionAudioFormat target, ChannelMap? channelMap = null)
        {
            if (source is null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            if (target is null)
            {
                throw new ArgumentNullException(nameof(target));
            }

            return ToLayout(source, target.SampleRate, target.Channels, channelMap);
        }

        /// <summary>A source at any rate and channel count (for example one mono track of a multi-track stream).</summary>
        public static IAudioSource ToLayout(IAudioSource source, int sampleRate, int channels, ChannelMap? channelMap = null)
        {
            if (source is null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            var map = channelMap ?? ChannelMap.Default(source.Format, channels);
            if (map.InputChannels != source.Format.Channels || map.OutputChannels != channels)
            {
                throw new ArgumentException(
                    $"The channel map goes from {map.InputChannels} to {map.OutputChannels} channels; " +
                    $"this conversion goes from {source.Format.Channels} to {channels}.", nameof(channelMap));
            }

            var mixFirst = map.OutputChannels <= map.InputChannels;
            var current = source;
            if (mixFirst && !map.IsIdentity)
            {
                current = new ChannelMixer(current, map);
            }

            if (current.Format.SampleRate != sampleRate)
            {
                current = new PolyphaseResampler(current, sampleRate);
            }

            if (!mixFirst)
            {
                current = new ChannelMixer(current, map);
            }

            return current;
        }
    }
}
