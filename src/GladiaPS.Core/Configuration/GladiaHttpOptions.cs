using System;

namespace GladiaPS.Core.Configuration
{
    /// <summary>
    /// Retry and timeout policy of the REST client. Timeouts run per attempt, from the start of the
    /// request until the response headers arrive (redirect hops included); reading a body, such as
    /// the audio file, is outside the timer: it is bounded by <see cref="DownloadIdleTimeout"/> (the
    /// longest wait for the next bytes) and by the caller's cancellation token.
    /// </summary>
    public sealed class GladiaHttpOptions
    {
        /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>Delay before the first retry; doubles on each further retry.</summary>
        public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(300);

        /// <summary>Upper bound of the exponential backoff.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Upper bound applied to a server's <c>Retry-After</c>.</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Randomise each backoff delay (between half and the full delay) so that clients do not retry in step.</summary>
        public bool UseJitter { get; set; } = true;

        /// <summary>Most redirect hops followed for one request.</summary>
        public int MaxRedirects { get; set; } = 20;

        /// <summary><c>POST /v2/live</c>.</summary>
        public TimeSpan InitTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary><c>GET /v2/live/{id}</c>.</summary>
        public TimeSpan GetTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary><c>GET /v2/live</c> (each page).</summary>
        public TimeSpan ListTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary><c>DELETE /v2/live/{id}</c>.</summary>
        public TimeSpan DeleteTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary><c>GET /v2/live/{id}/file</c>, until the headers of the final hop.</summary>
        public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(300);

        /// <summary>
        /// <c>GET /v2/live/{id}/file</c>: the longest the body may go without delivering a byte (default 60 s).
        /// A slow download goes on as long as bytes keep coming; a stalled one fails with a <see cref="TimeoutException"/>
        /// that names the session and the bytes received.
        /// </summary>
        public TimeSpan DownloadIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// <c>POST /v2/upload</c>: the longest the upload may go without the server taking a byte, and the longest
        /// it waits for the answer once the file is sent (default 120 s). A large upload goes on as long as bytes
        /// keep moving.
        /// </summary>
        public TimeSpan UploadIdleTimeout { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>
        /// The largest JSON answer read, counted after decompression (default 64 MiB, far above the result of a 3-hour
        /// session): a body that inflates past it fails with an error naming the limit instead of filling memory.
        /// </summary>
        public long MaxJsonBodyBytes { get; set; } = 64L * 1024 * 1024;

        /// <summary>
        /// The most audio one download may write when the job does not say how long the session was (default 17 GB: the
        /// largest a live session can hold, 3 hours at 48 kHz, 32 bits and 8 channels). A body past it is stopped.
        /// </summary>
        public long MaxDownloadBytes { get; set; } = 17_000_000_000L;

        /// <summary>
        /// The most a pre-recorded job's file may be when the job does not say how long its audio is (default 1.1 GB: Gladia
        /// takes files of at most 1000 MB, upload or URL, plus a tenth). Never more than <see cref="MaxDownloadBytes"/>.
        /// </summary>
        public long MaxPreRecordedDownloadBytes { get; set; } = 1_100_000_000L;

        /// <summary>
        /// The most pages one listing follows (default 1000): a server whose <c>next</c> never ends (a new URL each time)
        /// makes the listing fail with an error naming the limit, after the jobs already read.
        /// </summary>
        public int MaxListPages { get; set; } = 1000;

        /// <summary>A copy that later changes to this instance do not affect.</summary>
        public GladiaHttpOptions Clone() => (GladiaHttpOptions)MemberwiseClone();

        internal void Validate()
        {
            if (MaxRetries < 0)
            {
                throw new Options.GladiaValidationException(nameof(MaxRetries), $"{nameof(MaxRetries)}: {MaxRetries} is negative; use 0 to disable retries.");
            }

            if (MaxRedirects < 0)
            {
                throw new Options.GladiaValidationException(nameof(MaxRedirects), $"{nameof(MaxRedirects)}: {MaxRedirects} is negative.");
            }

            if (MaxJsonBodyBytes < 1024 || MaxJsonBodyBytes > int.MaxValue / 2)
            {
                throw new Options.GladiaValidationException(nameof(MaxJsonBodyBytes), $"{nameof(MaxJsonBodyBytes)}: {MaxJsonBodyBytes} is out of range; use 1 KiB to 1 GiB.");
            }

            if (MaxDownloadBytes < 1024)
            {
                throw new Options.GladiaValidationException(nameof(MaxDownloadBytes), $"{nameof(MaxDownloadBytes)}: {MaxDownloadBytes} is out of range; use 1 KiB or more.");
            }

            if (MaxPreRecordedDownloadBytes < 1024)
            {
                throw new Options.GladiaValidationException(nameof(MaxPreRecordedDownloadBytes), $"{nameof(MaxPreRecordedDownloadBytes)}: {MaxPreRecordedDownloadBytes} is out of range; use 1 KiB or more.");
            }

            if (MaxListPages < 1)
            {
                throw new Options.GladiaValidationException(nameof(MaxListPages), $"{nameof(MaxListPages)}: {MaxListPages} is out of range; use 1 or more.");
            }

            RequireNonNegative(InitialRetryDelay, nameof(InitialRetryDelay));
            RequireNonNegative(MaxRetryDelay, nameof(MaxRetryDelay));
            RequireNonNegative(MaxRetryAfter, nameof(MaxRetryAfter));
            RequirePositive(InitTimeout, nameof(InitTimeout));
            RequirePositive(GetTimeout, nameof(GetTimeout));
            RequirePositive(ListTimeout, nameof(ListTimeout));
            RequirePositive(DeleteTimeout, nameof(DeleteTimeout));
            RequirePositive(DownloadTimeout, nameof(DownloadTimeout));
            RequirePositive(DownloadIdleTimeout, nameof(DownloadIdleTimeout));
            RequirePositive(UploadIdleTimeout, nameof(UploadIdleTimeout));
        }

        private static void RequireNonNegative(TimeSpan value, string name)
        {
            if (value < TimeSpan.Zero || value > TimeSpan.FromDays(1))
            {
                throw new Options.GladiaValidationException(name, $"{name}: {value} is out of range; use a delay between 0 and 1 day.");
            }
        }

        private static void RequirePositive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
            {
                throw new Options.GladiaValidationException(name, $"{name}: {value} is out of range; use a timeout above 0 and at most 1 day.");
            }
        }
    }
}
