using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Live
{
    /// <summary>
    /// The audio the server has not acknowledged yet, addressed by offset in the session's byte stream.
    /// Audio is copied once, into fixed-size blocks that are reused when every byte in them has been
    /// acknowledged: no allocation per chunk, no copy per acknowledgment, and memory that depends on the
    /// bound, not on the length of the stream. A writer waits for room when the bound is reached.
    /// </summary>
    /// <remarks>
    /// Each appended chunk becomes one or more segments (one segment is one frame on the wire) inside a
    /// block; a chunk never straddles two blocks, and splits fall on whole sample frames
    /// (<c>alignment</c>). The block the writer is sending from is not reused until the writer is done
    /// with it, even if an acknowledgment covers it meanwhile.
    /// </remarks>
    internal sealed class AudioBacklog
    {
        /// <summary>Blocks kept for reuse beyond those in use; the rest are left to the collector.</summary>
        private const int SpareBlocks = 2;

        private readonly object _gate = new object();
        private readonly SegmentRing<Segment> _segments = new SegmentRing<Segment>();
        private readonly Stack<byte[]> _spare = new Stack<byte[]>();
        private readonly int _blockSize;
        private readonly int _maxBlocks;
        private readonly int _alignment;
        private readonly Signal _roomFreed = new Signal();
        private readonly Signal _writerWake = new Signal();
        private long _readCursor;
        private Block? _fill;
        private Block? _writerBlock;
        private int _blocksInUse;
        private long _end;
        private long _acknowledged;
        private bool _closed;

        /// <param name="capacity">Most bytes of block memory held at once.</param>
        /// <param name="segmentSize">Largest segment (frame); also the block size.</param>
        /// <param name="alignment">Bytes per sample frame: chunks are only split at multiples of it.</param>
        public AudioBacklog(long capacity, int segmentSize, int alignment = 1)
        {
            if (segmentSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(segmentSize));
            }

            if (alignment <= 0 || alignment > segmentSize)
            {
                throw new ArgumentOutOfRangeException(nameof(alignment));
            }

            if (capacity < segmentSize)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), "The backlog must hold at least one frame.");
            }

            _blockSize = segmentSize;
            _maxBlocks = (int)Math.Min(int.MaxValue, capacity / segmentSize);
            _alignment = alignment;
            Capacity = (long)_maxBlocks * _blockSize;
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

        /// <summary>Bytes of block memory in use now (at most <see cref="Capacity"/>).</summary>
        public long HeldBytes
        {
            get { lock (_gate) { return (long)_blocksInUse * _blockSize; } }
        }

        /// <summary>Bytes appended but not acknowledged.</summary>
        public long UnacknowledgedBytes
        {
            get { lock (_gate) { return _end - _acknowledged; } }
        }

        /// <summary>The bound, rounded down to whole blocks.</summary>
        public long Capacity { get; }

        /// <summary>
        /// Copies <paramref name="audio"/> into blocks, waiting for room while the backlog is full. All or
        /// nothing: it waits until the whole chunk fits and then copies it at once, so a cancelled append has
        /// queued nothing. A chunk larger than the whole backlog is queued in parts as room frees; once its
        /// first part is queued, <paramref name="cancellationToken"/> no longer interrupts it (only
        /// <see cref="Close"/> does), so that no caller is left with half a chunk queued.
        /// </summary>
        public async Task AppendAsync(ReadOnlyMemory<byte> audio, CancellationToken cancellationToken)
        {
            var piece = AlignDown(_blockSize);
            while (!audio.IsEmpty)
            {
                Task waitForRoom;
                lock (_gate)
                {
                    ThrowIfClosed();
                    var take = (int)Math.Min(audio.Length, (long)piece * _maxBlocks);
                    if (_blocksInUse + BlocksNeeded(take, piece) <= _maxBlocks)
                    {
                        Copy(audio.Slice(0, take), piece);
                        audio = audio.Slice(take);
                        cancellationToken = CancellationToken.None;
                        continue;
                    }

                    waitForRoom = _roomFreed.Wait();
                }

                await TaskWaits.WaitAsync(waitForRoom, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>New blocks that <see cref="Copy"/> would start for <paramref name="length"/> bytes (the same walk, without copying).</summary>
        private int BlocksNeeded(int length, int piece)
        {
            var free = _fill is null ? 0 : _blockSize - _fill.Used;
            var blocks = 0;
            while (length > 0)
            {
                var part = length <= free ? length : Math.Min(length, piece);
                if (part > free)
                {
                    blocks++;
                    free = _blockSize;
                }

                free -= part;
                length -= part;
            }

            return blocks;
        }

        /// <summary>Copies <paramref name="audio"/> into the fill block and new blocks; the caller has checked there is room.</summary>
        private void Copy(ReadOnlyMemory<byte> audio, int piece)
        {
            while (!audio.IsEmpty)
            {
                var free = _fill is null ? 0 : _blockSize - _fill.Used;
                var length = audio.Length <= free ? audio.Length : Math.Min(audio.Length, piece);
                if (length > free)
                {
                    StartBlock();
                }

                var block = _fill!;
                audio.Slice(0, length).CopyTo(new Memory<byte>(block.Data, block.Used, length));
                _segments.Add(new Segment(_end, block, block.Used, length));
                block.Used += length;
                block.Segments++;
                _end += length;
                audio = audio.Slice(length);
            }

            _writerWake.Fire();
        }

        /// <summary>
        /// The bytes from <paramref name="offset"/> to the end of the segment that holds it (one frame), or
        /// empty when nothing is stored there yet. The block stays reserved until <see cref="EndRead"/>.
        /// </summary>
        public ReadOnlyMemory<byte> BeginRead(long offset)
        {
            lock (_gate)
            {
                // The writer reads forward, so start from where the previous read was when that segment is still held.
                var sequence = Math.Max(_readCursor, _segments.FirstSequence);
                if (sequence < _segments.EndSequence && _segments[sequence].Offset > offset)
                {
                    sequence = _segments.FirstSequence;
                }

                for (; sequence < _segments.EndSequence; sequence++)
                {
                    var segment = _segments[sequence];
                    if (offset >= segment.Offset && offset < segment.End)
                    {
                        _readCursor = sequence;
                        _writerBlock = segment.Block;
                        var skip = (int)(offset - segment.Offset);
                        return new ReadOnlyMemory<byte>(segment.Block.Data, segment.Start + skip, segment.Length - skip);
                    }
                }

                return ReadOnlyMemory<byte>.Empty;
            }
        }

        /// <summary>The writer is done with the memory <see cref="BeginRead"/> returned.</summary>
        public void EndRead()
        {
            lock (_gate)
            {
                var block = _writerBlock;
                _writerBlock = null;
                if (block is null || block.Segments != 0 || block.Freed)
                {
                    return;
                }

                // An acknowledgment covered the block while it was being sent; release it now.
                if (block == _fill)
                {
                    block.Used = 0;
                }
                else
                {
                    FreeBlock(block);
                }

                _roomFreed.Fire();
            }
        }

        /// <summary>
        /// A task that completes at the next change the writer may act on: audio appended, an
        /// acknowledgment, <see cref="WakeWriter"/>, or <see cref="Close"/>. Take it, check the state once
        /// more, then await it: a change after taking it always completes it.
        /// </summary>
        public Task WhenWriterShouldLook()
        {
            lock (_gate)
            {
                return _closed ? Task.CompletedTask : _writerWake.Wait();
            }
        }

        /// <summary>Wakes the writer for a reason outside the backlog (a stop or close request, the connection's end).</summary>
        public void WakeWriter()
        {
            lock (_gate)
            {
                _writerWake.Fire();
            }
        }

        /// <summary>
        /// Records an acknowledgment up to <paramref name="end"/> (exclusive) and releases the segments it
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
                _writerWake.Fire();
                var freed = false;
                while (_segments.Count > 0 && _segments.First.End <= _acknowledged)
                {
                    var block = _segments.First.Block;
                    _segments.RemoveFirst();
                    block.Segments--;
                    if (block.Segments == 0 && block != _fill && block != _writerBlock)
                    {
                        FreeBlock(block);
                        freed = true;
                    }
                }

                // A fully acknowledged fill block is emptied in place rather than waiting to fill up.
                if (_fill is { Segments: 0 } fill && fill != _writerBlock)
                {
                    fill.Used = 0;
                    freed = true;
                }

                if (freed)
                {
                    _roomFreed.Fire();
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
                _spare.Clear();
                _fill = null;
                _blocksInUse = 0;
                _roomFreed.Fire();
                _writerWake.Fire();
            }
        }

        private void StartBlock()
        {
            var previous = _fill;
            var data = _spare.Count > 0 ? _spare.Pop() : new byte[_blockSize];
            _fill = new Block(data);
            _blocksInUse++;
            if (previous is not null && previous.Segments == 0 && previous != _writerBlock)
            {
                FreeBlock(previous);
            }
        }

        private void FreeBlock(Block block)
        {
            if (block.Freed)
            {
                return;
            }

            block.Freed = true;
            _blocksInUse--;
            if (_spare.Count < SpareBlocks)
            {
                _spare.Push(block.Data);
            }
        }

        private int AlignDown(int length) => Math.Max(_alignment, length / _alignment * _alignment);

        private void ThrowIfClosed()
        {
            if (_closed)
            {
                throw new InvalidOperationException("The live session has ended; no more audio can be sent.");
            }
        }

        /// <summary>
        /// A wake-up for waiters, called under the backlog's lock. A new task is made only after someone
        /// has waited on the current one, so firing with nobody waiting allocates nothing.
        /// </summary>
        private sealed class Signal
        {
            private TaskCompletionSource<bool>? _waiters;

            public Task Wait() =>
                (_waiters ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

            public void Fire()
            {
                var waiters = _waiters;
                _waiters = null;
                waiters?.TrySetResult(true);
            }
        }

        private sealed class Block
        {
            public Block(byte[] data) => Data = data;

            public byte[] Data { get; }

            public int Used { get; set; }

            /// <summary>Segments in this block not yet acknowledged.</summary>
            public int Segments { get; set; }

            public bool Freed { get; set; }
        }

        private readonly struct Segment
        {
            public Segment(long offset, Block block, int start, int length)
            {
                Offset = offset;
                Block = block;
                Start = start;
                Length = length;
            }

            public long Offset { get; }

            public Block Block { get; }

            public int Start { get; }

            public int Length { get; }

            public long End => Offset + Length;
        }
    }
}
