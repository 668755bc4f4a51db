using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Audio.Containers
{
    /// <summary>Parses the chunks of a WAV file up to the first sample. Every loop consumes at least a chunk
    /// header, and sizes past the end of a seekable input are caught before skipping, so bad input cannot hang.</summary>
    internal sealed class WavHeader
    {
        // KSDATAFORMAT_SUBTYPE_xxx = {tag-0000-0010-8000-00AA00389B71}: bytes 4..15 of every sub-format GUID we decode.
        private static readonly byte[] SubFormatTail = { 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 };

        private readonly Stream stream;
        private readonly string? name;
        private readonly Action<string> warn;
        private readonly byte[] scratch = new byte[64];
        private long position;

        private WavHeader(Stream stream, string? name, Action<string> warn)
        {
            this.stream = stream;
            this.name = name;
            this.warn = warn;
        }

        public AudioFormat Format { get; private set; } = null!;

        public WavFileInfo Info { get; private set; } = null!;

        public IReadOnlyList<AudioWarning> Warnings { get; set; } = Array.Empty<AudioWarning>();

        public static bool IsWaveHeader(ReadOnlySpan<byte> start)
        {
            var id = Ascii(start.Slice(0, 4));
            return (id == "RIFF" || id == "RF64" || id == "BW64") && Ascii(start.Slice(8, 4)) == "WAVE";
        }

        public static async Task<WavHeader> ReadAsync(Stream stream, string? name, Action<string> warn, CancellationToken cancellationToken)
        {
            var header = new WavHeader(stream, name, warn);
            await header.ParseAsync(cancellationToken).ConfigureAwait(false);
            return header;
        }

        private async Task ParseAsync(CancellationToken cancellationToken)
        {
            var read = await ReadAsync(12, cancellationToken).ConfigureAwait(false);
            if (read < 12 || !IsWaveHeader(scratch))
            {
                throw Fail(AudioFormatError.NotWav, DescribeNotWav(scratch.AsSpan(0, read)));
            }

            var container = Ascii(scratch.AsSpan(0, 4));
            var isRf64 = container != "RIFF";
            long? ds64DataSize = null;
            FormatFields? fmt = null;
            long dataOffset = -1;
            long? dataLength = null;
            var firstChunk = true;

            while (true)
            {
                var headerBytes = await ReadAsync(8, cancellationToken).ConfigureAwait(false);
                if (headerBytes < 8)
                {
                    break;
                }

                var id = Ascii(scratch.AsSpan(0, 4));
                var size = BinaryPrimitives.ReadUInt32LittleEndian(scratch.AsSpan(4, 4));
                var chunkStart = position;

                if (isRf64 && firstChunk && id != "ds64")
                {
                    warn($"the {container} header has no ds64 chunk first; 32-bit sizes are used.");
                }

                firstChunk = false;
                if (id == "ds64")
                {
                    if (size < 24)
                    {
                        throw Fail(AudioFormatError.InvalidHeader, $"the ds64 chunk is {size} bytes; it needs at least 24.");
                    }

                    await ReadChunkPrefixAsync(24, cancellationToken).ConfigureAwait(false);
                    ds64DataSize = BinaryPrimitives.ReadInt64LittleEndian(scratch.AsSpan(8, 8));
                    if (ds64DataSize < 0)
                    {
                        throw Fail(AudioFormatError.InvalidHeader, $"the ds64 chunk declares a negative data size ({ds64DataSize}).");
                    }

                    await SkipRestAsync(chunkStart, size, "ds64", cancellationToken).ConfigureAwait(false);
                }
                else if (id == "fmt ")
                {
                    if (fmt is not null)
                    {
                        warn("the file has a second fmt chunk; the first one is used.");
                        await SkipRestAsync(chunkStart, size, id, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    if (size < 16)
                    {
                        throw Fail(AudioFormatError.InvalidHeader, $"the fmt chunk is {size} bytes; it needs at least 16.");
                    }

                    var prefix = (int)Math.Min(size, 40);
                    await ReadChunkPrefixAsync(prefix, cancellationToken).ConfigureAwait(false);
                    fmt = ParseFormat(scratch.AsSpan(0, prefix));
                    await SkipRestAsync(chunkStart, size, id, cancellationToken).ConfigureAwait(false);
                    if (dataOffset >= 0)
                    {
                        break;
                    }
                }
                else if (id == "data")
                {
                    long? length = size;
                    if (isRf64 && size == uint.MaxValue && ds64DataSize is long big)
                    {
                        length = big;
                    }

                    if (length == 0 || length == uint.MaxValue)
                    {
                        warn($"the data chunk's size is 0x{size:X8} (not set: a file still being written); reading to the end.");
                        length = null;
                    }

                    if (length is long claimed && stream.CanSeek && claimed > stream.Length - stream.Position)
                    {
                        // A size past the end of the file (an RF64 size of 2^62) is not the audio's length: durations and
                        // progress computed from it would be absurd or overflow.
                        var left = stream.Length - stream.Position;
                        warn($"the data chunk declares {claimed} bytes but the input ends after {left}; reading those.");
                        length = left;
                    }

                    dataOffset = chunkStart;
                    dataLength = length;
                    if (fmt is not null)
                    {
                        break;
                    }

                    // The fmt chunk comes after the samples: legal but rare; only a seekable input can come back.
                    if (!stream.CanSeek || length is null)
                    {
                        throw Fail(AudioFormatError.MissingFormatChunk,
                            "the data chunk comes before any fmt chunk, so the samples cannot be interpreted.");
                    }

                    await SkipRestAsync(chunkStart, length.Value, id, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await SkipRestAsync(chunkStart, size, id, cancellationToken).ConfigureAwait(false);
                }
            }

            if (fmt is null)
            {
                throw Fail(AudioFormatError.MissingFormatChunk, "the file has no fmt chunk, so its format is unknown.");
            }

            if (dataOffset < 0)
            {
                throw Fail(AudioFormatError.MissingDataChunk, "the file has no data chunk: it holds no audio.");
            }

            if (position != dataOffset)
            {
                stream.Seek(dataOffset - position, SeekOrigin.Current);
                position = dataOffset;
            }

            var f = fmt.Value;
            if (dataLength is long declared && declared % f.BlockAlign != 0)
            {
                warn($"the data chunk's size ({declared} bytes) is not a whole number of {f.BlockAlign}-byte frames.");
            }

            Format = new AudioFormat(f.Encoding, f.ContainerBits, f.SampleRate, f.Channels, f.ChannelMask);
            Info = new WavFileInfo(container, f.Tag, f.SubFormat, f.ValidBits, f.ChannelMask, dataOffset, dataLength);
        }

        private FormatFields ParseFormat(ReadOnlySpan<byte> fmt)
        {
            var tag = (int)BinaryPrimitives.ReadUInt16LittleEndian(fmt);
            var channels = (int)BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(2));
            var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt.Slice(4));
            var byteRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt.Slice(8));
            var blockAlign = (int)BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(12));
            var bits = (int)BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(14));
            var effectiveTag = tag;
            var validBits = bits;
            uint channelMask = 0;
            Guid? subFormat = null;

            if (tag == WaveFormatTag.Extensible)
            {
                if (fmt.Length < 40)
                {
                    throw Fail(AudioFormatError.InvalidHeader,
                        $"the fmt chunk is WAVE_FORMAT_EXTENSIBLE but only {fmt.Length} bytes long; it needs 40.");
                }

                validBits = BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(18));
                channelMask = BinaryPrimitives.ReadUInt32LittleEndian(fmt.Slice(20));
                subFormat = new Guid(fmt.Slice(24, 16).ToArray());
                var data1 = BinaryPrimitives.ReadUInt32LittleEndian(fmt.Slice(24));
                if (!fmt.Slice(28, 12).SequenceEqual(SubFormatTail) || data1 > 0xFFFF)
                {
                    throw Fail(AudioFormatError.UnsupportedCodec,
                        $"the WAVE_FORMAT_EXTENSIBLE sub-format {subFormat:B} is not one this reader decodes (PCM, IEEE float, A-law, mu-law).");
                }

                effectiveTag = (int)data1;
                if (validBits == 0)
                {
                    validBits = bits;
                }
            }

            var encoding = effectiveTag switch
            {
                WaveFormatTag.Pcm => SampleEncoding.Pcm,
                WaveFormatTag.IeeeFloat => SampleEncoding.Float,
                WaveFormatTag.ALaw => SampleEncoding.ALaw,
                WaveFormatTag.MuLaw => SampleEncoding.MuLaw,
                _ => throw Fail(AudioFormatError.UnsupportedCodec,
                    $"the audio is {WaveFormatTag.Describe(effectiveTag)}, which this reader does not decode; " +
                    "convert it to PCM, or decode it with ffmpeg.", effectiveTag),
            };

            if (channels == 0)
            {
                throw Fail(AudioFormatError.InvalidHeader, "the fmt chunk declares 0 channels.");
            }

            if (channels > AudioFormat.MaxChannels)
            {
                throw Fail(AudioFormatError.InvalidHeader,
                    $"the fmt chunk declares {channels} channels; more than {AudioFormat.MaxChannels} is taken as a corrupt header.");
            }

            if (sampleRate == 0 || sampleRate > AudioFormat.MaxSampleRate)
            {
                throw Fail(AudioFormatError.InvalidHeader,
                    $"the fmt chunk declares a sample rate of {sampleRate} Hz; it must be 1 to {AudioFormat.MaxSampleRate:N0} Hz.");
            }

            if (sampleRate < AudioFormat.MinSpeechSampleRate)
            {
                // Resampled up to a session rate, a few kB claiming 1 Hz would be sent (and billed) as hours of audio.
                throw Fail(AudioFormatError.InvalidHeader,
                    $"the fmt chunk declares a sample rate of {sampleRate} Hz; below {AudioFormat.MinSpeechSampleRate:N0} Hz is not speech audio, so the header is taken as wrong.");
            }

            if (bits == 0)
            {
                throw Fail(AudioFormatError.InvalidHeader, "the fmt chunk declares 0 bits per sample.");
            }

            var containerBits = (bits + 7) / 8 * 8;
            var bitsValid = encoding switch
            {
                SampleEncoding.Pcm => containerBits <= 32,
                SampleEncoding.Float => bits is 32 or 64,
                _ => bits == 8,
            };
            if (!bitsValid)
            {
                throw Fail(AudioFormatError.InvalidHeader, encoding switch
                {
                    SampleEncoding.Pcm => $"PCM samples of {bits} bits are not supported (at most 32).",
                    SampleEncoding.Float => $"IEEE float samples must be 32 or 64 bits, not {bits}.",
                    _ => $"{WaveFormatTag.Describe(effectiveTag)} samples must be 8 bits, not {bits}.",
                });
            }

            if (validBits > containerBits)
            {
                throw Fail(AudioFormatError.InvalidHeader,
                    $"the fmt chunk declares {validBits} valid bits in a {containerBits}-bit sample.");
            }

            var expectedAlign = channels * containerBits / 8;
            if (blockAlign != expectedAlign)
            {
                throw Fail(AudioFormatError.InvalidHeader, string.Format(CultureInfo.InvariantCulture,
                    "the block align is {0} bytes but {1} channel(s) of {2}-bit samples take {3}.", blockAlign, channels, bits, expectedAlign));
            }

            if (byteRate != (long)blockAlign * sampleRate)
            {
                warn(string.Format(CultureInfo.InvariantCulture,
                    "the header's byte rate ({0}) does not match {1} Hz × {2}-byte frames; the sample rate is used.", byteRate, sampleRate, blockAlign));
            }

            return new FormatFields(tag, encoding, channels, (int)sampleRate, blockAlign, containerBits,
                validBits, channelMask, subFormat);
        }

        private async Task<int> ReadAsync(int count, CancellationToken cancellationToken)
        {
            var total = 0;
            while (total < count)
            {
                var read = await stream.ReadAsync(scratch, total, count - total, cancellationToken).ConfigureAwait(false);
                if (read <= 0)
                {
                    break;
                }

                total += read;
            }

            position += total;
            return total;
        }

        private async Task ReadChunkPrefixAsync(int count, CancellationToken cancellationToken)
        {
            if (await ReadAsync(count, cancellationToken).ConfigureAwait(false) < count)
            {
                throw Fail(AudioFormatError.InvalidHeader, "the file ends inside its header.");
            }
        }

        // Moves to the end of a chunk that started at chunkStart, plus its pad byte when the size is odd.
        private async Task SkipRestAsync(long chunkStart, long size, string id, CancellationToken cancellationToken)
        {
            var end = chunkStart + size + (size & 1);
            var toSkip = end - position;
            if (toSkip <= 0)
            {
                return;
            }

            if (stream.CanSeek)
            {
                var length = stream.Length;
                var here = stream.Position;
                if (here + toSkip > length)
                {
                    // A chunk running past the end without a pad byte is common; anything longer means no more chunks.
                    if (here + toSkip - length > 1)
                    {
                        warn($"the '{Printable(id)}' chunk at byte {chunkStart - 8} declares {size} bytes, past the end of the file.");
                    }

                    stream.Seek(0, SeekOrigin.End);
                    position += length - here;
                    return;
                }

                stream.Seek(toSkip, SeekOrigin.Current);
                position += toSkip;
                return;
            }

            var buffer = new byte[(int)Math.Min(toSkip, 64 * 1024)];
            while (toSkip > 0)
            {
                var read = await stream.ReadAsync(buffer, 0, (int)Math.Min(toSkip, buffer.Length), cancellationToken).ConfigureAwait(false);
                if (read <= 0)
                {
                    return;
                }

                toSkip -= read;
                position += read;
            }
        }

        private AudioFormatException Fail(AudioFormatError reason, string detail, int? formatTag = null) =>
            new(name, reason, detail) { FormatTag = formatTag };

        private static string DescribeNotWav(ReadOnlySpan<byte> start)
        {
            if (start.Length == 0)
            {
                return "not a WAV file: it is empty.";
            }

            if (start.Length >= 4 && Ascii(start.Slice(0, 4)) == "RIFX")
            {
                return "not a WAV file this reader supports: it is a big-endian RIFX file.";
            }

            if (start.Length >= 4 && Ascii(start.Slice(0, 4)) == "RIFF")
            {
                return start.Length < 12
                    ? "not a WAV file: it ends inside the RIFF header."
                    : $"not a WAV file: a RIFF file of type '{Printable(Ascii(start.Slice(8, 4)))}', not 'WAVE'.";
            }

            var kind = Sniff(start);
            var first = StartDescription(start);
            return kind is null
                ? $"not a WAV file: it starts with {first}, not 'RIFF' or 'RF64'."
                : $"not a WAV file: it starts with {first}, so it looks like {kind}; formats other than WAV are decoded with ffmpeg.";
        }

        // The first bytes as a user would recognise them: as text when they are printable ('ID3', 'fLaC'), with
        // their hex values otherwise or as well.
        private static string StartDescription(ReadOnlySpan<byte> start)
        {
            var magic = start.Slice(0, Math.Min(start.Length >= 3 && Ascii(start.Slice(0, 3)) == "ID3" ? 3 : 4, start.Length));
            var text = Ascii(magic);
            var printable = true;
            foreach (var c in text)
            {
                printable &= c >= 0x20 && c < 0x7F;
            }

            if (!printable)
            {
                return Hex(magic);
            }

            return magic.Length == 4 ? $"'{text}' ({Hex(magic)})" : $"'{text}'";
        }

        /// <summary>A name for a few common non-WAV containers, from their magic bytes.</summary>
        internal static string? Sniff(ReadOnlySpan<byte> start)
        {
            if (start.Length >= 3 && Ascii(start.Slice(0, 3)) == "ID3")
            {
                return "an MP3 file";
            }

            if (start.Length >= 2 && start[0] == 0xFF && (start[1] & 0xE0) == 0xE0)
            {
                return "an MPEG audio (MP3/AAC) stream";
            }

            if (start.Length >= 4)
            {
                switch (Ascii(start.Slice(0, 4)))
                {
                    case "fLaC": return "a FLAC file";
                    case "OggS": return "an Ogg (Vorbis/Opus) file";
                    case "FORM": return "an AIFF file";
                    case ".snd": return "a Sun/NeXT .au file";
                }
            }

            if (start.Length >= 8 && Ascii(start.Slice(4, 4)) == "ftyp")
            {
                return "an MP4/M4A file";
            }

            if (start.Length >= 4 && start[0] == 0x1A && start[1] == 0x45 && start[2] == 0xDF && start[3] == 0xA3)
            {
                return "a Matroska/WebM file";
            }

            return null;
        }

        private static string Ascii(ReadOnlySpan<byte> bytes)
        {
            var chars = new char[bytes.Length];
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[i] = (char)bytes[i];
            }

            return new string(chars);
        }

        private static string Printable(string id)
        {
            var builder = new StringBuilder(id.Length);
            foreach (var c in id)
            {
                builder.Append(c >= 0x20 && c < 0x7F ? c : '?');
            }

            return builder.ToString();
        }

        private static string Hex(ReadOnlySpan<byte> bytes)
        {
            var builder = new StringBuilder();
            foreach (var b in bytes)
            {
                builder.Append(builder.Length == 0 ? "" : " ").Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }

            return "bytes " + builder;
        }

        private readonly struct FormatFields
        {
            public FormatFields(int tag, SampleEncoding encoding, int channels, int sampleRate, int blockAlign, int containerBits,
                int validBits, uint channelMask, Guid? subFormat)
            {
                Tag = tag;
                Encoding = encoding;
                Channels = channels;
                SampleRate = sampleRate;
                BlockAlign = blockAlign;
                ContainerBits = containerBits;
                ValidBits = validBits;
                ChannelMask = channelMask;
                SubFormat = subFormat;
            }

            public int Tag { get; }

            public SampleEncoding Encoding { get; }

            public int Channels { get; }

            public int SampleRate { get; }

            public int BlockAlign { get; }

            public int ContainerBits { get; }

            public int ValidBits { get; }

            public uint ChannelMask { get; }

            public Guid? SubFormat { get; }
        }
    }
}
