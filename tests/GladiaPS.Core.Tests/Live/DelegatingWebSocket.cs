using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>A client socket that passes everything to a real one; tests derive from it to change a send or a receive.</summary>
    internal abstract class DelegatingWebSocket : WebSocket
    {
        protected DelegatingWebSocket(WebSocket inner) => Inner = inner;

        protected WebSocket Inner { get; }

        public override WebSocketCloseStatus? CloseStatus => Inner.CloseStatus;

        public override string? CloseStatusDescription => Inner.CloseStatusDescription;

        public override WebSocketState State => Inner.State;

        public override string? SubProtocol => Inner.SubProtocol;

        public override void Abort() => Inner.Abort();

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            Inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            Inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

        public override void Dispose() => Inner.Dispose();

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
            Inner.ReceiveAsync(buffer, cancellationToken);

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
            Inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);
    }
}
