using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Audio.Containers
{
    /// <summary>
    /// Reads a WAV file as a stream of float samples: RIFF, RF64 and BW64 (with ds64); PCM 8-bit unsigned and
    /// 16/24/32-bit signed, IEEE float 32/64, A-law and mu-law, plain or WAVE_FORMAT_EXTENSIBLE. Unknown chunks
    /// are skipped, odd chunk sizes padded. A data size of 0 or 0xFFFFFFFF (a file still being written) reads to
    /// the end; a truncated data chunk reads as far as it goes, with a warning. Anything it cannot read fails with
    /// an <see cref="AudioFormatException"/> naming the file and the reason.
    /// </summary>
    internal sealed class WavAudioSource : StreamAudioSource
    {
        private WavAudioSource(Stream stream, bool leaveOpen, string? name, WavHeader header, AudioReadOptions? options)
            : base(stream, leaveOpen, name, header.Format, header.Info.DataLength, options, header.Warnings)
        {
            Info = header.Info;
        }

        /// <summary>What the header says beyond the format.</summary>
        public WavFileInfo Info { get; }

        /// <summary>Opens a WAV file and reads its header.</summary>
        public static async Task<WavAudioSource> OpenAsync(string path, AudioReadOptions? options, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("A file path is required.", nameof(path));
            }

            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            try
            {
                return await OpenAsync(stream, path, leaveOpen: false, options, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>Reads a WAV header from a stream positioned at its start; the stream need not be seekable.</summary>
        public static async Task<WavAudioSource> OpenAsync(Stream stream, string? name, bool leaveOpen, AudioReadOptions? options,
            CancellationToken cancellationToken)
        {
            if (stream is null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            var warnings = new List<AudioWarning>();
            void Warn(string message)
            {
                var warning = new AudioWarning(name, message);
                warnings.Add(warning);
                options?.OnWarning?.Invoke(warning);
            }

            var header = await WavHeader.ReadAsync(stream, name, Warn, cancellationToken).ConfigureAwait(false);
            header.Warnings = warnings;
            return new WavAudioSource(stream, leaveOpen, name, header, options);
        }

        /// <summary>Whether the first bytes of an input look like a WAV header (RIFF/RF64/BW64 … WAVE).</summary>
        public static bool LooksLikeWav(ReadOnlySpan<byte> start) =>
            start.Length >= 12 && WavHeader.IsWaveHeader(start);
    }
}
