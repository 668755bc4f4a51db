using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GladiaPS.Core.Tests.Audio
{
    /// <summary>Writes WAV files byte by byte, including broken ones, so tests can craft every header case.</summary>
    internal sealed class WavBuilder
    {
        private readonly List<(string Id, byte[] Body, uint? DeclaredSize, bool Pad)> chunks = new();

        public string Container { get; set; } = "RIFF";

        public string FormType { get; set; } = "WAVE";

        public uint? RiffSize { get; set; }

        public WavBuilder Chunk(string id, byte[] body, uint? declaredSize = null, bool pad = true)
        {
            chunks.Add((id, body, declaredSize, pad));
            return this;
        }

        public WavBuilder Fmt(int tag, int channels, int sampleRate, int bits, int? blockAlign = null, int? byteRate = null,
            int fmtSize = 16)
        {
            var align = blockAlign ?? channels * ((bits + 7) / 8);
            var body = new byte[fmtSize];
            var w = new BinaryWriter(new MemoryStream(body));
            w.Write((ushort)tag);
            w.Write((ushort)channels);
            w.Write((uint)sampleRate);
            if (fmtSize >= 12)
            {
                w.Write((uint)(byteRate ?? align * sampleRate));
            }

            if (fmtSize >= 16)
            {
                w.Write((ushort)align);
                w.Write((ushort)bits);
            }

            return Chunk("fmt ", body);
        }

        public static readonly Guid PcmSubFormat = new("00000001-0000-0010-8000-00aa00389b71");
        public static readonly Guid FloatSubFormat = new("00000003-0000-0010-8000-00aa00389b71");
        public static readonly Guid ALawSubFormat = new("00000006-0000-0010-8000-00aa00389b71");
        public static readonly Guid MuLawSubFormat = new("00000007-0000-0010-8000-00aa00389b71");

        public WavBuilder FmtExtensible(Guid subFormat, int channels, int sampleRate, int bits, int validBits, uint channelMask,
            int fmtSize = 40)
        {
            var align = channels * bits / 8;
            var body = new byte[fmtSize];
            var w = new BinaryWriter(new MemoryStream(body));
            w.Write((ushort)0xFFFE);
            w.Write((ushort)channels);
            w.Write((uint)sampleRate);
            w.Write((uint)(align * sampleRate));
            w.Write((ushort)align);
            w.Write((ushort)bits);
            if (fmtSize >= 40)
            {
                w.Write((ushort)22);
                w.Write((ushort)validBits);
                w.Write(channelMask);
                w.Write(subFormat.ToByteArray());
            }

            return Chunk("fmt ", body);
        }

        public WavBuilder Data(byte[] samples, uint? declaredSize = null) => Chunk("data", samples, declaredSize);

        public WavBuilder Ds64(long riffSize, long dataSize, long sampleCount, int size = 28)
        {
            var body = new byte[size];
            var w = new BinaryWriter(new MemoryStream(body));
            if (size >= 24)
            {
                w.Write(riffSize);
                w.Write(dataSize);
                w.Write(sampleCount);
            }

            return Chunk("ds64", body);
        }

        public byte[] Build()
        {
            var output = new MemoryStream();
            var w = new BinaryWriter(output);
            w.Write(Encoding.ASCII.GetBytes(Container));
            w.Write(0u);
            w.Write(Encoding.ASCII.GetBytes(FormType));
            foreach (var (id, body, declared, pad) in chunks)
            {
                w.Write(Encoding.ASCII.GetBytes(id));
                w.Write(declared ?? (uint)body.Length);
                w.Write(body);
                if (pad && body.Length % 2 == 1)
                {
                    w.Write((byte)0);
                }
            }

            var bytes = output.ToArray();
            BitConverter.GetBytes(RiffSize ?? (uint)(bytes.Length - 8)).CopyTo(bytes, 4);
            return bytes;
        }
    }
}
