using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using GladiaPS.Core.Options;

namespace GladiaPS.Driver
{
    /// <summary>
    /// A WAV file opened for streaming: the format from its <c>fmt </c> chunk and a stream positioned at
    /// its audio. PCM (8/16/24/32-bit), A-law and mu-law, plain or WAVE_FORMAT_EXTENSIBLE; other chunks are
    /// skipped. The audio is read as it is sent, so memory does not grow with the file.
    /// </summary>
    internal sealed class WavSource : IDisposable
    {
        private const ushort FormatPcm = 1;
        private const ushort FormatALaw = 6;
        private const ushort FormatMuLaw = 7;
        private const ushort FormatExtensible = 0xFFFE;

        private readonly Stream _stream;
        private long _remaining;

        private WavSource(string path, Stream stream, AudioEncoding encoding, int bitDepth, int sampleRate, int channels, long dataLength)
        {
            Path = path;
            _stream = stream;
            Encoding = encoding;
            BitDepth = bitDepth;
            SampleRate = sampleRate;
            Channels = channels;
            _remaining = dataLength;
        }

        public string Path { get; }

        public AudioEncoding Encoding { get; }

        public int BitDepth { get; }

        public int SampleRate { get; }

        public int Channels { get; }

        public int BlockAlign => BitDepth / 8 * Channels;

        public int ByteRate => BlockAlign * SampleRate;

        /// <exception cref="InvalidDataException">The file is not a WAV file this driver can stream; the message names it.</exception>
        public static WavSource Open(string path)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            try
            {
                return Read(path, stream);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>Fills <paramref name="buffer"/> with audio; returns fewer bytes only at the end.</summary>
        public int Read(Span<byte> buffer)
        {
            var wanted = (int)Math.Min(buffer.Length, _remaining);
            var total = 0;
            while (total < wanted)
            {
                var read = _stream.Read(buffer.Slice(total, wanted - total));
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            _remaining -= total;
            return total;
        }

        public void Dispose() => _stream.Dispose();

        private static WavSource Read(string path, Stream stream)
        {
            Span<byte> header = stackalloc byte[12];
            if (!TryFill(stream, header) || !Is(header, 0, "RIFF") || !Is(header, 8, "WAVE"))
            {
                throw Bad(path, "it is not a RIFF/WAVE file");
            }

            ushort? format = null;
            int channels = 0, sampleRate = 0, bitDepth = 0;
            Span<byte> chunk = stackalloc byte[8];
            while (TryFill(stream, chunk))
            {
                var id = System.Text.Encoding.ASCII.GetString(chunk.Slice(0, 4));
                var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.Slice(4));
                if (id == "fmt ")
                {
                    if (size < 16 || size > 1024)
                    {
                        throw Bad(path, "its fmt chunk has an impossible size of " + size + " bytes");
                    }

                    var fmt = new byte[size + (size & 1)];
                    if (!TryFill(stream, fmt))
                    {
                        throw Bad(path, "its fmt chunk is truncated");
                    }

                    format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                    channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(2));
                    sampleRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(fmt.AsSpan(4));
                    bitDepth = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(14));
                    if (format == FormatExtensible && size >= 26)
                    {
                        format = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(24));
                    }
                }
                else if (id == "data")
                {
                    if (format is null)
                    {
                        throw Bad(path, "its data chunk comes before any fmt chunk");
                    }

                    var encoding = format switch
                    {
                        FormatPcm => AudioEncoding.WavPcm,
                        FormatALaw => AudioEncoding.WavAlaw,
                        FormatMuLaw => AudioEncoding.WavUlaw,
                        _ => throw Bad(path, "its codec (format tag 0x" + format.Value.ToString("X4") + ") is not PCM, A-law or mu-law"),
                    };
                    if (bitDepth is not (8 or 16 or 24 or 32) || channels < 1 || sampleRate < 1)
                    {
                        throw Bad(path, "its format (" + bitDepth + "-bit, " + channels + " channel(s), " + sampleRate + " Hz) cannot be streamed");
                    }

                    // A size of 0 or 0xFFFFFFFF marks a file still being written: read to the end.
                    long length = size is 0 or uint.MaxValue ? long.MaxValue : size;
                    return new WavSource(path, stream, encoding, bitDepth, sampleRate, channels, length);
                }
                else
                {
                    stream.Seek(size + (size & 1), SeekOrigin.Current);
                }
            }

            throw Bad(path, format is null ? "it has no fmt chunk" : "it has no data chunk");
        }

        private static bool Is(ReadOnlySpan<byte> bytes, int offset, string tag) =>
            System.Text.Encoding.ASCII.GetString(bytes.Slice(offset, 4)) == tag;

        private static bool TryFill(Stream stream, Span<byte> buffer)
        {
            var total = 0;
            while (total < buffer.Length)
            {
                var read = stream.Read(buffer.Slice(total));
                if (read == 0)
                {
                    return false;
                }

                total += read;
            }

            return true;
        }

        private static InvalidDataException Bad(string path, string problem) =>
            new InvalidDataException("'" + path + "' cannot be streamed: " + problem + ".");
    }
}
