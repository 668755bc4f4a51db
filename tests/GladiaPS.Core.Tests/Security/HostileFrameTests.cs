using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Tests.Live;
using Xunit;
using static GladiaPS.Core.Tests.Live.LiveTestHelpers;

namespace GladiaPS.Core.Tests.Security
{
    /// <summary>Frames a server should never send end a session once and clearly, instead of looping or growing.</summary>
    public class HostileFrameTests
    {
        /// <summary>Reads until the client goes: a server that has said its piece.</summary>
        private static async Task DrainAsync(WebSocket socket, CancellationToken token)
        {
            var buffer = new byte[65536];
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, token);
                    return;
                }
            }
        }

        [Fact]
        public async Task InvalidUtf8InATextFrame_EndsTheSessionOnce_WithoutReconnecting()
        {
            await using var server = await TestWebSocketServer.StartAsync(async (socket, number, token) =>
            {
                await socket.SendAsync(new ArraySegment<byte>(new byte[] { 0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D }), WebSocketMessageType.Text, true, token);
                await DrainAsync(socket, token);
            });
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, FastOptions());

            var outcome = await Within(session.WaitForEndAsync());

            Assert.False(outcome.Succeeded);
            Assert.Equal(1, server.Connections);
            Assert.Equal(LiveSessionEndReason.Rejected, outcome.Reason);
            Assert.Contains("not valid UTF-8", outcome.ErrorMessage);
            Assert.Contains("not resumed", outcome.ErrorMessage);
        }
    }
}
