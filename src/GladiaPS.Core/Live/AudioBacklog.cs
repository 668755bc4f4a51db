using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Live
{
    /// <summary>
    /// The audio the server has not acknowledged yet, as a queue of immutable segments addressed by
    /// their offset in the session's byte stream. Appending copies the caller's bytes once; trimming on
    /// an acknowledgment drops whole segments (a partly acknowledged segment stays until fully
    /// covered), so no byte is copied twice. The memory held is bounded: a writer waits for room.
    /// </summary>
    internal sealed class AudioBacklog
    {
        private readonly object _gate = new object();
        private readonly LinkedList<Segment> _segments = new LinkedList<Segment>();
        private readonly long _capacity;
        private readonly int _segmentSize;
        private TaskCompletionSource<bool> _roomFreed = NewSignal();
        private TaskCompletionSource<bool> _dataAdded = NewSignal();
        private TaskCompletionSource<bool> _acknowledgedAdvanced = NewSignal();
        private LinkedListNode<Segment>? _readCursor;
        private long _heldBytes;
        private long _end;
        private long _acknowledged;
        private bool _closed;

        public AudioBacklog(long capacity, int segmentSize)
        {
            if (segmentSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(segmentSize));
            }

            if (capacity < segmentSize)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), "The backlog must hold at least one frame.");
            }

            _capacity = capacity;
            _segmentSize = segmentSize;
        }

        /// <summary>Bytes appended since the session began (the offset just past the newest byte).</summary>
        public long End
        {
            get { lock (_gate) { return _end; } }
        }

        /// <summary>The highest acknowledged offset (exclusive).</summary>
        public long Acknowledged
        {
            get { lock (_gate) { return _acknowledged; } }
        }

        /// <summary>Bytes of memory the segments hold now.</summary>
        public long HeldBytes
        {
            get { lock (_gate) { return _heldBytes; } }
        }

        public long Capacity => _capacity;

        /// <summary>Copies <paramref name="audio"/> into segments, waiting for room while the backlog is full.</summary>
        public async Task AppendAsync(ReadOnlyMemory<byte> audio, CancellationToken cancellationToken)
        {
            while (!audio.IsEmpty)
            {
                var length = Math.Min(audio.Length, _segmentSize);
                Task waitForRoom;
                lock (_gate)
                {
                    ThrowIfClosed();
                    if (_heldBytes + length <= _capacity)
                    {
                        var segment = new Segment(_end, audio.Slice(0, length).ToArray());
                        _segments.AddLast(segment);
                        _heldBytes += length;
                        _end += length;
                        audio = audio.Slice(length);
                        Signal(ref _dataAdded);
                        continue;
                    }

                    waitForRoom = _roomFreed.Task;
                }

                await TaskWaits.WaitAsync(waitForRoom, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The bytes from <paramref name="offset"/> to the end of the segment that holds it (at most one
        /// segment, so at most one frame), or empty when nothing is stored there yet.
        /// </summary>
        public ReadOnlyMemory<byte> ReadFrom(long offset)
        {
            lock (_gate)
            {
                // The writer reads forward, so start from where the previous read ended when that segment is still held.
                var node = _readCursor is { List: not null } cursor && cursor.Value.Offset <= offset ? cursor : _segments.First;
                for (; node is not null; node = node.Next)
                {
                    var segment = node.Value;
                    if (offset >= segment.Offset && offset < segment.End)
                    {
                        _readCursor = node;
                        return new ReadOnlyMemory<byte>(segment.Data, (int)(offset - segment.Offset), (int)(segment.End - offset));
                    }
                }

                return ReadOnlyMemory<byte>.Empty;
            }
        }

        /// <summary>A task that completes when bytes past <paramref name="offset"/> exist (at once if they already do).</summary>
        public Task WaitForDataAfter(long offset)
        {
            lock (_gate)
            {
                return _end > offset || _closed ? Task.CompletedTask : _dataAdded.Task;
            }
        }

        /// <summary>A task that completes once the acknowledged offset reaches <paramref name="offset"/> (at once if it has).</summary>
        public Task WaitForAcknowledgedAtLeast(long offset)
        {
            lock (_gate)
            {
                return _acknowledged >= offset || _closed ? Task.CompletedTask : _acknowledgedAdvanced.Task;
            }
        }

        /// <summary>
        /// Records an acknowledgment up to <paramref name="end"/> (exclusive) and frees the segments it
        /// fully covers. The caller has validated it; an offset at or below the current one changes nothing.
        /// </summary>
        public void AcknowledgeUpTo(long end)
        {
            lock (_gate)
            {
                if (end <= _acknowledged)
                {
                    return;
                }

                _acknowledged = Math.Min(end, _end);
                Signal(ref _acknowledgedAdvanced);
                var freed = false;
                while (_segments.First is { } first && first.Value.End <= _acknowledged)
                {
                    _heldBytes -= first.Value.Data.Length;
                    _segments.RemoveFirst();
                    freed = true;
                }

                if (freed)
                {
                    Signal(ref _roomFreed);
                }
            }
        }

        /// <summary>Drops every segment and fails waiting writers: the session is over.</summary>
        public void Close()
        {
            lock (_gate)
            {
                _closed = true;
                _segments.Clear();
                _readCursor = null;
                _heldBytes = 0;
                Signal(ref _roomFreed);
                Signal(ref _dataAdded);
                Signal(ref _acknowledgedAdvanced);
            }
        }

        private void ThrowIfClosed()
        {
            if (_closed)
            {
                throw new InvalidOperationException("The live session has ended; no more audio can be sent.");
            }
        }

        private static void Signal(ref TaskCompletionSource<bool> signal)
        {
            var fired = signal;
            signal = NewSignal();
            fired.TrySetResult(true);
        }

        private static TaskCompletionSource<bool> NewSignal() =>
            new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private sealed class Segment
        {
            public Segment(long offset, byte[] data)
            {
                Offset = offset;
                Data = data;
            }

            public long Offset { get; }

            public byte[] Data { get; }

            public long End => Offset + Data.Length;
        }
    }
}
