using System;

namespace GladiaPS.Core.Live
{
    /// <summary>
    /// A growable FIFO of <typeparamref name="T"/> values in one array: no allocation per item once it
    /// has grown to its working size. Items are addressed by a sequence number that never repeats.
    /// </summary>
    internal sealed class SegmentRing<T>
        where T : struct
    {
        private T[] _items = new T[64];
        private int _head;

        public int Count { get; private set; }

        /// <summary>Sequence number of the first item (items removed so far).</summary>
        public long FirstSequence { get; private set; }

        public long EndSequence => FirstSequence + Count;

        public ref T this[long sequence]
        {
            get
            {
                if (sequence < FirstSequence || sequence >= EndSequence)
                {
                    throw new ArgumentOutOfRangeException(nameof(sequence));
                }

                return ref _items[(_head + (int)(sequence - FirstSequence)) % _items.Length];
            }
        }

        public ref T First => ref this[FirstSequence];

        public void Add(T item)
        {
            if (Count == _items.Length)
            {
                var larger = new T[_items.Length * 2];
                for (var i = 0; i < Count; i++)
                {
                    larger[i] = _items[(_head + i) % _items.Length];
                }

                _items = larger;
                _head = 0;
            }

            _items[(_head + Count) % _items.Length] = item;
            Count++;
        }

        public void RemoveFirst()
        {
            _items[_head] = default;
            _head = (_head + 1) % _items.Length;
            Count--;
            FirstSequence++;
        }

        public void Clear()
        {
            Array.Clear(_items, 0, _items.Length);
            FirstSequence += Count;
            _head = 0;
            Count = 0;
        }
    }
}
