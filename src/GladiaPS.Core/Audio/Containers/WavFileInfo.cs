using System;

namespace GladiaPS.Core.Audio.Containers
{
    /// <summary>What a WAV header says beyond the <see cref="AudioFormat"/>: the container, the format tag and
    /// WAVE_FORMAT_EXTENSIBLE fields, and where the samples are.</summary>
    internal sealed class WavFileInfo
    {
        internal WavFileInfo(string container, int formatTag, Guid? subFormat, int validBitsPerSample, uint channelMask,
            long dataOffset, long? dataLength)
        {
            Container = container;
            FormatTag = formatTag;
            SubFormat = subFormat;
            ValidBitsPerSample = validBitsPerSample;
            ChannelMask = channelMask;
            DataOffset = dataOffset;
            DataLength = dataLength;
        }

        /// <summary>"RIFF", "RF64" or "BW64".</summary>
        public string Container { get; }

        public bool IsRf64 => Container != "RIFF";

        /// <summary>The <c>wFormatTag</c> as written (0xFFFE for WAVE_FORMAT_EXTENSIBLE).</summary>
        public int FormatTag { get; }

        /// <summary>The WAVE_FORMAT_EXTENSIBLE sub-format GUID, or null for a plain format tag.</summary>
        public Guid? SubFormat { get; }

        /// <summary>Meaningful bits in each sample container (wValidBitsPerSample, else wBitsPerSample).</summary>
        public int ValidBitsPerSample { get; }

        /// <summary>The WAVE_FORMAT_EXTENSIBLE speaker mask, or 0.</summary>
        public uint ChannelMask { get; }

        /// <summary>Byte offset of the first sample in the input.</summary>
        public long DataOffset { get; }

        /// <summary>Bytes of samples the header declares, or null when the header leaves it open (0 or
        /// 0xFFFFFFFF: a file still being written) and the reader reads to the end.</summary>
        public long? DataLength { get; }
    }
}
