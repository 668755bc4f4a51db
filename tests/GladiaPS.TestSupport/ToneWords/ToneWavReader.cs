using System;
using System.IO;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>The format and raw sample bytes of a WAV file.</summary>
    public sealed record ToneWavContent(ToneAudioFormat Format, byte[] Data);

    /// <summary>Reads PCM, A-law, mu-law and extensible WAV files (such as ffmpeg writes).</summary>
    public static class ToneWavReader
    {
        /// <summary>Parses a whole WAV file.</summary>
        /// <exception cref="InvalidDataException">The bytes are not a usable WAV file; the message says why.</exception>
        public static ToneWavContent Read(byte[] wav)
        {
            if (wav is null)
            {
                throw new ArgumentNullException(nameof(wav));
            }

            ToneWavHeaderStatus status = ToneWavHeader.Parse(wav, out int headerLength, out ToneAudioFormat? format, out string? problem, out uint dataSize);
            switch (status)
            {
                case ToneWavHeaderStatus.NotWav:
                    throw new InvalidDataException("Not a WAV file: it does not start with RIFF....WAVE.");
                case ToneWavHeaderStatus.Incomplete:
                    throw new InvalidDataException($"The WAV file ends ({wav.Length} bytes) before its data chunk.");
                case ToneWavHeaderStatus.Malformed:
                    throw new InvalidDataException($"Unusable WAV file: {problem}");
            }

            // A streamed WAV may declare 0 or 0xFFFFFFFF as its data size: take what is there, whole frames only.
            long available = wav.Length - headerLength;
            long length = dataSize == 0 || dataSize > available ? available : dataSize;
            length -= length % format!.BlockAlign;
            return new ToneWavContent(format, wav.AsSpan(headerLength, (int)length).ToArray());
        }

        /// <summary>Reads a WAV file from disk.</summary>
        public static ToneWavContent Read(string path) => Read(File.ReadAllBytes(path));
    }
}
