using System;

namespace GladiaPS.Core.Live
{
    /// <summary>
    /// Counts connection attempts that made no progress since the last one that did, and remembers what
    /// went wrong, so that giving up can say what the server did. Used by the session's own task only.
    /// </summary>
    internal sealed class AttemptTracker
    {
        private string? _lastKey;
        private TimeSpan? _seriesStart;

        /// <summary>Attempts in a row without progress.</summary>
        public int WithoutProgress { get; private set; }

        /// <summary>How many of the latest attempts ended the same way as the last one.</summary>
        public int SameOutcome { get; private set; }

        /// <summary>What the last attempt without progress ran into, in words.</summary>
        public string? LastOutcome { get; private set; }

        /// <summary>The last failure, for the next status event.</summary>
        public string? LastDetail { get; private set; }

        /// <summary>The last failure was reported; the next attempt's event carries none unless it fails too.</summary>
        public void ClearDetail() => LastDetail = null;

        /// <summary>A connection proved itself: a new series starts.</summary>
        public void Progressed()
        {
            WithoutProgress = 0;
            SameOutcome = 0;
            _lastKey = null;
            _seriesStart = null;
        }

        /// <param name="key">What kind of end, for grouping (the close code, a drop, a failed connect).</param>
        /// <param name="outcome">The end in words.</param>
        /// <param name="detail">A short form for the status event.</param>
        public void Failed(string key, string outcome, string detail)
        {
            WithoutProgress++;
            SameOutcome = key == _lastKey ? SameOutcome + 1 : 1;
            _lastKey = key;
            LastOutcome = outcome;
            LastDetail = detail;
        }

        /// <summary>True when the attempts without progress have reached <paramref name="budget"/> (0: no limit).</summary>
        public bool BudgetSpent(int budget) => budget > 0 && WithoutProgress >= budget;

        /// <summary>When the current series' first attempt began.</summary>
        public TimeSpan Started => _seriesStart ?? TimeSpan.Zero;

        /// <summary>Called as each attempt begins: marks the start of a series if none is running.</summary>
        public void Touch(TimeSpan now) => _seriesStart ??= now;
    }
}
