namespace GladiaPS.Emulator
{
    /// <summary>Why a session's recording ended (shown as <see cref="EmulatedSession.EndReason"/>).</summary>
    internal enum FinishReason
    {
        /// <summary>The client sent <c>stop_recording</c>.</summary>
        StopRecording,

        /// <summary>The client closed the socket with 1000.</summary>
        ClientClose,

        /// <summary>The maximum session time ran out.</summary>
        SessionLimit,
    }
}
