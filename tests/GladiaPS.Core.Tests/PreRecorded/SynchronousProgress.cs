using System;

namespace GladiaPS.Core.Tests.PreRecorded
{
    /// <summary>Progress reported on the reporting thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    internal sealed class SynchronousProgress : IProgress<long>
    {
        private readonly Action<long> _report;

        public SynchronousProgress(Action<long> report) => _report = report;

        public void Report(long value) => _report(value);
    }

    /// <summary>Any report on the reporting thread, in order.</summary>
    internal sealed class SynchronousProgress<T> : IProgress<T>
    {
        private readonly Action<T> _report;

        public SynchronousProgress(Action<T> report) => _report = report;

        public void Report(T value) => _report(value);
    }
}
