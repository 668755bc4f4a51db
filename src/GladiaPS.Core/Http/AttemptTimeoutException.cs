using System;

namespace GladiaPS.Core.Http
{
    /// <summary>One attempt got no response headers within the operation's timeout.</summary>
    internal sealed class AttemptTimeoutException : Exception
    {
        public AttemptTimeoutException(TimeSpan timeout)
            : base("no response headers within " + timeout)
        {
            Timeout = timeout;
        }

        public TimeSpan Timeout { get; }
    }
}
