using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using GladiaPS.Core.Audio.Dsp;
using GladiaPS.Core.Audio.Streaming;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Core.Tests.Audio
{
    /// <summary>
    /// Every session format (5 rates × PCM 8/16/24/32, A-law, mu-law) with 1, 2 and 8 channels: a tone-word WAV in
    /// another format (another rate, depth and encoding, so every case really converts) is read, converted, encoded,
    /// chunked, then recognised in the session's format; every channel must read back as its own phrase.
    /// </summary>
    public class ToneWordRoundTripTests
    {
        private static readonly int[] Rates = { 8000, 16000, 32000, 44100, 48000 };

        private static readonly (AudioEncoding Encoding, int Bits)[] Encodings =
        {
            (AudioEncoding.Pcm, 8), (AudioEncoding.Pcm, 16), (AudioEncoding.Pcm, 24), (AudioEncoding.Pcm, 32),
            (AudioEncoding.ALaw, 8), (AudioEncoding.MuLaw, 8),
        };

        private static readonly string[] Phrases =
        {
            "alpha bravo charlie | delta echo", "foxtrot golf | hotel india juliett", "kilo lima mike | november",
            "oscar papa quebec", "romeo | sierra tango", "uniform victor whiskey | xray", "yankee zulu | zero one two",
            "three four five | alpha",
        };

        public static TheoryData<string, int, int, int, int, int> Cases()
        {
            var all = Rates.SelectMany(rate => Encodings.Select(e => (e.Encoding, e.Bits, rate))).ToList();
            var data = new TheoryData<string, int, int, int, int, int>();
            for (var i = 0; i < all.Count; i++)
            {
                var target = all[i];
                var input = all[(i + 7) % all.Count];
                foreach (var channels in new[] { 1, 2, 8 })
                {
                    data.Add(target.Encoding.ToString(), target.Bits, target.rate, channels, input.rate,
                        (int)input.Encoding * 100 + input.Bits);
                }
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task Phrase_survives_conversion_to_the_session_format(string encoding, int bits, int rate, int channels, int inputRate,
            int inputCode)
        {
            var target = new SessionAudioFormat(Enum.Parse<AudioEncoding>(encoding), bits, rate, channels);
            var inputEncoding = (AudioEncoding)(inputCode / 100);
            var inputFormat = new ToneAudioFormat(ToTone(inputEncoding), inputCode % 100, inputRate, channels);
            var phrases = Phrases.Take(channels).ToArray();
            var signal = ToneSignalWriter.Synthesize(phrases, inputRate);
            var wav = ToneSignalWriter.ToWav(signal, inputFormat);

            var converted = await ConvertAsync(new MemoryStream(wav), target);

            AssertTranscripts(converted, target, phrases);
        }

        [Theory]
        [InlineData(32, 48000, 16000, 2)]
        [InlineData(64, 44100, 8000, 8)]
        [InlineData(32, 22050, 32000, 1)]
        public async Task Float_wav_input_survives_conversion(int floatBits, int inputRate, int rate, int channels)
        {
            var phrases = Phrases.Take(channels).ToArray();
            var signal = ToneSignalWriter.Synthesize(phrases, inputRate);
            var interleaved = new float[signal.SampleCount * channels];
            for (var i = 0; i < signal.SampleCount; i++)
            {
                for (var c = 0; c < channels; c++)
                {
                    interleaved[i * channels + c] = signal.Channels[c][i];
                }
            }

            var data = floatBits == 32 ? TestSignals.Float32(interleaved) : TestSignals.Float64(interleaved);
            var wav = new WavBuilder().FmtExtensible(WavBuilder.FloatSubFormat, channels, inputRate, floatBits, floatBits, 0).Data(data).Build();
            var target = new SessionFormatChooser().Choose(new AudioFormat(SampleEncoding.Float, floatBits, rate, channels));

            var converted = await ConvertAsync(new MemoryStream(wav), target);

            Assert.Equal(AudioEncoding.Pcm, target.Encoding);
            Assert.Equal(16, target.BitDepth);
            AssertTranscripts(converted, target, phrases);
        }

        [Fact]
        public async Task Raw_input_with_an_explicit_format_survives_conversion()
        {
            var phrases = Phrases.Take(2).ToArray();
            var raw = ToneSignalWriter.Encode(ToneSignalWriter.Synthesize(phrases, 8000), ToneAudioFormat.MuLaw(8000, 2));
            var target = new SessionAudioFormat(AudioEncoding.Pcm, 16, 16000, 2);
            using var source = RawAudioSource.FromBytes(raw, new AudioFormat(SampleEncoding.MuLaw, 8, 8000, 2), "call.ulaw");
            using var chunker = new AudioChunker(AudioConverter.ToSessionLayout(source, target), target);
            var bytes = new List<byte>();
            await foreach (var chunk in chunker.ReadAllAsync())
            {
                bytes.AddRange(chunk.Data.ToArray());
            }

            AssertTranscripts(bytes.ToArray(), target, phrases);
        }

        [Fact]
        public async Task Stereo_down_mixed_to_mono_keeps_a_phrase_carried_on_both_channels()
        {
            var phrase = "golf hotel | india";
            var signal = ToneSignalWriter.Synthesize(new[] { phrase, phrase }, 44100);
            var wav = ToneSignalWriter.ToWav(signal, ToneAudioFormat.Pcm(24, 44100, 2));
            var converted = await ConvertAsync(new MemoryStream(wav), SessionAudioFormat.Default);
            AssertTranscripts(converted, SessionAudioFormat.Default, new[] { phrase });
        }

        internal static async Task<byte[]> ConvertAsync(Stream wav, SessionAudioFormat target)
        {
            using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            using var source = await WavAudioSource.OpenAsync(wav, "tone.wav", false, null, cancellation.Token);
            using var chunker = new AudioChunker(AudioConverter.ToSessionLayout(source, target), target);
            var output = new MemoryStream();
            await foreach (var chunk in chunker.ReadAllAsync(cancellation.Token))
            {
                Assert.True(chunk.Data.Length <= AudioChunker.MaxChunkBytes);
                Assert.Equal(0, chunk.Data.Length % target.BlockAlign);
                output.Write(chunk.Data.Span);
            }

            return output.ToArray();
        }

        internal static void AssertTranscripts(byte[] raw, SessionAudioFormat format, IReadOnlyList<string> phrases)
        {
            var toneFormat = new ToneAudioFormat(ToTone(format.Encoding), format.BitDepth, format.SampleRate, format.Channels);
            var utterances = ToneRecognizer.Recognize(raw, toneFormat);
            for (var c = 0; c < phrases.Count; c++)
            {
                Assert.Equal(TonePhrase.Normalize(phrases[c]), ToneRecognizer.Transcript(utterances, c));
            }
        }

        internal static ToneEncoding ToTone(AudioEncoding encoding) => encoding switch
        {
            AudioEncoding.ALaw => ToneEncoding.ALaw,
            AudioEncoding.MuLaw => ToneEncoding.MuLaw,
            _ => ToneEncoding.Pcm,
        };
    }
}
