using System;
using System.Collections.Concurrent;
using System.Threading;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// What background work has to say, in order, for the pipeline thread to write: work never calls a
    /// cmdlet's Write methods (they throw off the pipeline thread), it posts here and the cmdlet drains.
    /// </summary>
    /// <typeparam name="TWriter">What a posted item is written to: the cmdlet, or a test's recorder.</typeparam>
    internal sealed class CmdletMessageQueue<TWriter>
    {
        private readonly BlockingCollection<Action<TWriter>> _items = new BlockingCollection<Action<TWriter>>();

        /// <summary>Posts an item; after <see cref="Complete"/> it is dropped (the pipeline is no longer listening).</summary>
        public void Post(Action<TWriter> write)
        {
            try
            {
                _items.Add(write);
            }
            catch (InvalidOperationException)
            {
                // Completed: the cmdlet has stopped draining, nobody can see this item any more.
            }
        }

        /// <summary>Wakes a drain that waits for a condition, without writing anything.</summary>
        public void Wake() => Post(_ => { });

        public void Complete() => _items.CompleteAdding();

        /// <summary>
        /// Writes posted items on the calling thread until <paramref name="done"/> holds (checked after each item)
        /// or the queue is completed and empty. Throws <see cref="OperationCanceledException"/> on cancellation.
        /// </summary>
        public void DrainUntil(TWriter writer, Func<bool> done, CancellationToken cancellationToken)
        {
            while (!done())
            {
                if (!_items.TryTake(out var item, Timeout.Infinite, cancellationToken))
                {
                    return;
                }

                item(writer);
            }

            // Items posted before the condition turned true still belong to this call.
            WritePending(writer);
        }

        /// <summary>Writes what is already posted, without waiting.</summary>
        public void WritePending(TWriter writer)
        {
            while (_items.TryTake(out var item))
            {
                item(writer);
            }
        }
    }
}
