using System;
using System.IO;

namespace GladiaPS.Core.Audio.Containers
{
    /// <summary>
    /// Reads headerless samples (raw PCM, float, A-law or mu-law) in a format the caller states: a file, any
    /// stream (a pipe, a socket, a <see cref="MemoryStream"/>), or bytes already in memory.
    /// </summary>
    internal sealed class RawAudioSource : StreamAudioSource
    {
        public RawAudioSource(Stream stream, AudioFormat format, string? name = null, bool leaveOpen = false,
            AudioReadOptions? options = null, long? length = null)
            : base(stream, leaveOpen, name, format, length, options, null)
        {
        }

        /// <summary>Opens a headerless file in the given format.</summary>
        public static RawAudioSource Open(string path, AudioFormat format, AudioReadOptions? options = null)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return new RawAudioSource(stream, format, path, leaveOpen: false, options);
        }

        /// <summary>Reads bytes already in memory in the given format (they are not copied).</summary>
        public static RawAudioSource FromBytes(byte[] bytes, AudioFormat format, string? name = null) =>
            new(new MemoryStream(bytes ?? throw new ArgumentNullException(nameof(bytes)), writable: false), format, name);
    }
}
