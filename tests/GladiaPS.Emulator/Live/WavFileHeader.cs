using System;
using System.Buffers.Binary;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Emulator.Live
{
    /// <summary>The 44-byte canonical WAV header for the kept audio served by <c>GET /v2/live/{id}/file</c>.</summary>
    internal static class WavFileHeader
    {
        public static byte[] Create(ToneAudioFormat format, long dataLength)
        {
            var header = new byte[44];
            var span = header.AsSpan();
            var data = (uint)Math.Min(dataLength, uint.MaxValue - 36);
            "RIFF"u8.CopyTo(span);
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 36 + data);
            "WAVE"u8.CopyTo(span[8..]);
            "fmt "u8.CopyTo(span[12..]);
            BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
            ushort tag = format.Encoding switch { ToneEncoding.ALaw => 6, ToneEncoding.MuLaw => 7, _ => 1 };
            BinaryPrimitives.WriteUInt16LittleEndian(span[20..], tag);
            BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)format.Channels);
            BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)format.SampleRate);
            BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)format.ByteRate);
            BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)format.BlockAlign);
            BinaryPrimitives.WriteUInt16LittleEndian(span[34..], (ushort)format.BitDepth);
            "data"u8.CopyTo(span[36..]);
            BinaryPrimitives.WriteUInt32LittleEndian(span[40..], data);
            return header;
        }
    }
}
