using System;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.TestSupport
{
    /// <summary>Wakes waiters whenever some observed state changes, so tests wait on conditions instead of sleeping.</summary>
    public sealed class ChangeSignal
    {
        private readonly object _gate = new();
        private TaskCompletionSource _next = New();

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

        public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            while (true)
            {
                Task next;
                lock (_gate) next = _next.Task;
                if (condition()) return;
                try
                {
                    await next.WaitAsync(limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    if (condition()) return;
                    throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
                }
            }
        }

        private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
