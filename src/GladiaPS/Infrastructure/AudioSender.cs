using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// Converts a source (a file, a stream, a device) to a session's format and hands it on in 100 ms chunks, paced as
    /// asked, until the source ends, <see cref="Limits.MaxSeconds"/> of audio are sent, or <see cref="Limits.ShouldStop"/> says so.
    /// </summary>
    internal static class AudioSender
    {
        /// <summary>A chunk whose loudest sample is below this (about -40 dBFS) counts as a pause.</summary>
        private const double QuietPeak = 0.01;

        /// <param name="send">Takes each chunk (valid until it returns), its seconds of audio, and whether it is quiet.</param>
        /// <param name="progress">Called with the seconds of audio sent so far, after each chunk.</param>
        /// <returns>Seconds of audio sent.</returns>
        public static async Task<double> SendAsync(
            IAudioSource source, SessionAudioFormat format, AudioPace pace, Func<ReadOnlyMemory<byte>, double, bool, Task> send,
            Limits limits, Action<double>? progress, CancellationToken cancellationToken)
        {
            using var converted = AudioConverter.ToSessionLayout(source, format);
            using var chunker = new AudioChunker(converted, format);
            var pacer = new AudioPacer(pace == AudioPace.RealTime ? PacingMode.RealTime : PacingMode.AsFastAsPossible);
            var buffer = new byte[chunker.BytesPerChunk];
            var maxFrames = limits.MaxSeconds is { } seconds ? (long)Math.Round(seconds * format.SampleRate) : long.MaxValue;
            for (long index = 0; chunker.FramesWritten < maxFrames && !limits.ShouldStop(); index++)
            {
                var offset = chunker.FramesWritten;
                var length = await chunker.ReadChunkAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (length == 0)
                {
                    break;
                }

                var frames = length / format.BlockAlign;
                if (offset + frames > maxFrames)
                {
                    frames = (int)(maxFrames - offset);
                    length = frames * format.BlockAlign;
                }

                var chunk = new AudioChunk(index, offset, frames, format.SampleRate, new ReadOnlyMemory<byte>(buffer, 0, length));
                await pacer.WaitForAsync(chunk, cancellationToken).ConfigureAwait(false);
                await send(chunk.Data, (double)frames / format.SampleRate, IsQuiet(chunk.Data.Span, format)).ConfigureAwait(false);
                progress?.Invoke((double)Math.Min(chunker.FramesWritten, maxFrames) / format.SampleRate);
            }

            return (double)Math.Min(chunker.FramesWritten, maxFrames) / format.SampleRate;
        }

        /// <summary>Seconds of audio in the source when its header says, else null.</summary>
        public static double? Duration(IAudioSource source) =>
            source is WavAudioSource { Info.DataLength: long bytes } wav && wav.Format.ByteRate > 0 ? (double)bytes / wav.Format.ByteRate : null;

        /// <summary>True when no sample of the encoded audio reaches <see cref="QuietPeak"/>; stops at the first that does.</summary>
        [MethodImpl(HotLoop.FullyOptimized)]
        internal static bool IsQuiet(ReadOnlySpan<byte> data, SessionAudioFormat format)
        {
            switch (format.Encoding)
            {
                case AudioEncoding.ALaw:
                    foreach (var b in data)
                    {
                        if (Math.Abs((int)G711.ALawToLinear(b)) >= QuietPeak * 32768)
                        {
                            return false;
                        }
                    }

                    return true;
                case AudioEncoding.MuLaw:
                    foreach (var b in data)
                    {
                        if (Math.Abs((int)G711.MuLawToLinear(b)) >= QuietPeak * 32768)
                        {
                            return false;
                        }
                    }

                    return true;
            }

            // The top byte of each sample is enough to tell a pause from speech (-40 dBFS is 1.3 of its 128 steps).
            var width = format.BytesPerSample;
            for (var i = 0; i + width <= data.Length; i += width)
            {
                var top = width == 1 ? data[i] - 128 : (sbyte)data[i + width - 1];
                if (Math.Abs(top) >= QuietPeak * 128)
                {
                    return false;
                }
            }

            return true;
        }

        internal sealed class Limits
        {
            public Limits(double? maxSeconds, Func<bool> shouldStop)
            {
                MaxSeconds = maxSeconds;
                ShouldStop = shouldStop;
            }

            public double? MaxSeconds { get; }

            public Func<bool> ShouldStop { get; }
        }
    }
}
