using System;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Emulator.Live
{
    /// <summary>
    /// Removes a WAV header from the very start of a session's audio. Bytes are held back only while they
    /// may still be the start of a header; the session's init format stays authoritative.
    /// </summary>
    internal sealed class LeadingWavHeaderStripper
    {
        private const int MaxHeaderBytes = 64 * 1024;
        private static readonly byte[] Riff = "RIFF"u8.ToArray();
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

            var prefix = Math.Min(held.Length, Riff.Length);
            if (!held.AsSpan(0, prefix).SequenceEqual(Riff.AsSpan(0, prefix))) return Release(0);
            if (held.Length < Riff.Length) return ReadOnlyMemory<byte>.Empty;
            if (ToneWavHeader.TryParse(held, out var headerLength, out _) && headerLength > 0 && headerLength <= held.Length)
                return Release(headerLength);
            return held.Length > MaxHeaderBytes ? Release(0) : ReadOnlyMemory<byte>.Empty;
        }

        /// <summary>At the end of the stream: whatever is still held is audio unless it began like a header.</summary>
        public ReadOnlyMemory<byte> Complete()
        {
            if (_decided) return ReadOnlyMemory<byte>.Empty;
            var isHeaderStart = _held.AsSpan().StartsWith(Riff.AsSpan(0, Math.Min(_held.Length, Riff.Length)));
            if (isHeaderStart) StrippedBytes += _held.Length;
            var rest = isHeaderStart ? ReadOnlyMemory<byte>.Empty : _held;
            _held = Array.Empty<byte>();
            _decided = true;
            return rest;
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
