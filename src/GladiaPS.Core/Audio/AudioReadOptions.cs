using System;

namespace GladiaPS.Core.Audio
{
    /// <summary>Options for opening an input.</summary>
    public sealed class AudioReadOptions
    {
        /// <summary>Called for each warning as it is found (readers also keep them in their <c>Warnings</c>).
        /// It runs on the reading thread; keep it short.</summary>
        public Action<AudioWarning>? OnWarning { get; set; }

        /// <summary>The most bytes read from the input at a time (rounded down to whole frames); 256 KiB by default.
        /// A read returns as soon as the input gives a whole frame, so a larger block adds no latency on a slow pipe;
        /// it only means fewer reads (each a few hundred bytes of async state) on a fast file.</summary>
        public int BlockSize { get; set; } = DefaultBlockSize;

        /// <summary>The default <see cref="BlockSize"/>: 256 KiB.</summary>
        public const int DefaultBlockSize = 256 * 1024;
    }
}
