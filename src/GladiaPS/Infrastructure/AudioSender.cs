using System;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Live;

namespace GladiaPS.Infrastructure
{
    /// <summary>Converts a source to a session's format and streams it in 100 ms chunks, paced as asked.</summary>
    internal static class AudioSender
    {
        /// <param name="progress">Called with the seconds of audio sent so far, after each chunk.</param>
        /// <returns>Seconds of audio sent.</returns>
        public static async Task<double> SendAsync(
            IAudioSource source, GladiaLiveSession session, SessionAudioFormat format, AudioPace pace,
            Action<double>? progress, CancellationToken cancellationToken)
        {
            using var converted = AudioConverter.ToSessionLayout(source, format);
            using var chunker = new AudioChunker(converted, format);
            var pacer = new AudioPacer(pace == AudioPace.RealTime ? PacingMode.RealTime : PacingMode.AsFastAsPossible);
            var buffer = new byte[chunker.BytesPerChunk];
            for (long index = 0; ; index++)
            {
                var offset = chunker.FramesWritten;
                var length = await chunker.ReadChunkAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (length == 0)
                {
                    break;
                }

                var chunk = new AudioChunk(index, offset, length / format.BlockAlign, format.SampleRate, new ReadOnlyMemory<byte>(buffer, 0, length));
                await pacer.WaitForAsync(chunk, cancellationToken).ConfigureAwait(false);

                // The session copies the chunk before this returns, so the buffer is reused.
                await session.SendAudioAsync(chunk.Data, cancellationToken).ConfigureAwait(false);
                progress?.Invoke((double)chunker.FramesWritten / format.SampleRate);
            }

            return (double)chunker.FramesWritten / format.SampleRate;
        }

        /// <summary>Seconds of audio in the source when its header says, else null.</summary>
        public static double? Duration(IAudioSource source) =>
            source is WavAudioSource { Info.DataLength: long bytes } wav && wav.Format.ByteRate > 0 ? (double)bytes / wav.Format.ByteRate : null;
    }
}
