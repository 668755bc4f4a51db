using System;
using System.Globalization;

namespace GladiaPS.Core.Live
{
    /// <summary>What the watchdog of an open connection knows when it looks (times on the session's clock).</summary>
    internal readonly struct SilenceFacts
    {
        public SilenceFacts(TimeSpan now, TimeSpan lastHeardHere, TimeSpan lastProgress, string? owedHere, string? owedBySession)
        {
            Now = now;
            LastHeardHere = lastHeardHere;
            LastProgress = lastProgress;
            OwedHere = owedHere;
            OwedBySession = owedBySession;
        }

        public TimeSpan Now { get; }

        /// <summary>When a frame last arrived on this connection, when it opened, or when it began to owe something: the latest.</summary>
        public TimeSpan LastHeardHere { get; }

        /// <summary>When the session last made progress: audio acknowledged, the stop answered, or nothing owed.</summary>
        public TimeSpan LastProgress { get; }

        /// <summary>What the server owes on this connection ("12800 bytes of audio to acknowledge"), or null.</summary>
        public string? OwedHere { get; }

        /// <summary>What the server owes the session beyond the connection (its end, once the stop is acknowledged), or null.</summary>
        public string? OwedBySession { get; }
    }

    /// <summary>
    /// When a silent server stops being waited for. Pure, so it is tested without sockets: a connection that owes
    /// acknowledgments or the stop's answer and sends no frame for <see cref="LiveConnectionOptions.SilenceTimeout"/> is a
    /// drop (the session reconnects and resends what was not acknowledged); a session owed something that makes no
    /// progress for <see cref="LiveConnectionOptions.NoProgressTimeout"/>, over all its connections, is given up. A quiet
    /// server that owes nothing is left alone.
    /// </summary>
    internal static class SilenceRule
    {
        /// <summary>How often the watchdog looks: a quarter of the shorter limit, between 10 ms and 1 s.</summary>
        public static TimeSpan Period(LiveConnectionOptions options)
        {
            var shorter = options.SilenceTimeout < options.NoProgressTimeout ? options.SilenceTimeout : options.NoProgressTimeout;
            var ticks = Math.Min(TimeSpan.FromSeconds(1).Ticks, Math.Max(TimeSpan.FromMilliseconds(10).Ticks, shorter.Ticks / 4));
            return TimeSpan.FromTicks(ticks);
        }

        /// <summary>The end of the connection the silence calls for, or null to go on waiting.</summary>
        public static ConnectionEnd? Judge(SilenceFacts facts, LiveConnectionOptions options)
        {
            var owed = facts.OwedHere ?? facts.OwedBySession;
            if (owed is null)
            {
                return null;
            }

            var stalledFor = facts.Now - facts.LastProgress;
            if (stalledFor >= options.NoProgressTimeout)
            {
                return ConnectionEnd.Stalled(string.Format(
                    CultureInfo.InvariantCulture,
                    "the server made no progress for {0:0.#} s while it owed {1} (NoProgressTimeout is {2:0.#} s)",
                    stalledFor.TotalSeconds,
                    owed,
                    options.NoProgressTimeout.TotalSeconds));
            }

            var silentFor = facts.Now - facts.LastHeardHere;
            if (facts.OwedHere is not null && silentFor >= options.SilenceTimeout)
            {
                return ConnectionEnd.Dropped(string.Format(
                    CultureInfo.InvariantCulture,
                    "the server sent nothing for {0:0.#} s while it owed {1} (SilenceTimeout is {2:0.#} s)",
                    silentFor.TotalSeconds,
                    facts.OwedHere,
                    options.SilenceTimeout.TotalSeconds));
            }

            return null;
        }
    }
}
