using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Audio.Containers
{
    /// <summary>
    /// A stream that cannot seek, with the bytes already taken from its start (to tell what it holds) put back in front:
    /// a reader sees the stream whole, as if nothing had been read. Disposing it leaves the inner stream open, since
    /// the inner stream's owner closes it.
    /// </summary>
    internal sealed class PrefixReplayStream : Stream
    {
        private readonly byte[] _prefix;
        private readonly int _prefixLength;
        private readonly Stream _inner;
        private int _replayed;

        public PrefixReplayStream(byte[] prefix, int prefixLength, Stream inner)
        {
            _prefix = prefix ?? throw new ArgumentNullException(nameof(prefix));
            if (prefixLength < 0 || prefixLength > prefix.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(prefixLength));
            }

            _prefixLength = prefixLength;
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
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

        public override int Read(byte[] buffer, int offset, int count)
        {
            var replayed = Replay(buffer, offset, count);
            return replayed > 0 || count == 0 ? replayed : _inner.Read(buffer, offset, count);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            var replayed = Replay(buffer, offset, count);
            return replayed > 0 || count == 0 ? Task.FromResult(replayed) : _inner.ReadAsync(buffer, offset, count, cancellationToken);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        // What is left of the prefix, never more than asked; 0 once it has all been given back.
        private int Replay(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, _prefixLength - _replayed);
            if (n <= 0)
            {
                return 0;
            }

            Buffer.BlockCopy(_prefix, _replayed, buffer, offset, n);
            _replayed += n;
            return n;
        }
    }
}
