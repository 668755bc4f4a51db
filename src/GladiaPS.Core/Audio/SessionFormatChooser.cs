using System;
using System.Collections.Generic;
using System.Globalization;

namespace GladiaPS.Core.Audio
{
    /// <summary>
    /// Picks the session format closest to an input, so a file is sent with as little change as possible.
    /// <list type="bullet">
    /// <item>Sample rate: the input's when a session accepts it; otherwise the next accepted rate above it
    /// (11025 → 16000, 22050 → 32000), because the rate below would cut off real content between its Nyquist
    /// frequency and the input's, while the next one up keeps the whole band for the fewest extra bytes;
    /// capped at 48000 (96 kHz input is filtered down to 48 kHz: nothing audible, let alone speech, is lost).</item>
    /// <item>Encoding: A-law and mu-law input stay A-law and mu-law at 8 bits (re-encoding them to PCM would add
    /// bytes, not quality). Everything else is <c>wav/pcm</c>.</item>
    /// <item>Bit depth: 8 and 16-bit PCM keep their depth; 24 and 32-bit PCM and float become 16-bit, unless
    /// <see cref="MaxBitDepth"/> allows more. 16 bits give 96 dB of dynamic range, more than any speech
    /// recording holds above its noise floor and what recognisers are trained on; 24 or 32 bits would cost 50% or
    /// 100% more bandwidth on the socket (and in the replay buffer) for no recognition benefit.</item>
    /// <item>Channels: 1 to 8 are kept (each channel is transcribed separately); more than 8 follow
    /// <see cref="ExcessChannels"/>.</item>
    /// </list>
    /// </summary>
    public sealed class SessionFormatChooser
    {
        /// <summary>The widest PCM bit depth chosen for 24/32-bit and float input: 16 by default, or 24 or 32.</summary>
        public int MaxBitDepth { get; set; } = 16;

        public ExcessChannelPolicy ExcessChannels { get; set; } = ExcessChannelPolicy.Error;

        /// <summary>The session format for one input.</summary>
        public SessionAudioFormat Choose(AudioFormat input, string? sourceName = null)
        {
            if (input is null)
            {
                throw new ArgumentNullException(nameof(input));
            }

            if (input.SampleRate < AudioFormat.MinSpeechSampleRate)
            {
                throw new AudioFormatException(sourceName, AudioFormatError.InvalidHeader, string.Format(
                    CultureInfo.InvariantCulture,
                    "the audio says it is {0} Hz; below {1:N0} Hz is not speech audio, and resampled it would be sent (and billed) as {2:0.#} times its length.",
                    input.SampleRate, AudioFormat.MinSpeechSampleRate, 8000.0 / input.SampleRate));
            }

            var channels = input.Channels;
            if (channels > SessionAudioFormat.MaxChannels)
            {
                channels = ExcessChannels switch
                {
                    ExcessChannelPolicy.DownmixToMono => 1,
                    ExcessChannelPolicy.KeepFirstEight => SessionAudioFormat.MaxChannels,
                    _ => throw new AudioFormatException(sourceName, AudioFormatError.TooManyChannels, string.Format(
                        CultureInfo.InvariantCulture,
                        "the audio has {0} channels; a session takes at most 8. Down-mix it, or select up to 8 channels.", input.Channels)),
                };
            }

            return input.Encoding switch
            {
                SampleEncoding.ALaw => new SessionAudioFormat(AudioEncoding.ALaw, 8, ChooseSampleRate(input.SampleRate), channels),
                SampleEncoding.MuLaw => new SessionAudioFormat(AudioEncoding.MuLaw, 8, ChooseSampleRate(input.SampleRate), channels),
                _ => new SessionAudioFormat(AudioEncoding.Pcm, ChooseBitDepth(input), ChooseSampleRate(input.SampleRate), channels),
            };
        }

        /// <summary>
        /// The common session format for several tracks sent as the channels of one stream (one channel per track):
        /// the highest rate any track needs, the widest bit depth, and A-law or mu-law only when every track is.
        /// </summary>
        public SessionAudioFormat ChooseForTracks(IReadOnlyList<AudioFormat> tracks)
        {
            if (tracks is null || tracks.Count == 0)
            {
                throw new ArgumentException("At least one track is required.", nameof(tracks));
            }

            if (tracks.Count > SessionAudioFormat.MaxChannels)
            {
                throw new AudioFormatException(null, AudioFormatError.TooManyChannels, string.Format(CultureInfo.InvariantCulture,
                    "{0} tracks were given; a session takes at most 8 channels, one per track.", tracks.Count));
            }

            var rate = 0;
            var bitDepth = 8;
            AudioEncoding? common = null;
            var mixed = false;
            foreach (var track in tracks)
            {
                var single = Choose(track.With(track.SampleRate, 1));
                rate = Math.Max(rate, single.SampleRate);
                bitDepth = Math.Max(bitDepth, single.Encoding == AudioEncoding.Pcm ? single.BitDepth : 16);
                if (common is null)
                {
                    common = single.Encoding;
                }
                else if (common != single.Encoding)
                {
                    mixed = true;
                }
            }

            if (!mixed && common != AudioEncoding.Pcm)
            {
                return new SessionAudioFormat(common!.Value, 8, rate, tracks.Count);
            }

            // G.711 decodes to about 13-14 bits of linear range, so it needs 16-bit PCM when mixed with PCM tracks.
            return new SessionAudioFormat(AudioEncoding.Pcm, bitDepth, rate, tracks.Count);
        }

        /// <summary>The input's rate if a session accepts it, else the next accepted rate above, at most 48000.</summary>
        public static int ChooseSampleRate(int inputRate)
        {
            foreach (var rate in SessionAudioFormat.SupportedSampleRates)
            {
                if (rate >= inputRate)
                {
                    return rate;
                }
            }

            return SessionAudioFormat.SupportedSampleRates[SessionAudioFormat.SupportedSampleRates.Count - 1];
        }

        private int ChooseBitDepth(AudioFormat input)
        {
            var max = MaxBitDepth is 16 or 24 or 32 ? MaxBitDepth : 16;
            if (input.Encoding == SampleEncoding.Pcm && input.BitsPerSample <= 16)
            {
                return input.BitsPerSample;
            }

            if (input.Encoding == SampleEncoding.Pcm)
            {
                return Math.Min(input.BitsPerSample, max);
            }

            return max;
        }
    }
}
