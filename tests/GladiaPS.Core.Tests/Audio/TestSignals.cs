using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    /// <summary>Signals and helpers the audio tests share; encoders here are written independently of the library's.</summary>
    internal static class TestSignals
    {
        public static float[] Sine(double frequency, int sampleRate, int frames, double amplitude = 0.5, int channels = 1, double phase = 0)
        {
            var samples = new float[frames * channels];
            for (var i = 0; i < frames; i++)
            {
                var value = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate + phase));
                for (var c = 0; c < channels; c++)
                {
                    samples[i * channels + c] = value;
                }
            }

            return samples;
        }

        public static byte[] Pcm16(float[] samples)
        {
            var bytes = new byte[samples.Length * 2];
            for (var i = 0; i < samples.Length; i++)
            {
                var value = (short)Math.Max(-32768, Math.Min(32767, Math.Round(samples[i] * 32768.0, MidpointRounding.AwayFromZero)));
                bytes[2 * i] = (byte)value;
                bytes[2 * i + 1] = (byte)(value >> 8);
            }

            return bytes;
        }

        public static byte[] Pcm(float[] samples, int bits)
        {
            var size = bits / 8;
            var bytes = new byte[samples.Length * size];
            for (var i = 0; i < samples.Length; i++)
            {
                if (bits == 8)
                {
                    bytes[i] = (byte)(Math.Max(-128, Math.Min(127, Math.Round(samples[i] * 128.0, MidpointRounding.AwayFromZero))) + 128);
                    continue;
                }

                var scale = Math.Pow(2, bits - 1);
                var value = (long)Math.Max(-scale, Math.Min(scale - 1, Math.Round(samples[i] * scale, MidpointRounding.AwayFromZero)));
                for (var b = 0; b < size; b++)
                {
                    bytes[i * size + b] = (byte)(value >> (8 * b));
                }
            }

            return bytes;
        }

        public static byte[] Float32(float[] samples)
        {
            var bytes = new byte[samples.Length * 4];
            Buffer.BlockCopy(samples, 0, bytes, 0, bytes.Length);
            return bytes;
        }

        public static byte[] Float64(float[] samples)
        {
            var bytes = new byte[samples.Length * 8];
            for (var i = 0; i < samples.Length; i++)
            {
                BitConverter.GetBytes((double)samples[i]).CopyTo(bytes, i * 8);
            }

            return bytes;
        }

        public static async Task<float[]> ReadAllAsync(IAudioSource source, int bufferFrames = 1000, CancellationToken cancellationToken = default)
        {
            var result = new List<float>();
            var buffer = new float[bufferFrames * source.Format.Channels];
            while (true)
            {
                var read = await source.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return result.ToArray();
                }

                Assert.Equal(0, read % source.Format.Channels);
                for (var i = 0; i < read; i++)
                {
                    result.Add(buffer[i]);
                }
            }
        }

        /// <summary>One channel of an interleaved signal.</summary>
        public static float[] Channel(float[] interleaved, int channels, int channel)
        {
            var result = new float[interleaved.Length / channels];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = interleaved[i * channels + channel];
            }

            return result;
        }

        /// <summary>The amplitude of the component at <paramref name="frequency"/> (least-squares fit of sin and cos).</summary>
        public static double Amplitude(ReadOnlySpan<float> samples, double frequency, int sampleRate)
        {
            double ss = 0, cc = 0, sc = 0, xs = 0, xc = 0;
            for (var i = 0; i < samples.Length; i++)
            {
                var angle = 2 * Math.PI * frequency * i / sampleRate;
                double s = Math.Sin(angle), c = Math.Cos(angle);
                ss += s * s;
                cc += c * c;
                sc += s * c;
                xs += samples[i] * s;
                xc += samples[i] * c;
            }

            var det = ss * cc - sc * sc;
            var a = (xs * cc - xc * sc) / det;
            var b = (xc * ss - xs * sc) / det;
            return Math.Sqrt(a * a + b * b);
        }

        public static double Rms(ReadOnlySpan<float> samples)
        {
            double sum = 0;
            foreach (var s in samples)
            {
                sum += s * (double)s;
            }

            return Math.Sqrt(sum / Math.Max(1, samples.Length));
        }

        public static string TempDirectory()
        {
            var path = Path.Combine(Path.GetTempPath(), "gladiaps-audio-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>A stream that refuses to seek, like a pipe.</summary>
    internal sealed class NonSeekableStream : Stream
    {
        private readonly Stream inner;

        public NonSeekableStream(Stream inner) => this.inner = inner;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 1000));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
