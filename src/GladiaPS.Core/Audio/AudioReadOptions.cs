using System;

namespace GladiaPS.Core.Audio
{
    /// <summary>Options for opening an input.</summary>
    public sealed class AudioReadOptions
    {
        /// <summary>Called for each warning as it is found (readers also keep them in their <c>Warnings</c>).
        /// It runs on the reading thread; keep it short.</summary>
        public Action<AudioWarning>? OnWarning { get; set; }

        /// <summary>Bytes read from the input at a time (rounded down to whole frames); 64 KiB by default.</summary>
        public int BlockSize { get; set; } = 64 * 1024;
    }
}
