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

        [Fact]
        public async Task ASilentServer_IsDroppedAfterTheSilenceLimit_AndGivenUpAfterTheProgressLimit()
        {
            // Takes the WebSocket and the audio, and never says a word.
            await using var server = await TestWebSocketServer.StartAsync((socket, number, token) => DrainAsync(socket, token));
            var options = FastOptions();
            options.SilenceTimeout = TimeSpan.FromMilliseconds(300);
            options.NoProgressTimeout = TimeSpan.FromSeconds(2);
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, options);

            await session.SendAudioAsync(LiveTestHelpers.Audio(6400, 21));
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.ConnectionFailed, outcome.Reason);
            Assert.Contains("sent nothing for", outcome.ErrorMessage);
            Assert.Contains("6400 bytes of audio to acknowledge (NoProgressTimeout)", outcome.ErrorMessage);
            Assert.InRange(server.Connections, 2, 20);
        }

        [Fact]
        public async Task AServerSilentOnOneConnection_IsResumedOnTheNext_WithNothingLostOrDoubled()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync((socket, number, token) =>
                number == 1 ? DrainAsync(socket, token) : script.HandleAsync(socket, number, token));
            var options = FastOptions();
            options.SilenceTimeout = TimeSpan.FromMilliseconds(500);
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, options);
            var audio = LiveTestHelpers.Audio(32000, 22);

            await SendInChunksAsync(session, audio, 3200);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());

            Assert.True(outcome.Succeeded, outcome.ToString());
            Assert.Equal(1, outcome.Statistics.Reconnects);
            Assert.Equal(audio, script.KeptAudio);
        }

        [Fact]
        public async Task AQuietServerThatOwesNothing_IsNotDropped()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = FastOptions();
            options.SilenceTimeout = TimeSpan.FromMilliseconds(200);
            options.NoProgressTimeout = TimeSpan.FromMilliseconds(600);
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, options);
            var audio = LiveTestHelpers.Audio(3200, 23);
            await session.SendAudioAsync(audio);

            // Everything acknowledged, then a pause far past both limits with nothing owed.
            var idle = Task.Delay(TimeSpan.FromSeconds(1.5));
            await Within(idle);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());

            Assert.True(outcome.Succeeded, outcome.ToString());
            Assert.Equal(0, outcome.Statistics.Reconnects);
            Assert.Equal(1, server.Connections);
        }
    }
}
