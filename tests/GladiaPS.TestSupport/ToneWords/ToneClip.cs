using System;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>A synthesised signal together with its encoding in one format.</summary>
    public sealed class ToneClip
    {
        public ToneClip(ToneSignal signal, ToneAudioFormat format, byte[] raw)
        {
            Signal = signal ?? throw new ArgumentNullException(nameof(signal));
            Format = format ?? throw new ArgumentNullException(nameof(format));
            Raw = raw ?? throw new ArgumentNullException(nameof(raw));
        }

        public ToneSignal Signal { get; }

        public ToneAudioFormat Format { get; }

        /// <summary>Raw interleaved sample bytes, no header.</summary>
        public byte[] Raw { get; }

        public double Duration => Signal.Duration;

        /// <summary>The clip as a complete WAV file.</summary>
        public byte[] ToWav() => ToneWavWriter.Build(Format, Raw);
    }
}
