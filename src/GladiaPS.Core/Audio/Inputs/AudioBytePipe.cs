using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Audio.Inputs
{
    /// <summary>
    /// Bytes handed over piece by piece (a pipeline's byte arrays) read as one stream. A writer waits while more than
    /// the capacity is unread, so memory stays bounded and nothing is dropped; the reader waits for bytes until
    /// <see cref="Complete"/>. Once the reading side is closed (<see cref="CloseReading"/>: the destination failed or
    /// ended), writes return false instead of waiting for a reader that will never come.
    /// </summary>
    public sealed class AudioBytePipe : Stream
    {
        private readonly object _gate = new object();
        private readonly Queue<byte[]> _pieces = new Queue<byte[]>();
        private readonly long _capacity;
        private byte[]? _current;
        private int _currentOffset;
        private long _buffered;
        private bool _completed;
        private bool _readingClosed;
        private TaskCompletionSource<bool> _changed = NewSignal();

        /// <param name="capacity">How many unread bytes make a writer wait (a single larger piece is still taken whole).</param>
        public AudioBytePipe(long capacity = 4L * 1024 * 1024)
        {
            if (capacity <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be positive.");
            }

            _capacity = capacity;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        /// <summary>Adds a copy of <paramref name="bytes"/>, waiting while the pipe is full.</summary>
        /// <returns>False when the reading side is closed: the bytes will never be read.</returns>
        /// <exception cref="InvalidOperationException">The pipe was completed.</exception>
        public async Task<bool> WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
        {
            while (true)
            {
                Task wait;
                lock (_gate)
                {
                    if (_readingClosed)
                    {
                        return false;
                    }

                    if (_completed)
                    {
                        throw new InvalidOperationException("The pipe is complete; no more bytes can be written.");
                    }

                    if (_buffered == 0 || _buffered + bytes.Length <= _capacity)
                    {
                        if (bytes.Length > 0)
                        {
                            _pieces.Enqueue(bytes.ToArray());
                            _buffered += bytes.Length;
                            Signal();
                        }

                        return true;
                    }

                    wait = _changed.Task;
                }

                await Live.TaskWaits.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>No more bytes: the reader gets what is left, then the end.</summary>
        public void Complete()
        {
            lock (_gate)
            {
                _completed = true;
                Signal();
            }
        }

        /// <summary>Nothing will read any more: what is unread is let go and writers return false.</summary>
        public void CloseReading()
        {
            lock (_gate)
            {
                _readingClosed = true;
                _pieces.Clear();
                _current = null;
                _buffered = 0;
                Signal();
            }
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            while (true)
            {
                Task wait;
                lock (_gate)
                {
                    if (TryTake(buffer, offset, count, out var taken))
                    {
                        return taken;
                    }

                    wait = _changed.Task;
                }

                await Live.TaskWaits.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                CloseReading();
            }

            base.Dispose(disposing);
        }

        /// <summary>Copies what is there (or says the end); false when the reader must wait. Under the lock.</summary>
        private bool TryTake(byte[] buffer, int offset, int count, out int taken)
        {
            taken = 0;
            if (_readingClosed || count == 0)
            {
                return true;
            }

            while (taken < count)
            {
                if (_current is null || _currentOffset == _current.Length)
                {
                    if (_pieces.Count == 0)
                    {
                        break;
                    }

                    _current = _pieces.Dequeue();
                    _currentOffset = 0;
                }

                var n = Math.Min(count - taken, _current.Length - _currentOffset);
                Buffer.BlockCopy(_current, _currentOffset, buffer, offset + taken, n);
                _currentOffset += n;
                taken += n;
                _buffered -= n;
            }

            if (taken > 0)
            {
                // A writer may be waiting for room.
                Signal();
                return true;
            }

            return _completed;
        }

        private void Signal()
        {
            var changed = _changed;
            _changed = NewSignal();
            changed.TrySetResult(true);
        }

        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
