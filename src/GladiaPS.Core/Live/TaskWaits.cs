using System;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Live
{
    /// <summary>Cancellable waits on tasks (netstandard2.0 has no Task.WaitAsync).</summary>
    internal static class TaskWaits
    {
        public static async Task WaitAsync(Task task, CancellationToken cancellationToken)
        {
            if (task.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                await task.ConfigureAwait(false);
                return;
            }

            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }

            await task.ConfigureAwait(false);
        }

        public static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
        {
            await WaitAsync((Task)task, cancellationToken).ConfigureAwait(false);
            return await task.ConfigureAwait(false);
        }
    }
}
