using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Audio.Streaming
{
    /// <summary>
    /// Releases chunks as fast as they are taken or in real time. Real time schedules chunk k at
    /// t0 + (its frame offset / sample rate) on the <see cref="TimeProvider"/>'s monotonic timestamp, t0 being
    /// when the first chunk was released. Each deadline is computed from t0, never by adding up sleeps, so a
    /// late wake-up or a slow consumer delays one chunk but never shifts the ones after it: no drift, however long
    /// the stream. A consumer that falls behind gets the late chunks at once until it has caught up.
    /// </summary>
    internal sealed class AudioPacer
    {
        private readonly TimeProvider timeProvider;
        private long start = -1;

        /// <summary>A pacer on the system clock. (An overload of its own, so callers need no reference to TimeProvider's assembly.)</summary>
        public AudioPacer(PacingMode mode)
            : this(mode, null)
        {
        }

        public AudioPacer(PacingMode mode, TimeProvider? timeProvider)
        {
            Mode = mode;
            this.timeProvider = timeProvider ?? TimeProvider.System;
        }

        public PacingMode Mode { get; }

        /// <summary>The timestamp the real-time schedule counts from, or −1 before the first chunk.</summary>
        public long StartTimestamp => start;

        /// <summary>Waits until <paramref name="chunk"/> is due.</summary>
        public async ValueTask WaitForAsync(AudioChunk chunk, CancellationToken cancellationToken)
        {
            if (chunk is null)
            {
                throw new ArgumentNullException(nameof(chunk));
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (Mode != PacingMode.RealTime)
            {
                return;
            }

            if (start < 0)
            {
                start = timeProvider.GetTimestamp() - ToTimestampTicks(chunk.FrameOffset, chunk.SampleRate);
            }

            var due = start + ToTimestampTicks(chunk.FrameOffset, chunk.SampleRate);
            while (true)
            {
                var wait = timeProvider.GetElapsedTime(timeProvider.GetTimestamp(), due);
                if (wait <= TimeSpan.Zero)
                {
                    return;
                }

                // Timers work in whole milliseconds and may wake a little early: round up, then check the clock again.
                var milliseconds = (wait.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
                await timeProvider.Delay(TimeSpan.FromTicks(milliseconds * TimeSpan.TicksPerMillisecond), cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        /// <summary>The chunks of <paramref name="chunks"/>, each released when due.</summary>
        public async IAsyncEnumerable<AudioChunk> PaceAsync(IAsyncEnumerable<AudioChunk> chunks,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (chunks is null)
            {
                throw new ArgumentNullException(nameof(chunks));
            }

            await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await WaitForAsync(chunk, cancellationToken).ConfigureAwait(false);
                yield return chunk;
            }
        }

        private long ToTimestampTicks(long frames, int sampleRate)
        {
            var frequency = timeProvider.TimestampFrequency;
            return frames / sampleRate * frequency + frames % sampleRate * frequency / sampleRate;
        }
    }
}
