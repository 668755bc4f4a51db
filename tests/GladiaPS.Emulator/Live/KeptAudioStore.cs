using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Emulator.Live
{
    /// <summary>
    /// A session's kept audio, appended to a temporary file so an hour-long session costs disk, not memory.
    /// Callers serialise writes (the session's lock); reads open their own handle.
    /// </summary>
    internal sealed class KeptAudioStore : IDisposable
    {
        private readonly FileStream _writer;
        private bool _disposed;

        public KeptAudioStore(string directory)
        {
            Path = System.IO.Path.Combine(directory, "gladia-emulator-" + Guid.NewGuid().ToString("N") + ".raw");
            _writer = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        }

        public string Path { get; }

        public long Length { get; private set; }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            if (_disposed || bytes.IsEmpty) return;
            _writer.Write(bytes);
            Length += bytes.Length;
        }

        /// <summary>Makes everything appended so far visible to readers.</summary>
        public void Flush()
        {
            if (!_disposed) _writer.Flush();
        }

        /// <summary>Copies the kept audio as a WAV file (header for <paramref name="format"/>, then the bytes).</summary>
        public async Task CopyAsWavAsync(Stream destination, ToneAudioFormat format, long length, CancellationToken cancellationToken)
        {
            await destination.WriteAsync(WavFileHeader.Create(format, length), cancellationToken).ConfigureAwait(false);
            await using var reader = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
            var buffer = new byte[1 << 16];
            var left = length;
            while (left > 0)
            {
                var read = await reader.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                left -= read;
            }
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _writer.Dispose();
            try
            {
                File.Delete(Path);
            }
            catch (IOException)
            {
                // A download still reading the file keeps it alive on some systems; the temp folder is cleaned eventually.
            }
        }
    }
}
