namespace GladiaPS.Emulator.Protocol
{
    /// <summary>Which <c>messages_config</c> flag governs a server message.</summary>
    internal enum MessageKind
    {
        Acknowledgment,
        Lifecycle,
        Speech,
        PartialTranscript,
        FinalTranscript,
        Realtime,
        PostProcessing,

        /// <summary>An injected bad frame: sent on the socket whatever the flags say, never to callbacks.</summary>
        Fault,
    }
}
