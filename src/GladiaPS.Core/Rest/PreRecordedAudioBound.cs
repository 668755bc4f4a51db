using System;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Rest
{
    /// <summary>
    /// How large a pre-recorded job's file can be, from what the job says: its size when the job gives one, else its audio
    /// duration at <see cref="MaxBytesPerSecond"/> (the file may be any format, a video too), each with a margin of a tenth
    /// plus 1 MiB. A download that goes past it is not that job's file and is stopped.
    /// </summary>
    public static class PreRecordedAudioBound
    {
        /// <summary>
        /// The highest byte rate a job's file is taken to have: 12.5 MB/s (100 Mbit/s), above uncompressed 8-channel 48 kHz
        /// 24-bit PCM (1.2 MB/s) and high-rate 4K video.
        /// </summary>
        public const double MaxBytesPerSecond = 12_500_000;

        private const double MaxJobSeconds = 24 * 3600;

        /// <summary>The bound in bytes, or null when the job does not say enough (the download's own cap applies then).</summary>
        public static long? For(PreRecordedJob? job)
        {
            var file = job?.File;
            if (file?.Size is long size && size > 0)
            {
                // A size past any cap is as good as none; saturate rather than overflow.
                return size > long.MaxValue / 2 ? long.MaxValue : size + size / 10 + 1024 * 1024;
            }

            if (file?.AudioDuration is not double seconds || double.IsNaN(seconds) || seconds < 0 || seconds > MaxJobSeconds)
            {
                return null;
            }

            return (long)Math.Ceiling(seconds * (MaxBytesPerSecond * 11 / 10)) + 1024 * 1024;
        }
    }
}
