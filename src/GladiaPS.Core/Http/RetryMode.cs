namespace GladiaPS.Core.Http
{
    /// <summary>Which failures a request may be retried on.</summary>
    internal enum RetryMode
    {
        /// <summary>Reads and deletes: repeating them has no further effect, so every transient failure is retried.</summary>
        Idempotent,

        /// <summary>
        /// <c>POST /v2/live</c>: a repeat after the server did act creates a second, orphan session, so only
        /// failures that prove no session was created are retried.
        /// </summary>
        CreateOnlyIfNotCreated,

        /// <summary>Never retried.</summary>
        None,
    }
}
