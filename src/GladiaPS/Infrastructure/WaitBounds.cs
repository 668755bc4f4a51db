namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// How long a -Wait may last when -Timeout is not given: nothing waits for ever. A job's processing gets what
    /// Invoke-GladiaTranscription gives each job (7200 s); a live session still open in this PowerShell session may
    /// stream for up to Gladia's session limit (3 hours) before its job even starts, so it gets that too.
    /// </summary>
    internal static class WaitBounds
    {
        /// <summary>The longest a job is waited for without -Timeout, in seconds (Invoke-GladiaTranscription's default).</summary>
        public const double JobSeconds = 7200;

        /// <summary>The longest a session open here is waited for, in seconds: Gladia ends a session at 3 hours; 5 minutes more for its close.</summary>
        public const double OpenSessionSeconds = 3 * 3600 + 300;

        /// <summary>The seconds a wait may last: <paramref name="timeout"/> when given, else the default for what is waited for.</summary>
        public static double For(double? timeout, bool sessionOpenHere) =>
            timeout ?? (sessionOpenHere ? OpenSessionSeconds + JobSeconds : JobSeconds);
    }
}
