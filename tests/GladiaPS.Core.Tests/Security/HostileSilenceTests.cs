using System;
using System.Linq;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Tests.Live;
using Xunit;
using static GladiaPS.Core.Tests.Live.LiveTestHelpers;

namespace GladiaPS.Core.Tests.Security
{
    /// <summary>A server that takes the WebSocket and the audio and then says nothing does not keep a session waiting forever.</summary>
    public class HostileSilenceTests
    {
        private static LiveConnectionOptions Impatient(double silenceSeconds = 0.3, double noProgressSeconds = 2)
        {
            var options = FastOptions();
            options.SilenceTimeout = TimeSpan.FromSeconds(silenceSeconds);
            options.NoProgressTimeout = TimeSpan.FromSeconds(noProgressSeconds);
            return options;
        }

        /// <summary>Reads every frame and answers none, until the client goes.</summary>
        private static async Task SayNothingAsync(WebSocket socket, CancellationToken token)
        {
            var buffer = new byte[65536];
            while (true)
            {
                var result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }

        [Fact]
        public async Task ASilentServer_IsDroppedAndRetried_ThenGivenUpWithOneError_AndTheWaitingSenderIsReleased()
        {
            await using var server = await TestWebSocketServer.StartAsync((socket, number, token) => SayNothingAsync(socket, token));
            var options = Impatient();
            options.MaxBacklogBytes = 1024 * 1024;
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, options);
            var started = DateTime.UtcNow;

            // Three times the memory kept for unacknowledged audio: without acknowledgments the sender has to wait.
            var send = SendInChunksAsync(session, LiveTestHelpers.Audio(3 * 1024 * 1024, 50), 32000);
            var outcome = await Within(session.WaitForEndAsync());
            var sendFailure = await Within(Assert.ThrowsAsync<InvalidOperationException>(() => send));
            var messages = await ReadAllAsync(session);

            Assert.Equal(LiveSessionEndReason.ConnectionFailed, outcome.Reason);
            Assert.StartsWith("The session was given up: the server made no progress for ", outcome.ErrorMessage);
            Assert.Contains("bytes of audio to acknowledge (NoProgressTimeout is 2 s)", outcome.ErrorMessage);
            Assert.InRange(DateTime.UtcNow - started, options.NoProgressTimeout, Patience);

            // Each silent connection was a drop after SilenceTimeout, resumed on a new connection.
            Assert.InRange(server.Connections, 2, 20);
            Assert.True(outcome.Statistics.Reconnects >= 1);
            Assert.EndsWith("has ended; no more audio can be sent. " + outcome.ErrorMessage, sendFailure.Message);

            var error = Assert.Single(messages.OfType<LiveErrorMessage>(), m => m.Kind == LiveErrorKind.Connection);
            Assert.Equal(outcome.ErrorMessage, error.Message);
        }

        [Fact]
        public async Task AConnectionThatGoesSilent_IsDropped_AndTheNextOneGetsEveryByteOnce()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync((socket, number, token) =>
                number == 1 ? SayNothingAsync(socket, token) : script.HandleAsync(socket, number, token));
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, Impatient(noProgressSeconds: 60));
            var audio = LiveTestHelpers.Audio(200_000, 51);

