using System;
using System.Buffers;

namespace GladiaPS.Emulator.Live
{
    /// <summary>
    /// Received audio waiting for its acknowledgment (or, with <see cref="IsStop"/>, the client's stop request,
    /// queued behind the audio sent before it). The buffer is rented and returned once the frame is handled.
    /// </summary>
    internal readonly struct PendingFrame
    {
        private PendingFrame(byte[]? buffer, int length, long dueTimestamp, bool isStop, bool stopFromMessage)
        {
            Buffer = buffer;
            Length = length;
            DueTimestamp = dueTimestamp;
            IsStop = isStop;
            StopFromMessage = stopFromMessage;
        }

        public byte[]? Buffer { get; }
        public int Length { get; }

        /// <summary>When the ack is due (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
        public long DueTimestamp { get; }

        public bool IsStop { get; }

        /// <summary>True for a <c>stop_recording</c> message (acked on the socket), false for a client close 1000.</summary>
        public bool StopFromMessage { get; }

        public ReadOnlyMemory<byte> Audio => Buffer.AsMemory(0, Length);

        public static PendingFrame ForAudio(ReadOnlySpan<byte> audio, long dueTimestamp)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, audio.Length));
            audio.CopyTo(buffer);
            return new PendingFrame(buffer, audio.Length, dueTimestamp, false, false);
        }

        public static PendingFrame ForStop(bool fromMessage) => new(null, 0, 0, true, fromMessage);

        public void Release()
        {
            if (Buffer != null) ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
