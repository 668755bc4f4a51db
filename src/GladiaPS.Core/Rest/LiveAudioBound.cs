using System;
using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Rest
{
    /// <summary>
    /// How large a live session's recorded audio can be, from what its job says: the duration of its file at the byte
    /// rate of its format (<c>request_params</c>), with a margin of a tenth plus 1 MiB. A download that goes past it is
    /// not that session's audio and is stopped.
    /// </summary>
    public static class LiveAudioBound
    {
        private const double MaxSessionSeconds = 24 * 3600;

        /// <summary>The bound in bytes, or null when the job does not say enough (the download's own cap applies then).</summary>
        public static long? For(LiveJob job)
        {
            if (job?.File?.AudioDuration is not double seconds || double.IsNaN(seconds) || seconds < 0 || seconds > MaxSessionSeconds ||
                job.RequestParamsJson is not { } json)
            {
                return null;
            }

            using var document = TolerantJson.TryParseDocument(json);
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var root = document.RootElement;
            var encoding = TolerantJson.GetString(root, "encoding") ?? "wav/pcm";
            var sampleRate = TolerantJson.GetInt32(root, "sample_rate");
            var channels = TolerantJson.GetInt32(root, "channels") ?? job.File.NumberOfChannels ?? 1;
            var bitDepth = TolerantJson.GetInt32(root, "bit_depth")
                ?? (encoding.EndsWith("alaw", StringComparison.OrdinalIgnoreCase) || encoding.EndsWith("ulaw", StringComparison.OrdinalIgnoreCase) ? 8 : (int?)null);
            if (sampleRate is not (> 0 and <= 384_000) || channels is not (> 0 and <= 64) || bitDepth is not (8 or 16 or 24 or 32))
            {
                return null;
            }

            var bytes = seconds * sampleRate.Value * channels * (bitDepth.Value / 8);
            return (long)Math.Ceiling(bytes * 1.1) + 1024 * 1024;
        }
    }
}
