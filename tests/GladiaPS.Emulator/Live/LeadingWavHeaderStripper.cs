using System;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Emulator.Live
{
    /// <summary>
    /// Removes a WAV header from the very start of a session's audio. Bytes are held back only while they are a
    /// well-formed header still missing its end; anything else is released as audio at once. The session's init
    /// format stays authoritative.
    /// </summary>
    internal sealed class LeadingWavHeaderStripper
    {
        private byte[] _held = Array.Empty<byte>();
        private bool _decided;

        /// <summary>Bytes of header removed so far.</summary>
        public int StrippedBytes { get; private set; }

        /// <summary>Takes the next received bytes; returns the audio bytes among them that are now known to be audio.</summary>
        public ReadOnlyMemory<byte> Process(ReadOnlyMemory<byte> bytes)
        {
            if (_decided) return bytes;
            var held = new byte[_held.Length + bytes.Length];
            _held.CopyTo(held, 0);
            bytes.Span.CopyTo(held.AsSpan(_held.Length));
            _held = held;

            // A malformed header is audio as far as the session knows: its format comes from the init, not the header.
            return ToneWavHeader.Probe(held, out var headerLength, out _, out _) switch
            {
                ToneWavHeaderStatus.Incomplete => ReadOnlyMemory<byte>.Empty,
                ToneWavHeaderStatus.Complete => Release(headerLength),
                _ => Release(0),
            };
        }

        /// <summary>At the end of the stream: a header that never reached its data chunk is dropped, with nothing after it.</summary>
        public ReadOnlyMemory<byte> Complete()
        {
            if (_decided) return ReadOnlyMemory<byte>.Empty;
            StrippedBytes += _held.Length;
            _held = Array.Empty<byte>();
            _decided = true;
            return ReadOnlyMemory<byte>.Empty;
        }

        private ReadOnlyMemory<byte> Release(int headerLength)
        {
            _decided = true;
            StrippedBytes = headerLength;
            var audio = _held.AsMemory(headerLength);
            _held = Array.Empty<byte>();
            return audio;
        }
    }
}
