using System;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Emulator.Tests.Support
{
    /// <summary>Lets a test wait for "something changed" without polling on a timer.</summary>
    internal sealed class AsyncSignal
    {
        private readonly object _gate = new();
        private TaskCompletionSource _next = New();

        public Task Next
        {
            get
            {
                lock (_gate) return _next.Task;
            }
        }

        public void Pulse()
        {
            TaskCompletionSource current;
            lock (_gate)
            {
                current = _next;
                _next = New();
            }

            current.TrySetResult();
        }

        /// <summary>Waits until <paramref name="condition"/> holds, re-checking after every pulse.</summary>
        public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
        {
            using var cancel = new CancellationTokenSource(timeout);
            while (true)
            {
                var next = Next;
                if (condition()) return;
                try
                {
                    await next.WaitAsync(cancel.Token);
                }
                catch (OperationCanceledException)
                {
                    if (condition()) return;
                    throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
                }
            }
        }

        private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
