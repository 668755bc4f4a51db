using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Live
{
    /// <summary>
    /// Runs callbacks one at a time, in the order they were posted, on a thread-pool thread: never on the
    /// poster's thread and never under the poster's locks, so a callback may call back into its source.
    /// </summary>
    internal sealed class SerialEventQueue
    {
        [System.ThreadStatic]
        private static SerialEventQueue? _delivering;

        private readonly object _gate = new object();
        private readonly Queue<System.Action> _pending = new Queue<System.Action>();
        private bool _running;
        private TaskCompletionSource<bool>? _idle;

        /// <summary>True on the thread that is running one of this queue's callbacks.</summary>
        public bool IsDeliveringOnThisThread => ReferenceEquals(_delivering, this);

        /// <summary>Queues <paramref name="callback"/>; it runs after every callback posted before it.</summary>
        public void Post(System.Action callback)
        {
            lock (_gate)
            {
                _pending.Enqueue(callback);
                if (_running)
                {
                    return;
                }

                _running = true;
            }

            ThreadPool.QueueUserWorkItem(state => ((SerialEventQueue)state!).Drain(), this);
        }

        /// <summary>Completes once every callback posted so far has run.</summary>
        public Task WhenIdle()
        {
            lock (_gate)
            {
                if (!_running)
                {
                    return Task.CompletedTask;
                }

                return (_idle ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }

        private void Drain()
        {
            TaskCompletionSource<bool>? idle;
            _delivering = this;
            try
            {
                while (true)
                {
                    System.Action next;
                    lock (_gate)
                    {
                        if (_pending.Count == 0)
                        {
                            _running = false;
                            idle = _idle;
                            _idle = null;
                            break;
                        }

                        next = _pending.Dequeue();
                    }

                    try
                    {
                        next();
                    }
                    catch (System.Exception)
                    {
                        // Callbacks report their own failures (see GladiaLiveSession.SetStatus); one that
                        // escapes must not stop the queue.
                    }
                }
            }
            finally
            {
                _delivering = null;
            }

            idle?.TrySetResult(true);
        }
    }
}
