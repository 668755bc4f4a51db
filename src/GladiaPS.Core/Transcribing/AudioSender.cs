using System;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Dsp;
using GladiaPS.Core.Audio.Streaming;

namespace GladiaPS.Core.Transcribing
{
    /// <summary>
    /// Converts a source (a file, a stream, a device) to a session's format and hands it on in chunks, paced as asked,
    /// until the source ends, <see cref="Limits.MaxSeconds"/> of audio are sent, or <see cref="Limits.ShouldStop"/> says so.
    /// </summary>
    internal static class AudioSender
    {
        /// <param name="send">Takes each chunk (valid until it returns), its seconds of audio, and whether it is quiet.</param>
        /// <param name="progress">Called with the seconds of audio sent so far, after each chunk.</param>
        /// <returns>Seconds of audio sent.</returns>
        public static async Task<double> SendAsync(
            IAudioSource source, SessionAudioFormat format, Pacing pacing, Func<ReadOnlyMemory<byte>, double, bool, Task> send,
            Limits limits, Action<double>? progress, CancellationToken cancellationToken)
        {
            using var converted = AudioConverter.ToSessionLayout(source, format);
            using var chunker = new AudioChunker(converted, format, pacing.ChunkDuration);
            var pacer = new AudioPacer(pacing.Mode, pacing.TimeProvider);
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
                await send(chunk.Data, (double)frames / format.SampleRate, PauseDetector.IsQuiet(chunk.Data.Span, format)).ConfigureAwait(false);
                progress?.Invoke((double)Math.Min(chunker.FramesWritten, maxFrames) / format.SampleRate);
            }

            return (double)Math.Min(chunker.FramesWritten, maxFrames) / format.SampleRate;
        }

        /// <summary>How chunks are cut and released.</summary>
        internal sealed class Pacing
        {
            public Pacing(PacingMode mode, TimeSpan? chunkDuration, TimeProvider timeProvider)
            {
                Mode = mode;
                ChunkDuration = chunkDuration;
                TimeProvider = timeProvider;
            }

            public PacingMode Mode { get; }

            public TimeSpan? ChunkDuration { get; }

            public TimeProvider TimeProvider { get; }
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
