using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Audio.Ffmpeg
{
    /// <summary>
    /// Asks ffprobe what the first audio stream of a file is (codec, rate, channels), so a session format can be
    /// chosen for inputs that ffmpeg decodes. Lossy codecs report as 32-bit float (what their decoders produce),
    /// which the <see cref="SessionFormatChooser"/> turns into 16-bit PCM; A-law and mu-law stay themselves.
    /// </summary>
    internal static class FfmpegProbe
    {
        /// <summary>The format of <paramref name="path"/>'s first audio stream.</summary>
        public static async Task<ProbedAudio> ProbeAsync(string path, FfmpegOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("A file path is required.", nameof(path));
            }

            var ffprobe = FfmpegLocator.TryFindProbe(options?.FfmpegPath) ?? throw new AudioFormatException(path,
                AudioFormatError.DecoderNotFound, "ffprobe (part of ffmpeg) is needed to read this input's format and was not found. " +
                FfmpegLocator.InstallHint);
            var arguments = "-v error -select_streams a:0 -show_entries stream=codec_name,sample_rate,channels,sample_fmt " +
                            "-of default=noprint_wrappers=1 " + FfmpegAudioSource.QuoteArgument("file:" + Path.GetFullPath(path));
            var limit = options?.ProbeTimeout ?? FfmpegOptions.DefaultProbeTimeout;
            if (limit <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(options), limit, "FfmpegOptions.ProbeTimeout must be positive.");
            }

            ToolResult result;
            try
            {
                result = await ToolProcess.RunAsync(ffprobe, arguments, limit, cancellationToken).ConfigureAwait(false);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new AudioFormatException(path, AudioFormatError.DecoderNotFound,
                    $"ffprobe could not be started from '{ffprobe}': {ex.Message}. {FfmpegLocator.InstallHint}", ex);
            }

            if (result.TimedOut)
            {
                throw new AudioFormatException(path, AudioFormatError.DecoderFailed, string.Format(CultureInfo.InvariantCulture,
                    "ffprobe did not answer within {0:0.###} s, so it was stopped: is the file on a share that does not answer?", limit.TotalSeconds));
            }

            if (result.ExitCode != 0)
            {
                throw ToolOutput.Failure(path, string.Format(CultureInfo.InvariantCulture,
                    "not a WAV or audio file that ffprobe can read (exit code {0})", result.ExitCode), result.Error, "ffprobe");
            }

            return Parse(path, result.Output);
        }

        internal static ProbedAudio Parse(string path, string output)
        {
            string? codec = null, sampleFormat = null;
            int rate = 0, channels = 0;
            foreach (var line in output.Split('\n'))
            {
                var equals = line.IndexOf('=');
                if (equals <= 0)
                {
                    continue;
                }

                var key = line.Substring(0, equals).Trim();
                var value = line.Substring(equals + 1).Trim();
                switch (key)
                {
                    case "codec_name": codec = value; break;
                    case "sample_fmt": sampleFormat = value; break;
                    case "sample_rate": int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out rate); break;
                    case "channels": int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out channels); break;
                }
            }

            if (codec is null)
            {
                throw new AudioFormatException(path, AudioFormatError.DecoderFailed, "ffprobe found no audio stream in it.");
            }

            if (rate <= 0 || rate > AudioFormat.MaxSampleRate || channels <= 0 || channels > AudioFormat.MaxChannels)
            {
                throw new AudioFormatException(path, AudioFormatError.InvalidHeader, string.Format(CultureInfo.InvariantCulture,
                    "ffprobe reports an audio stream of {0} Hz with {1} channel(s), which cannot be converted.", rate, channels));
            }

            var (encoding, bits) = codec switch
            {
                "pcm_alaw" => (SampleEncoding.ALaw, 8),
                "pcm_mulaw" => (SampleEncoding.MuLaw, 8),
                "pcm_u8" => (SampleEncoding.Pcm, 8),
                "pcm_s16le" or "pcm_s16be" => (SampleEncoding.Pcm, 16),
                "pcm_s24le" or "pcm_s24be" => (SampleEncoding.Pcm, 24),
                "pcm_s32le" or "pcm_s32be" => (SampleEncoding.Pcm, 32),
                "flac" when sampleFormat is "s16" or "s16p" => (SampleEncoding.Pcm, 16),
                "flac" => (SampleEncoding.Pcm, 24),
                _ => (SampleEncoding.Float, 32),
            };
            return new ProbedAudio(codec, new AudioFormat(encoding, bits, rate, channels));
        }
    }
}
