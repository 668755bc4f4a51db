using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Benchmarks
{
    /// <summary>
    /// Writes the benchmark input, 48 kHz stereo 32-bit float, block by block (an hour is 1.4 GB; it is never held
    /// in memory): tone words cycling through the vocabulary, 200 ms tone and 50 ms gap, the right channel a word
    /// behind the left, with a little noise so no block is trivially compressible.
    /// </summary>
    internal static class InputGenerator
    {
        public const int SampleRate = 48000;
        public const int Channels = 2;

        public static async Task WriteAsync(string path, int seconds)
        {
            var frames = (long)seconds * SampleRate;
            var dataBytes = frames * Channels * 4;
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await file.WriteAsync(Header(dataBytes));
            var block = new float[SampleRate * Channels];
            var bytes = new byte[block.Length * 4];
            var random = new Random(1);
            var words = ToneVocabulary.Words.Count;
            for (long start = 0; start < frames; start += SampleRate)
            {
                var count = (int)Math.Min(SampleRate, frames - start);
                for (var i = 0; i < count; i++)
                {
                    var frame = start + i;
                    var slot = frame / (SampleRate / 4);
                    var inSlot = frame % (SampleRate / 4);
                    for (var c = 0; c < Channels; c++)
                    {
                        var word = (int)((slot + c) % words);
                        var tone = inSlot < SampleRate / 5
                            ? 0.5 * Math.Sin(2 * Math.PI * ToneVocabulary.FrequencyAt(word) * inSlot / SampleRate)
                            : 0;
                        block[i * Channels + c] = (float)(tone + (random.NextDouble() - 0.5) * 1e-3);
                    }
                }

                Buffer.BlockCopy(block, 0, bytes, 0, count * Channels * 4);
                await file.WriteAsync(bytes.AsMemory(0, count * Channels * 4));
            }
        }

        private static byte[] Header(long dataBytes)
        {
            var header = new MemoryStream();
            var writer = new BinaryWriter(header, Encoding.ASCII);
            var riffSize = dataBytes + 36 > uint.MaxValue ? uint.MaxValue : (uint)(dataBytes + 36);
            writer.Write("RIFF"u8.ToArray());
            writer.Write(riffSize);
            writer.Write("WAVE"u8.ToArray());
            writer.Write("fmt "u8.ToArray());
            writer.Write(16u);
            writer.Write((ushort)3);
            writer.Write((ushort)Channels);
            writer.Write((uint)SampleRate);
            writer.Write((uint)(SampleRate * Channels * 4));
            writer.Write((ushort)(Channels * 4));
            writer.Write((ushort)32);
            writer.Write("data"u8.ToArray());
            writer.Write(dataBytes > uint.MaxValue ? uint.MaxValue : (uint)dataBytes);
            return header.ToArray();
        }
    }
}
