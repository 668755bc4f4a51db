using System;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Live;

namespace GladiaPS.Core.Transcribing
{
    /// <summary>A live session as a <see cref="SessionSequence{TSession}"/> sends into it.</summary>
    internal sealed class LiveSessionTarget : IRollingSession
    {
        public LiveSessionTarget(GladiaLiveSession live) => Live = live;

        public GladiaLiveSession Live { get; }

        /// <summary>
        /// Sends a chunk unless the session was stopped from elsewhere (another thread, another runspace) since the sender
        /// last looked: audio after a stop is not wanted, so that ends a send rather than fails it.
        /// </summary>
        public async Task<bool> TrySendAudioAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
        {
            try
            {
                await Live.SendAudioAsync(chunk, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (InvalidOperationException) when (Live.IsStopRequested)
            {
                return false;
            }
        }

        public Task StopRecordingAsync(CancellationToken cancellationToken) => Live.StopRecordingAsync(cancellationToken);
    }
}
