using System;
using System.Buffers;

namespace GladiaPS.Core.Audio
{
    /// <summary>
    /// An array rented from a pool and returned to it only when nothing uses it any more: a dispose during a
    /// read marks it, and the read's end returns it. A read in progress can therefore never find its buffer
    /// handed to someone else by the pool.
    /// </summary>
    internal sealed class PooledBuffer<T>
    {
        private readonly object gate = new object();
        private readonly ArrayPool<T> pool;
        private readonly string owner;
        private T[]? array;
        private int users;
        private bool disposed;

        public PooledBuffer(int minimumLength, string owner, ArrayPool<T>? pool = null)
        {
            this.pool = pool ?? ArrayPool<T>.Shared;
            this.owner = owner;
            array = this.pool.Rent(minimumLength);
        }

        public bool IsDisposed
        {
            get { lock (gate) { return disposed; } }
        }

        /// <summary>Takes the array for one read; pair with <see cref="Exit"/> in a finally.</summary>
        /// <exception cref="ObjectDisposedException">The owner was disposed.</exception>
        public T[] Enter()
        {
            lock (gate)
            {
                if (disposed || array is null)
                {
                    throw new ObjectDisposedException(owner);
                }

                users++;
                return array;
            }
        }

        /// <summary>The read is done with the array; after a dispose, the last one out returns it.</summary>
        public void Exit()
        {
            T[]? toReturn = null;
            lock (gate)
            {
                users--;
                if (disposed && users == 0)
                {
                    toReturn = array;
                    array = null;
                }
            }

            if (toReturn is not null)
            {
                pool.Return(toReturn);
            }
        }

        /// <summary>Returns the array now if no read holds it, otherwise when the last read ends. False if already disposed.</summary>
        public bool Dispose()
        {
            T[]? toReturn = null;
            lock (gate)
            {
                if (disposed)
                {
                    return false;
                }

                disposed = true;
                if (users == 0)
                {
                    toReturn = array;
                    array = null;
                }
            }

            if (toReturn is not null)
            {
                pool.Return(toReturn);
            }

            return true;
        }
    }
}
