using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>A client socket that lets a test check each audio frame the session writes, at the moment it writes it.</summary>
    internal sealed class RecordingWebSocket : WebSocket
    {
        private readonly WebSocket _inner;
        private readonly Action<int> _onBinaryFrame;
        private readonly int _failOnSend;
        private int _binaryFrames;

        /// <param name="failOnSend">When positive, that binary frame's send throws a <see cref="WebSocketException"/> and the connection is aborted (as a broken connection does).</param>
        public RecordingWebSocket(WebSocket inner, Action<int> onBinaryFrame, int failOnSend = 0)
        {
            _inner = inner;
            _onBinaryFrame = onBinaryFrame;
            _failOnSend = failOnSend;
        }

        public override WebSocketCloseStatus? CloseStatus => _inner.CloseStatus;

        public override string? CloseStatusDescription => _inner.CloseStatusDescription;

        public override WebSocketState State => _inner.State;

        public override string? SubProtocol => _inner.SubProtocol;

        public override void Abort() => _inner.Abort();

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            _inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            _inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

        public override void Dispose() => _inner.Dispose();

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
            _inner.ReceiveAsync(buffer, cancellationToken);

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            if (messageType == WebSocketMessageType.Binary)
            {
                if (Interlocked.Increment(ref _binaryFrames) == _failOnSend)
                {
                    // The connection is broken for receiving too, as after a real failed send.
                    _inner.Abort();
                    return Task.FromException(new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "scripted send failure"));
                }

                _onBinaryFrame(buffer.Count);
            }

            return _inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);
        }
    }
}
