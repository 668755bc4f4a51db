using System;
using GladiaPS.Core.Options;

namespace GladiaPS.Core.Rest
{
    /// <summary>
    /// How <see cref="GladiaRestClient.WaitForPreRecordedJobAsync"/> polls: the first pause, growing by half at
    /// each poll up to <see cref="MaxInterval"/>, so a short job is seen done soon and a long one costs few requests.
    /// </summary>
    public sealed class PreRecordedWaitOptions
    {
        /// <summary>The first pause between polls (default 1 s).</summary>
        public TimeSpan InitialInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest pause between polls (default 10 s).</summary>
        public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The longest wait for the job to finish; null waits until it does or the caller cancels.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <exception cref="GladiaValidationException">A value is out of range.</exception>
        public void Validate()
        {
            if (InitialInterval <= TimeSpan.Zero || MaxInterval <= TimeSpan.Zero)
            {
                throw new GladiaValidationException(nameof(InitialInterval), "InitialInterval and MaxInterval: must be positive.");
            }

            if (Timeout is TimeSpan timeout && timeout <= TimeSpan.Zero)
            {
                throw new GladiaValidationException(nameof(Timeout), "Timeout: must be positive, or null to wait without a limit.");
            }
        }

        internal TimeSpan Next(TimeSpan current)
        {
            var next = TimeSpan.FromTicks((long)(current.Ticks * 1.5));
            return next > MaxInterval ? MaxInterval : next;
        }
    }
}