            await SendInChunksAsync(session, audio, 6400);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());

            Assert.True(outcome.Succeeded, outcome.ToString());
            Assert.Equal(2, server.Connections);
            Assert.Equal(audio, script.KeptAudio);
            Assert.Equal(1, outcome.Statistics.Reconnects);
        }

        [Fact]
        public async Task AServerThatAnswersTheStopAndThenNothing_IsGivenUp_WithoutReconnecting()
        {
            await using var server = await TestWebSocketServer.StartAsync(async (socket, number, token) =>
            {
                var buffer = new byte[65536];
                long acknowledged = 0;
                while (true)
                {
                    var result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    if (result.MessageType == WebSocketMessageType.Binary)
                    {
                        await ScriptedGladiaServer.SendTextAsync(socket, ScriptedGladiaServer.AcknowledgmentJson(acknowledged, acknowledged + result.Count), token);
                        acknowledged += result.Count;
                    }
                    else if (Encoding.UTF8.GetString(buffer, 0, result.Count).Contains("stop_recording"))
                    {
                        await ScriptedGladiaServer.SendTextAsync(
                            socket, "{\"type\":\"stop_recording\",\"acknowledged\":true,\"error\":null,\"data\":{\"recording_duration\":1,\"recording_left_to_process\":0}}", token);
                    }
                }
            });
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, Impatient(noProgressSeconds: 1));

            await session.SendAudioAsync(LiveTestHelpers.Audio(32000, 52));
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.ConnectionFailed, outcome.Reason);
            Assert.Contains("while it owed the end of the session after stop_recording was acknowledged (NoProgressTimeout is 1 s)", outcome.ErrorMessage);
            Assert.Equal(1, server.Connections);
        }

        [Fact]
        public async Task AQuietServerThatOwesNothing_IsLeftAlone()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = Impatient(silenceSeconds: 1, noProgressSeconds: 1.5);
            options.ForwardAcknowledgments = true;
            var recorder = new StatusRecorder();
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, options, recorder.OnChanged);
            await session.SendAudioAsync(LiveTestHelpers.Audio(6400, 53));
            using (var patience = new CancellationTokenSource(Patience))
            {
                await foreach (var message in session.ReadMessagesAsync(patience.Token))
                {
                    if (message is AudioChunkAcknowledgment { ByteEnd: 6400 })
                    {
                        break;
                    }
                }
            }

            // Every byte acknowledged and no stop sent: silence for well over both limits changes nothing. (The limits
            // leave room for a loaded machine, which may take a while to answer the stop below.)
            await Task.Delay(TimeSpan.FromSeconds(4));

            Assert.Equal(LiveSessionStatus.Connected, session.Status);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());
            Assert.True(outcome.Succeeded, outcome.ToString());
            Assert.Equal(1, server.Connections);
        }
        [Fact]
        public async Task SilenceCountsFromWhenSomethingIsOwed_NotFromTheLastFrameOfAQuietSpell()
        {
            var script = new ScriptedGladiaServer();
            await using var server = await TestWebSocketServer.StartAsync(script.HandleAsync);
            var options = Impatient(silenceSeconds: 1, noProgressSeconds: 5);
            options.ForwardAcknowledgments = true;
            await using var session = GladiaLiveSession.Attach(ScriptedGladiaServer.SessionId, server.Url, options);
            await session.SendAudioAsync(LiveTestHelpers.Audio(6400, 54));
            await WaitForAcknowledgmentAsync(session, 6400);

            // A quiet spell longer than SilenceTimeout with nothing owed (an interactive session between two sends)...
            await Task.Delay(TimeSpan.FromSeconds(1.5));

            // ...then audio whose acknowledgment takes half of SilenceTimeout: the server is not silent, only slow to answer.
            script.AcknowledgeAfter = Task.Delay(TimeSpan.FromSeconds(0.5));
            await session.SendAudioAsync(LiveTestHelpers.Audio(6400, 55));
            await WaitForAcknowledgmentAsync(session, 12800);

            Assert.Equal(1, server.Connections);
            await session.StopRecordingAsync();
            var outcome = await Within(session.WaitForEndAsync());
            Assert.True(outcome.Succeeded, outcome.ToString());
            Assert.Equal(0, outcome.Statistics.Reconnects);
        }

        private static async Task WaitForAcknowledgmentAsync(GladiaLiveSession session, long byteEnd)
        {
            using var patience = new CancellationTokenSource(Patience);
            await foreach (var message in session.ReadMessagesAsync(patience.Token))
            {
                if (message is AudioChunkAcknowledgment acknowledgment && acknowledgment.ByteEnd >= byteEnd)
                {
                    return;
                }
            }
        }
    }
}
