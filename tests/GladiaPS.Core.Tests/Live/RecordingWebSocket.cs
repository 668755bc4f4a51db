using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>A client socket that lets a test check each audio frame the session writes, at the moment it writes it.</summary>
    internal sealed class RecordingWebSocket : DelegatingWebSocket
    {
        private readonly Action<int> _onBinaryFrame;
        private readonly int _failOnSend;
        private int _binaryFrames;

        /// <param name="failOnSend">When positive, that binary frame's send throws a <see cref="WebSocketException"/> and the connection is aborted (as a broken connection does).</param>
        public RecordingWebSocket(WebSocket inner, Action<int> onBinaryFrame, int failOnSend = 0)
            : base(inner)
        {
            _onBinaryFrame = onBinaryFrame;
            _failOnSend = failOnSend;
        }

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            if (messageType == WebSocketMessageType.Binary)
            {
                if (Interlocked.Increment(ref _binaryFrames) == _failOnSend)
                {
                    // The connection is broken for receiving too, as after a real failed send.
                    Inner.Abort();
                    return Task.FromException(new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "scripted send failure"));
                }

                _onBinaryFrame(buffer.Count);
            }

            return Inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);
        }
    }
}
