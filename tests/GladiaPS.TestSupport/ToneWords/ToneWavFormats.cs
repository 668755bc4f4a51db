using System;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>WAV format-tag constants shared by the writer and the reader.</summary>
    internal static class ToneWavFormats
    {
        // KSDATAFORMAT_SUBTYPE_xxx = {tag-0000-0010-8000-00AA00389B71}, stored little-endian.
        private static readonly byte[] SubFormatSuffix =
            { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 };

        public static byte[] SubFormat(ushort tag)
        {
            var guid = new byte[16];
            guid[0] = (byte)tag;
            guid[1] = (byte)(tag >> 8);
            SubFormatSuffix.CopyTo(guid, 2);
            return guid;
        }

        /// <summary>The format tag inside an extensible SubFormat GUID, or -1 when it is not a standard one.</summary>
        public static int TagOfSubFormat(ReadOnlySpan<byte> guid) =>
            guid.Length >= 16 && guid.Slice(2, 14).SequenceEqual(SubFormatSuffix) ? guid[0] | (guid[1] << 8) : -1;
    }
}
