using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GladiaPS.Perf
{
    /// <summary>
    /// Tone-word WAV files (docs/tone-words.md) with the pattern of tests/GladiaPS.Driver/benchmark/make-tone-wav.sh, written
    /// without sox: each minute is 0.3 s of silence, then 38 three-word utterances (a word is a 200 ms tone at half scale with
    /// 10 ms linear fades and 40 ms of silence; 800 ms between utterances) cycling through the vocabulary, then silence to the
    /// minute. A length that is not whole minutes ends with as many utterances of the pattern as fit, then silence.
    /// </summary>
    internal static class ToneFiles
    {
        public static readonly string[] Vocabulary =
        {
            "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
            "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa",
            "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray",
            "yankee", "zulu", "zero", "one", "two", "three", "four", "five",
        };

        private const double Lead = 0.3;
        private const double Word = 0.2;
        private const double WordPad = 0.04;
        private const double Gap = 0.8;
        private const double Utterance = 3 * (Word + WordPad) + Gap; // 1.52 s
        private const int UtterancesPerMinute = 38;

        /// <summary>The sample formats written.</summary>
        public enum Kind
        {
            /// <summary>16-bit PCM, mono.</summary>
            Pcm16Mono,

            /// <summary>16-bit PCM, stereo, the same words on both channels.</summary>
            Pcm16Stereo,

            /// <summary>32-bit IEEE float, stereo, the same words on both channels.</summary>
            Float32Stereo,
        }

        /// <summary>How many utterances a part-minute of this length holds (the last one ends 0.3 s before the end at least).</summary>
        private static int UtterancesIn(double seconds)
        {
            if (seconds >= 60)
            {
                return UtterancesPerMinute;
            }

            var n = (int)Math.Floor((seconds - Lead - 0.3 + Gap) / Utterance);
            return Math.Max(0, Math.Min(UtterancesPerMinute, n));
        }

        /// <summary>The expected final transcripts of one channel, in order.</summary>
        public static List<string> ExpectedUtterances(int seconds)
        {
            var result = new List<string>();
            for (var start = 0; start < seconds; start += 60)
            {
                var n = UtterancesIn(Math.Min(60, seconds - start));
                for (var u = 0; u < n; u++)
                {
                    result.Add(Vocabulary[(3 * u) % 32] + " " + Vocabulary[(3 * u + 1) % 32] + " " + Vocabulary[(3 * u + 2) % 32]);
                }
            }

            return result;
        }

        /// <summary>One channel of one (part-)minute as samples in [-0.5, 0.5].</summary>
        private static float[] Minute(int rate, double seconds)
        {
            var samples = new float[(int)Math.Round(seconds * rate)];
            var n = UtterancesIn(seconds);
            var position = (int)Math.Round(Lead * rate);
            var wordSamples = (int)Math.Round(Word * rate);
            var fade = 0.01 * rate;
            for (var u = 0; u < n; u++)
            {
                for (var w = 0; w < 3; w++)
                {
                    var frequency = 500 + 75 * ((3 * u + w) % 32);
                    for (var i = 0; i < wordSamples; i++)
                    {
                        var envelope = Math.Min(1.0, Math.Min(i / fade, (wordSamples - i) / fade));
                        samples[position + i] = (float)(0.5 * envelope * Math.Sin(2 * Math.PI * frequency * i / rate));
                    }

                    position += wordSamples + (int)Math.Round(WordPad * rate);
                }

                position += (int)Math.Round(Gap * rate);
            }

            return samples;
        }

        /// <summary>Writes SECONDS of tone words at RATE in the given kind; returns the bytes of the data chunk.</summary>
        public static long Write(string path, int seconds, int rate, Kind kind)
        {
            var channels = kind == Kind.Pcm16Mono ? 1 : 2;
            var bytesPerSample = kind == Kind.Float32Stereo ? 4 : 2;
            var dataBytes = (long)seconds * rate * channels * bytesPerSample;
            var temp = path + ".part";
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                WriteHeader(file, rate, channels, bytesPerSample * 8, kind == Kind.Float32Stereo ? (short)3 : (short)1, dataBytes);
                float[]? full = null;
                for (var start = 0; start < seconds; start += 60)
                {
                    var length = Math.Min(60, seconds - start);
                    var samples = length == 60 ? (full ??= Minute(rate, 60)) : Minute(rate, length);
                    var bytes = Encode(samples, channels, kind);
                    file.Write(bytes, 0, bytes.Length);
                }
            }

            File.Move(temp, path, overwrite: true);
            return dataBytes;
        }

        private static byte[] Encode(float[] samples, int channels, Kind kind)
        {
            var bytesPerSample = kind == Kind.Float32Stereo ? 4 : 2;
            var bytes = new byte[samples.Length * channels * bytesPerSample];
            var o = 0;
            foreach (var sample in samples)
            {
                for (var c = 0; c < channels; c++)
                {
                    if (kind == Kind.Float32Stereo)
                    {
                        BitConverter.TryWriteBytes(bytes.AsSpan(o, 4), sample);
                        o += 4;
                    }
                    else
                    {
                        var value = (short)Math.Round(sample * 32767.0);
                        bytes[o] = (byte)value;
                        bytes[o + 1] = (byte)(value >> 8);
                        o += 2;
                    }
                }
            }

            return bytes;
        }

        private static void WriteHeader(Stream stream, int rate, int channels, int bits, short formatTag, long dataBytes)
        {
            using var writer = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true);
            var blockAlign = (short)(channels * bits / 8);
            writer.Write(Encoding.ASCII.GetBytes("RIFF"));
            writer.Write((uint)(36 + dataBytes));
            writer.Write(Encoding.ASCII.GetBytes("WAVE"));
            writer.Write(Encoding.ASCII.GetBytes("fmt "));
            writer.Write(16);
            writer.Write(formatTag);
            writer.Write((short)channels);
            writer.Write(rate);
            writer.Write(rate * blockAlign);
            writer.Write(blockAlign);
            writer.Write((short)bits);
            writer.Write(Encoding.ASCII.GetBytes("data"));
            writer.Write((uint)dataBytes);
        }
    }
}
