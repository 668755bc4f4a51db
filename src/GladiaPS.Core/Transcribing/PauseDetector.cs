using System;
using System.Runtime.CompilerServices;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using GladiaPS.Core.Audio.Dsp;

namespace GladiaPS.Core.Transcribing
{
    /// <summary>Tells a pause from speech in encoded session audio, for switching sessions where no word is cut.</summary>
    internal static class PauseDetector
    {
        /// <summary>A chunk whose loudest sample is below this (about -40 dBFS) counts as a pause.</summary>
        internal const double QuietPeak = 0.01;

        /// <summary>True when no sample of the encoded audio reaches <see cref="QuietPeak"/>; stops at the first that does.</summary>
        [MethodImpl(HotLoop.FullyOptimized)]
        public static bool IsQuiet(ReadOnlySpan<byte> data, SessionAudioFormat format)
        {
            switch (format.Encoding)
            {
                case AudioEncoding.ALaw:
                    foreach (var b in data)
                    {
                        if (Math.Abs((int)G711.ALawToLinear(b)) >= QuietPeak * 32768)
                        {
                            return false;
                        }
                    }

                    return true;
                case AudioEncoding.MuLaw:
                    foreach (var b in data)
                    {
                        if (Math.Abs((int)G711.MuLawToLinear(b)) >= QuietPeak * 32768)
                        {
                            return false;
                        }
                    }

                    return true;
            }

            // The top byte of each sample is enough to tell a pause from speech (-40 dBFS is 1.3 of its 128 steps).
            var width = format.BytesPerSample;
            for (var i = 0; i + width <= data.Length; i += width)
            {
                var top = width == 1 ? data[i] - 128 : (sbyte)data[i + width - 1];
                if (Math.Abs(top) >= QuietPeak * 128)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
