using System;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Transcribing
{
    /// <summary>What <see cref="SessionSequence{TSession}"/> needs of a session: take audio, and stop behind it.</summary>
    internal interface IRollingSession
    {
        /// <summary>Sends a chunk; false when it was not sent because the session is stopping (stopped from elsewhere).</summary>
        Task<bool> TrySendAudioAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken);

        /// <summary>Ends the recording behind the audio sent; the session finishes on its own.</summary>
        Task StopRecordingAsync(CancellationToken cancellationToken);
    }
}
