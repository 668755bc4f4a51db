using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    /// <summary>
    /// Crafted WAV files, good and bad, built byte by byte: each good one decodes to the samples written into it,
    /// each bad one fails with its specific reason and a message that names the file and the problem. Every case
    /// runs under a timeout, so a reader that loops on bad input fails instead of hanging the run.
    /// </summary>
    public class WavCorpusTests
    {
        private const string FileName = "crafted.wav";
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
        private static readonly float[] Tone = TestSignals.Sine(440, 8000, 400, 0.5);
        private static readonly float[] StereoTone = Interleave(TestSignals.Sine(440, 8000, 300, 0.5), TestSignals.Sine(660, 8000, 300, 0.25));

        private sealed class Good
        {
            public Good(Func<byte[]> build, SampleEncoding encoding, int bits, int rate, int channels, float[] expected, double tolerance,
                string? warning = null, bool nonSeekable = false, uint channelMask = 0, string container = "RIFF")
            {
                Build = build;
                Format = new AudioFormat(encoding, bits, rate, channels, channelMask);
                Expected = expected;
                Tolerance = tolerance;
                Warning = warning;
                NonSeekable = nonSeekable;
                Container = container;
            }

            public Func<byte[]> Build { get; }
            public AudioFormat Format { get; }
            public float[] Expected { get; }
            public double Tolerance { get; }
            public string? Warning { get; }
            public bool NonSeekable { get; }
            public string Container { get; }
        }

        private sealed class Bad
        {
            public Bad(Func<byte[]> build, AudioFormatError reason, params string[] mentions)
            {
                Build = build;
                Reason = reason;
                Mentions = mentions;
            }

            public Func<byte[]> Build { get; }
            public AudioFormatError Reason { get; }
            public string[] Mentions { get; }
            public bool NonSeekable { get; init; }
        }

        private static readonly byte[] ALawCodes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        private static readonly Dictionary<string, Good> GoodFiles = new()
        {
            ["pcm8-mono"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 8).Data(TestSignals.Pcm(Tone, 8)).Build(),
                SampleEncoding.Pcm, 8, 8000, 1, Tone, 1.0 / 128),
            ["pcm16-stereo"] = new(() => new WavBuilder().Fmt(1, 2, 8000, 16).Data(TestSignals.Pcm16(StereoTone)).Build(),
                SampleEncoding.Pcm, 16, 8000, 2, StereoTone, 1.0 / 32768),
            ["pcm24-mono"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 24).Data(TestSignals.Pcm(Tone, 24)).Build(),
                SampleEncoding.Pcm, 24, 8000, 1, Tone, 1.0 / 8388608),
            ["pcm32-mono"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 32).Data(TestSignals.Pcm(Tone, 32)).Build(),
                SampleEncoding.Pcm, 32, 8000, 1, Tone, 1e-7),
            ["float32-stereo"] = new(() => new WavBuilder().Fmt(3, 2, 8000, 32).Chunk("fact", new byte[4]).Data(TestSignals.Float32(StereoTone)).Build(),
                SampleEncoding.Float, 32, 8000, 2, StereoTone, 0),
            ["float64-mono"] = new(() => new WavBuilder().Fmt(3, 1, 8000, 64).Data(TestSignals.Float64(Tone)).Build(),
                SampleEncoding.Float, 64, 8000, 1, Tone, 0),
            ["alaw-all-codes"] = new(() => new WavBuilder().Fmt(6, 1, 8000, 8, fmtSize: 18).Data(ALawCodes).Build(),
                SampleEncoding.ALaw, 8, 8000, 1, ALawCodes.Select(c => G711.ALawToLinear(c) / 32768f).ToArray(), 0),
            ["mulaw-all-codes"] = new(() => new WavBuilder().Fmt(7, 1, 8000, 8, fmtSize: 18).Data(ALawCodes).Build(),
                SampleEncoding.MuLaw, 8, 8000, 1, ALawCodes.Select(c => G711.MuLawToLinear(c) / 32768f).ToArray(), 0),
            ["extensible-pcm16-stereo-mask"] = new(() => new WavBuilder().FmtExtensible(WavBuilder.PcmSubFormat, 2, 8000, 16, 16, 0x3)
                    .Data(TestSignals.Pcm16(StereoTone)).Build(),
                SampleEncoding.Pcm, 16, 8000, 2, StereoTone, 1.0 / 32768, channelMask: 0x3),
            ["extensible-float-5.1"] = new(() => new WavBuilder().FmtExtensible(WavBuilder.FloatSubFormat, 6, 8000, 32, 32, 0x3F)
                    .Data(TestSignals.Float32(Six(Tone))).Build(),
                SampleEncoding.Float, 32, 8000, 6, Six(Tone), 0, channelMask: 0x3F),
            ["extensible-alaw"] = new(() => new WavBuilder().FmtExtensible(WavBuilder.ALawSubFormat, 1, 8000, 8, 8, 0x4).Data(ALawCodes).Build(),
                SampleEncoding.ALaw, 8, 8000, 1, ALawCodes.Select(c => G711.ALawToLinear(c) / 32768f).ToArray(), 0, channelMask: 0x4),
            ["extensible-mulaw"] = new(() => new WavBuilder().FmtExtensible(WavBuilder.MuLawSubFormat, 1, 8000, 8, 8, 0x4).Data(ALawCodes).Build(),
                SampleEncoding.MuLaw, 8, 8000, 1, ALawCodes.Select(c => G711.MuLawToLinear(c) / 32768f).ToArray(), 0, channelMask: 0x4),
            ["extensible-24-in-32"] = new(() => new WavBuilder().FmtExtensible(WavBuilder.PcmSubFormat, 1, 8000, 32, 24, 0x4)
                    .Data(TestSignals.Pcm(Tone, 32)).Build(),
                SampleEncoding.Pcm, 32, 8000, 1, Tone, 1e-7, channelMask: 0x4),
            ["rf64-ds64"] = new(() => new WavBuilder { Container = "RF64", RiffSize = uint.MaxValue }
                    .Ds64(0, Tone.Length * 2, Tone.Length).Fmt(1, 1, 8000, 16).Data(TestSignals.Pcm16(Tone), declaredSize: uint.MaxValue)
                    .Chunk("LIST", new byte[10]).Build(),
                SampleEncoding.Pcm, 16, 8000, 1, Tone, 1.0 / 32768, container: "RF64"),
            ["bw64-ds64"] = new(() => new WavBuilder { Container = "BW64", RiffSize = uint.MaxValue }
                    .Ds64(0, Tone.Length * 2, Tone.Length).Fmt(1, 1, 8000, 16).Data(TestSignals.Pcm16(Tone), declaredSize: uint.MaxValue).Build(),
                SampleEncoding.Pcm, 16, 8000, 1, Tone, 1.0 / 32768, container: "BW64"),
            ["unknown-chunks-odd-sizes"] = new(() => new WavBuilder().Chunk("JUNK", new byte[3]).Fmt(1, 1, 8000, 16)
                    .Chunk("LIST", new byte[7]).Chunk("bext", new byte[602]).Chunk("fact", new byte[4]).Data(TestSignals.Pcm16(Tone))
                    .Chunk("id3 ", new byte[5]).Build(),
                SampleEncoding.Pcm, 16, 8000, 1, Tone, 1.0 / 32768),
            ["unknown-chunks-non-seekable"] = new(() => new WavBuilder().Chunk("LIST", new byte[4001]).Fmt(1, 1, 8000, 16)
                    .Chunk("JUNK", new byte[2500]).Data(TestSignals.Pcm16(Tone)).Build(),
                SampleEncoding.Pcm, 16, 8000, 1, Tone, 1.0 / 32768, nonSeekable: true),
            ["zero-length-chunks"] = new(() => Enumerable.Range(0, 50).Aggregate(new WavBuilder().Fmt(1, 1, 8000, 16), (b, _) => b.Chunk("JUNK", Array.Empty<byte>()))
                    .Data(TestSignals.Pcm16(Tone)).Build(),
                SampleEncoding.Pcm, 16, 8000, 1, Tone, 1.0 / 32768),
            ["data-size-zero-streaming"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 16).Data(TestSignals.Pcm16(Tone), declaredSize: 0).Build(),
                SampleEncoding.Pcm, 16, 8000, 1, Tone, 1.0 / 32768, warning: "reading to the end"),
            ["data-size-ffffffff-streaming"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 16).Data(TestSignals.Pcm16(Tone), declaredSize: uint.MaxValue).Build(),
                SampleEncoding.Pcm, 16, 8000, 1, Tone, 1.0 / 32768, warning: "reading to the end", nonSeekable: true),
            ["to-end-24bit-stereo-pipe"] = new(() => new WavBuilder().Fmt(1, 2, 8000, 24).Data(TestSignals.Pcm(StereoTone, 24), declaredSize: uint.MaxValue).Build(),
                SampleEncoding.Pcm, 24, 8000, 2, StereoTone, 1.0 / 8388608, warning: "reading to the end", nonSeekable: true),
            ["truncated-data"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 16).Data(TestSignals.Pcm16(Tone), declaredSize: 100000).Build(),
                SampleEncoding.Pcm, 16, 8000, 1, Tone, 1.0 / 32768, warning: "declares 100000 bytes but the input ends after 800"),
            ["partial-last-frame"] = new(() => new WavBuilder().Fmt(1, 2, 8000, 16).Data(TestSignals.Pcm16(StereoTone).Concat(new byte[] { 1, 2, 3 }).ToArray()).Build(),
                SampleEncoding.Pcm, 16, 8000, 2, StereoTone, 1.0 / 32768, warning: "partial frame of 3 byte(s)"),
            ["fmt-after-data-seekable"] = new(() => new WavBuilder().Data(TestSignals.Pcm16(Tone)).Fmt(1, 1, 8000, 16).Build(),
                SampleEncoding.Pcm, 16, 8000, 1, Tone, 1.0 / 32768),
            ["wrong-byte-rate"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 16, byteRate: 12345).Data(TestSignals.Pcm16(Tone)).Build(),
                SampleEncoding.Pcm, 16, 8000, 1, Tone, 1.0 / 32768, warning: "byte rate (12345)"),
            ["twelve-bit-in-16"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 12).Data(TestSignals.Pcm16(Tone)).Build(),
                SampleEncoding.Pcm, 16, 8000, 1, Tone, 1.0 / 32768),
            ["empty-data"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 16).Build().Concat(new byte[] { (byte)'d', (byte)'a', (byte)'t', (byte)'a', 0, 0, 0, 0 }).ToArray(),
                SampleEncoding.Pcm, 16, 8000, 1, Array.Empty<float>(), 0, warning: "reading to the end"),
        };

        private static readonly Dictionary<string, Bad> BadFiles = new()
        {
            ["empty-file"] = new(() => Array.Empty<byte>(), AudioFormatError.NotWav, "empty"),
            ["text-file"] = new(() => "hello, world, this is not audio"u8.ToArray(), AudioFormatError.NotWav, "not a WAV file: it starts with 'hell' (bytes 68 65 6C 6C), not 'RIFF' or 'RF64'."),
            ["binary-file"] = new(() => new byte[] { 0x00, 0x01, 0xFE, 0x7F, 0x10, 0x20, 0x30, 0x40, 0, 0, 0, 0 }, AudioFormatError.NotWav,
                "it starts with bytes 00 01 FE 7F, not 'RIFF'"),
            ["mp3-with-id3"] = new(() => "ID3\u0004\0\0\0\0\0\0\0\0\0\0"u8.ToArray(), AudioFormatError.NotWav,
                "not a WAV file: it starts with 'ID3', so it looks like an MP3 file", "ffmpeg"),
            ["ogg"] = new(() => "OggS\0\u0002\0\0\0\0\0\0\0\0"u8.ToArray(), AudioFormatError.NotWav, "'OggS'", "Ogg"),
            ["flac"] = new(() => "fLaC\0\0\0\"\0\0\0\0\0\0"u8.ToArray(), AudioFormatError.NotWav, "starts with 'fLaC'", "a FLAC file"),
            ["riff-avi"] = new(() => new WavBuilder { FormType = "AVI " }.Chunk("LIST", new byte[8]).Build(), AudioFormatError.NotWav, "'AVI '"),
            ["rifx-big-endian"] = new(() => new WavBuilder { Container = "RIFX" }.Fmt(1, 1, 8000, 16).Build(), AudioFormatError.NotWav, "RIFX"),
            ["riff-header-only"] = new(() => "RIFF\0\0\0\0"u8.ToArray(), AudioFormatError.NotWav, "ends inside the RIFF header"),
            ["ms-adpcm"] = new(() => new WavBuilder().Fmt(2, 1, 8000, 4, blockAlign: 256, fmtSize: 20).Data(new byte[512]).Build(),
                AudioFormatError.UnsupportedCodec, "Microsoft ADPCM", "0x0002"),
            ["ima-adpcm"] = new(() => new WavBuilder().Fmt(0x11, 1, 8000, 4, blockAlign: 256, fmtSize: 20).Data(new byte[512]).Build(),
                AudioFormatError.UnsupportedCodec, "IMA ADPCM", "0x0011"),
            ["mp3-in-wav"] = new(() => new WavBuilder().Fmt(0x55, 1, 44100, 0, blockAlign: 1, fmtSize: 30).Data(new byte[512]).Build(),
                AudioFormatError.UnsupportedCodec, "MPEG Layer 3", "0x0055"),
            ["gsm-610"] = new(() => new WavBuilder().Fmt(0x31, 1, 8000, 0, blockAlign: 65, fmtSize: 20).Data(new byte[650]).Build(),
                AudioFormatError.UnsupportedCodec, "GSM 6.10", "0x0031"),
            ["extensible-unknown-subformat"] = new(() => new WavBuilder().FmtExtensible(new Guid("00000001-0721-11d3-8644-c8c1ca000000"), 4, 8000, 16, 16, 0)
                    .Data(new byte[80]).Build(), AudioFormatError.UnsupportedCodec, "sub-format", "00000001-0721-11d3-8644-c8c1ca000000"),
            ["extensible-too-short"] = new(() => new WavBuilder().FmtExtensible(WavBuilder.PcmSubFormat, 1, 8000, 16, 16, 0, fmtSize: 18)
                    .Data(new byte[80]).Build(), AudioFormatError.InvalidHeader, "WAVE_FORMAT_EXTENSIBLE", "needs 40"),
            ["no-fmt"] = new(() => new WavBuilder().Chunk("LIST", new byte[4]).Data(new byte[80]).Build(), AudioFormatError.MissingFormatChunk, "fmt"),
            ["no-fmt-non-seekable"] = new(() => new WavBuilder().Data(new byte[80]).Fmt(1, 1, 8000, 16).Build(), AudioFormatError.MissingFormatChunk,
                "before any fmt chunk") { NonSeekable = true },
            ["no-data"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 16).Chunk("LIST", new byte[20]).Build(), AudioFormatError.MissingDataChunk, "no data chunk"),
            ["chunk-size-past-eof"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 16).Chunk("LIST", new byte[20], declaredSize: 0x7FFFFFF0).Build(),
                AudioFormatError.MissingDataChunk, "no data chunk"),
            ["chunk-size-past-eof-non-seekable"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 16).Chunk("LIST", new byte[20], declaredSize: 0xFFFFFFF0).Build(),
                AudioFormatError.MissingDataChunk, "no data chunk") { NonSeekable = true },
            ["zero-channels"] = new(() => new WavBuilder().Fmt(1, 0, 8000, 16, blockAlign: 2).Data(new byte[80]).Build(), AudioFormatError.InvalidHeader, "0 channels"),
            ["too-many-channels"] = new(() => new WavBuilder().Fmt(1, 65, 8000, 16).Data(new byte[130]).Build(), AudioFormatError.InvalidHeader, "65 channels"),
            ["zero-sample-rate"] = new(() => new WavBuilder().Fmt(1, 1, 0, 16).Data(new byte[80]).Build(), AudioFormatError.InvalidHeader, "sample rate of 0 Hz"),
            ["absurd-sample-rate"] = new(() => new WavBuilder().Fmt(1, 1, 2_000_000, 16).Data(new byte[80]).Build(), AudioFormatError.InvalidHeader, "2000000 Hz"),
            ["block-align-mismatch"] = new(() => new WavBuilder().Fmt(1, 2, 8000, 16, blockAlign: 3).Data(new byte[80]).Build(), AudioFormatError.InvalidHeader,
                "block align is 3", "take 4"),
            ["zero-bits"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 0, blockAlign: 2).Data(new byte[80]).Build(), AudioFormatError.InvalidHeader, "0 bits"),
            ["pcm-48-bit"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 48).Data(new byte[96]).Build(), AudioFormatError.InvalidHeader, "48 bits"),
            ["float-16-bit"] = new(() => new WavBuilder().Fmt(3, 1, 8000, 16).Data(new byte[80]).Build(), AudioFormatError.InvalidHeader, "32 or 64 bits, not 16"),
            ["alaw-16-bit"] = new(() => new WavBuilder().Fmt(6, 1, 8000, 16).Data(new byte[80]).Build(), AudioFormatError.InvalidHeader, "A-law", "8 bits, not 16"),
            ["fmt-too-short"] = new(() => new WavBuilder().Fmt(1, 1, 8000, 16, fmtSize: 12).Data(new byte[80]).Build(), AudioFormatError.InvalidHeader,
                "fmt chunk is 12 bytes"),
            ["ds64-too-short"] = new(() => new WavBuilder { Container = "RF64" }.Ds64(0, 0, 0, size: 8).Fmt(1, 1, 8000, 16).Data(new byte[80]).Build(),
                AudioFormatError.InvalidHeader, "ds64"),
            ["fmt-truncated-by-eof"] = new(() => new WavBuilder().Build().Concat("fmt \u0010\0\0\0\u0001\0"u8.ToArray()).ToArray(), AudioFormatError.InvalidHeader,
                "ends inside its header"),
        };

        public static TheoryData<string> GoodNames() => new(GoodFiles.Keys);

        public static TheoryData<string> BadNames() => new(BadFiles.Keys);

        [Fact]
        public void The_corpus_has_at_least_25_files_of_each_kind_together()
        {
            Assert.True(GoodFiles.Count + BadFiles.Count >= 25);
            Assert.True(GoodFiles.Count >= 10 && BadFiles.Count >= 10);
        }

        [Theory]
        [MemberData(nameof(GoodNames))]
        public async Task Good_file_decodes_to_what_was_written(string name)
        {
            var file = GoodFiles[name];
            var bytes = file.Build();
            Stream stream = new MemoryStream(bytes);
            if (file.NonSeekable)
            {
                stream = new NonSeekableStream(stream);
            }

            var reported = new List<AudioWarning>();
            using var cancellation = new CancellationTokenSource(Timeout);
            var work = Task.Run(async () =>
            {
                using var source = await WavAudioSource.OpenAsync(stream, FileName, false, new AudioReadOptions { OnWarning = reported.Add },
                    cancellation.Token);
                var samples = await TestSignals.ReadAllAsync(source, 97, cancellation.Token);
                return (source.Format, source.Info, samples, source.Warnings.ToList());
            });
            var (format, info, decoded, warnings) = await work.WaitAsync(Timeout);

            Assert.Equal(file.Format, format);
            Assert.Equal(file.Container, info.Container);
            Assert.Equal(file.Expected.Length, decoded.Length);
            for (var i = 0; i < decoded.Length; i++)
            {
                Assert.True(Math.Abs(file.Expected[i] - decoded[i]) <= file.Tolerance,
                    $"sample {i}: expected {file.Expected[i]}, decoded {decoded[i]}");
            }

            Assert.Equal(warnings.Select(w => w.Message), reported.Select(w => w.Message));
            if (file.Warning is null)
            {
                Assert.Empty(warnings);
            }
            else
            {
                Assert.Contains(warnings, w => w.Message.Contains(file.Warning, StringComparison.Ordinal) && w.SourceName == FileName);
            }
        }

        [Theory]
        [MemberData(nameof(BadNames))]
        public async Task Bad_file_fails_with_its_specific_reason(string name)
        {
            var file = BadFiles[name];
            Stream stream = new MemoryStream(file.Build());
            if (file.NonSeekable)
            {
                stream = new NonSeekableStream(stream);
            }

            using var cancellation = new CancellationTokenSource(Timeout);
            var work = Task.Run(async () =>
            {
                using var source = await WavAudioSource.OpenAsync(stream, FileName, false, null, cancellation.Token);
                await TestSignals.ReadAllAsync(source, 100, cancellation.Token);
            });
            var error = await Assert.ThrowsAsync<AudioFormatException>(() => work.WaitAsync(Timeout));

            Assert.Equal(file.Reason, error.Reason);
            Assert.Equal(FileName, error.SourceName);
            Assert.StartsWith($"'{FileName}': ", error.Message, StringComparison.Ordinal);
            foreach (var mention in file.Mentions)
            {
                Assert.Contains(mention, error.Message, StringComparison.OrdinalIgnoreCase);
            }
        }

        [Fact]
        public void Unsupported_codec_error_carries_the_format_tag()
        {
            var bytes = new WavBuilder().Fmt(0x31, 1, 8000, 0, blockAlign: 65, fmtSize: 20).Data(new byte[650]).Build();
            var error = Assert.Throws<AudioFormatException>(() =>
                WavAudioSource.OpenAsync(new MemoryStream(bytes), FileName, false, null, CancellationToken.None).GetAwaiter().GetResult());
            Assert.Equal(0x31, error.FormatTag);
        }

        [Fact]
        public async Task A_file_on_disk_is_named_in_errors_and_read_in_blocks()
        {
            var directory = TestSignals.TempDirectory();
            try
            {
                var good = Path.Combine(directory, "tone.wav");
                var long16 = TestSignals.Sine(1000, 16000, 16000 * 5);
                File.WriteAllBytes(good, new WavBuilder().Fmt(1, 1, 16000, 16).Data(TestSignals.Pcm16(long16)).Build());
                using (var source = await WavAudioSource.OpenAsync(good, new AudioReadOptions { BlockSize = 4096 }, CancellationToken.None))
                {
                    var decoded = await TestSignals.ReadAllAsync(source, 10000);
                    Assert.Equal(long16.Length, decoded.Length);
                    Assert.Equal(long16.Length * 2, source.BytesRead);
                }

                var bad = Path.Combine(directory, "notes.wav");
                File.WriteAllText(bad, "not audio at all");
                var error = await Assert.ThrowsAsync<AudioFormatException>(() => WavAudioSource.OpenAsync(bad, null, CancellationToken.None));
                Assert.Equal(bad, error.SourceName);
                Assert.Contains(bad, error.Message, StringComparison.Ordinal);
            }
            finally
            {
                Directory.Delete(directory, true);
            }
        }

        private static float[] Interleave(float[] left, float[] right)
        {
            var result = new float[left.Length * 2];
            for (var i = 0; i < left.Length; i++)
            {
                result[2 * i] = left[i];
                result[2 * i + 1] = right[i];
            }

            return result;
        }

        private static float[] Six(float[] mono)
        {
            var result = new float[mono.Length * 6];
            for (var i = 0; i < mono.Length; i++)
            {
                for (var c = 0; c < 6; c++)
                {
                    result[i * 6 + c] = mono[i] * (c + 1) / 6;
                }
            }

            return result;
        }
    }
}
