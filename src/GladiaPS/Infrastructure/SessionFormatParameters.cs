using System;
using System.Globalization;
using System.Linq;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Options;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// The format parameters a user gave (-Encoding, -BitDepth, -SampleRate, -Channels), applied over the format chosen
    /// for each input. Immutable, so background work can apply it without the cmdlet.
    /// </summary>
    internal sealed class SessionFormatParameters
    {
        public SessionFormatParameters(string? encoding, int? bitDepth, int? sampleRate, int? channels)
        {
            Encoding = encoding;
            BitDepth = bitDepth;
            SampleRate = sampleRate;
            Channels = channels;
        }

        public string? Encoding { get; }

        public int? BitDepth { get; }

        public int? SampleRate { get; }

        public int? Channels { get; }

        /// <summary>
        /// The session format: <paramref name="chosen"/> (or the API's default when there is none), with whatever the
        /// parameters say instead.
        /// </summary>
        /// <exception cref="GladiaValidationException">A format parameter is out of range; names it.</exception>
        public SessionAudioFormat Resolve(SessionAudioFormat? chosen)
        {
            var baseFormat = chosen ?? SessionAudioFormat.Default;
            var encoding = baseFormat.Encoding;
            if (Encoding is not null)
            {
                // Only the wire names: the parser also knows enum names, which the API does not take.
                var wire = Encoding.Trim().ToLowerInvariant();
                if (!AudioEncodings.All.Contains(wire) || !AudioEncodings.TryParse(wire, out encoding))
                {
                    throw new GladiaValidationException(nameof(Encoding), $"-Encoding '{Encoding}' is not an encoding the API takes; use wav/pcm, wav/alaw or wav/ulaw.");
                }
            }

            // A-law and mu-law are 8-bit only: changing to them implies 8 bits unless -BitDepth says otherwise (and is refused).
            var bitDepth = BitDepth ?? (encoding == baseFormat.Encoding ? baseFormat.BitDepth : encoding == AudioEncoding.Pcm ? 16 : 8);
            var sampleRate = SampleRate ?? baseFormat.SampleRate;
            var channels = Channels ?? baseFormat.Channels;
            try
            {
                return new SessionAudioFormat(encoding, bitDepth, sampleRate, channels);
            }
            catch (ArgumentOutOfRangeException exception)
            {
                var parameter = exception.ParamName switch
                {
                    "bitDepth" => nameof(BitDepth),
                    "sampleRate" => nameof(SampleRate),
                    "channels" => nameof(Channels),
                    _ => nameof(Encoding),
                };
                var message = exception.Message.Split(new[] { Environment.NewLine, "(Parameter" }, StringSplitOptions.None)[0].Trim();
                if (parameter == nameof(BitDepth))
                {
                    // Refused here rather than by the server: the module writes the samples, and writes these sizes only.
                    message += " GladiaPS encodes the audio it sends and writes only these sample sizes.";
                }

                throw new GladiaValidationException(parameter, "-" + parameter + " " + Convert.ToString(exception.ActualValue, CultureInfo.InvariantCulture) + ": " + message);
            }
        }
    }
}
