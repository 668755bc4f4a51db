using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;
using GladiaPS.Emulator;
using Xunit;
using static GladiaPS.Core.Tests.Live.LiveTestHelpers;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>End to end against the local Gladia-compatible server: real HTTP, WebSockets and tone-word transcripts.</summary>
    public class EmulatorSessionTests
    {
        private const int ChunkOf100Ms = 3200;

        [Theory]
        [InlineData(0, 101)]
        [InlineData(3, 202)]
        [InlineData(20, 303)]
        public async Task Transcript_IsExact_AfterForcedDisconnects(int drops, int seed)
        {
            await using var fixture = await EmulatorFixture.StartAsync();
            var random = new Random(seed);
            var (audio, expected) = EmulatorFixture.ToneAudio(EmulatorFixture.RandomPhrase(14, seed));
            int?[] closeCodes = { null, 1001, 1011, 1012, 3000, 4000, 4500 };
            var armed = 0;
            var dropLog = new ConcurrentQueue<string>();

            // Each new connection gets the next drop, at a random byte offset and with a random close code (null = abrupt).
            void ArmNextDrop(object? sender, LiveSessionStatusChangedEventArgs e)
            {
                if (e.Status is not (LiveSessionStatus.Connected or LiveSessionStatus.Ending) ||
                    e.PreviousStatus is not (LiveSessionStatus.Connecting or LiveSessionStatus.Reconnecting))
                {
                    return;
                }

                if (armed++ < drops)
                {
                    var fault = new FaultSettings
                    {
                        DropAfterBytes = random.Next(2_000, 24_000),
                        Drops = 1,
                        DropCloseCode = closeCodes[random.Next(closeCodes.Length)],
                    };
                    dropLog.Enqueue(fault.DropAfterBytes + "/" + (fault.DropCloseCode?.ToString() ?? "abrupt"));
                    fixture.Emulator.Faults.Set(fault);
                }
                else
                {
                    fixture.Emulator.Faults.Clear();
                }
            }

            await using var session = await GladiaLiveSession.StartAsync(
                fixture.Client, EmulatorFixture.Pcm16Options(), FastOptions(), ArmNextDrop);
            await SendInChunksAsync(session, audio, ChunkOf100Ms);
            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);
            var outcome = await Within(session.WaitForEndAsync());

            var server = fixture.Emulator.FindSession(session.Id!)!;
            var context = outcome + "; drops " + string.Join(", ", dropLog);
            Assert.True(outcome.Succeeded, context);
            Assert.Equal(LiveSessionEndReason.Completed, outcome.Reason);
            Assert.Equal(expected, EmulatorFixture.FinalTexts(messages));
            Assert.Equal(audio.Length, server.KeptBytes);
            Assert.Equal(drops, server.Drops);
            Assert.Equal(drops, outcome.Statistics.Reconnects);
            Assert.Equal(audio.Length, outcome.Statistics.BytesAcknowledged);
            Assert.Equal(audio.Length + outcome.Statistics.BytesResent, outcome.Statistics.BytesSent);
            Assert.DoesNotContain(messages, m => m is LiveErrorMessage);
            Assert.Equal(string.Join(" ", expected), messages.OfType<PostTranscriptMessage>().Single().Text);
            Assert.Single(messages.OfType<EndSessionMessage>());
        }

        [Fact]
        public async Task StopWhileDisconnected_StillDeliversEveryWord()
        {
            await using var fixture = await EmulatorFixture.StartAsync(new FaultSettings { DropAfterBytes = 40_000, Drops = 1 });
            var (audio, expected) = EmulatorFixture.ToneAudio("alpha bravo charlie | delta echo foxtrot | golf hotel");
            var reconnectGate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var options = FastOptions();
            options.Connector = LiveTestHelpers.HoldReconnectsUntil(reconnectGate.Task);
            var statuses = new StatusRecorder();
            await using var session = await GladiaLiveSession.StartAsync(fixture.Client, EmulatorFixture.Pcm16Options(), options, statuses.OnChanged);

            await SendInChunksAsync(session, audio, ChunkOf100Ms);

            // The first reconnect attempt; numbered 2 when the dropped connection had no audio acknowledged yet.
            await Within(statuses.WaitFor(LiveSessionStatus.Reconnecting, e => e.Attempt > 0));
            await session.StopRecordingAsync();
            reconnectGate.SetResult(true);
            var messages = await ReadAllAsync(session);
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.Completed, outcome.Reason);
            Assert.Equal(expected, EmulatorFixture.FinalTexts(messages));
            Assert.Equal(audio.Length, fixture.Emulator.FindSession(session.Id!)!.KeptBytes);
            Assert.Equal(1, outcome.Statistics.Reconnects);
        }

        [Fact]
        public async Task ServerThatClosesEveryConnection_IsGivenUpAfterTheBudget_WithWhatItDid()
        {
            await using var fixture = await EmulatorFixture.StartAsync();
            var (audio, expected) = EmulatorFixture.ToneAudio("alpha bravo");
            var options = FastOptions();
            options.MaxAttemptsWithoutProgress = 5;
            await using var session = await GladiaLiveSession.StartAsync(fixture.Client, EmulatorFixture.Pcm16Options(), options);
            await SendInChunksAsync(session, audio, ChunkOf100Ms);
            var emulated = fixture.Emulator.FindSession(session.Id!)!;
            await emulated.WaitUntilAsync(s => s.KeptBytes == audio.Length, Patience);

            // The open connection is dropped at the next frame, and from then on the server accepts every
            // connection and closes it at once with 1011.
            fixture.Emulator.Faults.Update(f => f with { DropAfterBytes = 1, Drops = 1, DropCloseCode = 1011, CloseConnectionsCode = 1011 });
            await session.SendAudioAsync(audio);
            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.ConnectionFailed, outcome.Reason);
            Assert.Contains("closed it with 1011 (internal server error: emulated refusal)", outcome.ErrorMessage);
            Assert.Equal(5, emulated.RefusedConnections);
            Assert.Equal(5, outcome.Statistics.ConnectionAttempts - 1);
        }

        [Theory]
        [InlineData(429)]
        [InlineData(503)]
        public async Task InitRefusedTransiently_IsRetried(int status)
        {
            await using var fixture = await EmulatorFixture.StartAsync(
                new FaultSettings { InitFailStatus = status, InitFailCount = 2, RetryAfterSeconds = 0 });
            var (audio, expected) = EmulatorFixture.ToneAudio("kilo lima");

            await using var session = await GladiaLiveSession.StartAsync(fixture.Client, EmulatorFixture.Pcm16Options());
            await session.SendAudioAsync(audio);
            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);

            Assert.Equal(3, fixture.Emulator.Requests.Count(r => r.Method == "POST"));
            Assert.Equal(expected, EmulatorFixture.FinalTexts(messages));
            Assert.True((await session.Completion).Succeeded);
        }

        [Fact]
        public async Task InitWithWrongKey_Is401WithTheServersMessage()
        {
            await using var fixture = await EmulatorFixture.StartAsync(apiKey: "gl-wrong-key-0000");

            var error = await Assert.ThrowsAsync<GladiaApiException>(() =>
                GladiaLiveSession.StartAsync(fixture.Client, EmulatorFixture.Pcm16Options()));

            Assert.Equal(401, error.StatusCode);
            Assert.False(string.IsNullOrEmpty(error.ServerMessage));
            Assert.Contains(error.ServerMessage!, error.Message);
            Assert.DoesNotContain("gl-wrong-key-0000", error.ToString());
            Assert.Equal(1, fixture.Emulator.Requests.Count(r => r.Method == "POST"));
        }

        [Fact]
        public async Task InitWithInvalidField_Is422NamingIt()
        {
            await using var fixture = await EmulatorFixture.StartAsync();
            var options = EmulatorFixture.Pcm16Options();
            options.AdditionalFields = new System.Text.Json.Nodes.JsonObject { ["surprise_field"] = 1 };

            var error = await Assert.ThrowsAsync<GladiaApiException>(() => GladiaLiveSession.StartAsync(fixture.Client, options));

            Assert.Equal(422, error.StatusCode);
            Assert.Contains("surprise_field", error.ServerMessage);
            Assert.Equal(1, fixture.Emulator.Requests.Count(r => r.Method == "POST"));
        }

        [Fact]
        public async Task StalledServer_SenderBlocksAtTheBound_MemoryStaysNearIt_ThenEverythingArrives()
        {
            await using var fixture = await EmulatorFixture.StartAsync(new FaultSettings { Stall = true });
            const long bound = 4L * 1024 * 1024;
            var options = FastOptions();
            options.MaxBacklogBytes = bound;
            var (tone, expected) = EmulatorFixture.ToneAudio("mike november | oscar papa");
            var audio = new byte[bound * 3];
            tone.CopyTo(audio, 0);
            await using var session = await GladiaLiveSession.StartAsync(fixture.Client, EmulatorFixture.Pcm16Options(), options);
            var before = GC.GetTotalMemory(forceFullCollection: true);

            // Offer three times the bound; the sender must stop at the bound and wait (a send that does not
            // complete at once is waiting for room: nothing else in SendAudioAsync waits while it is uncontended).
            var server = fixture.Emulator.FindSession(session.Id!)!;
            Task? blocked = null;
            var offered = 0;
            for (; offered < audio.Length; offered += 32_000)
            {
                var send = session.SendAudioAsync(audio.AsMemory(offered, Math.Min(32_000, audio.Length - offered)));
                if (!send.IsCompleted)
                {
                    blocked = send;
                    break;
                }

                await send;
            }

            Assert.NotNull(blocked);
            var queued = session.GetStatistics().BytesQueued;
            Assert.InRange(queued, bound * 9 / 10, bound);
            var held = GC.GetTotalMemory(forceFullCollection: true) - before;
            Assert.False(blocked!.IsCompleted);
            Assert.InRange(session.GetStatistics().BacklogBytes, 0, bound);
            Assert.Equal(0, server.KeptBytes);

            // The client's backlog (the bound) and the server's stalled frames (at most the bound) are all that may be held.
            Assert.True(held < 2 * bound + 8 * 1024 * 1024, "Managed memory grew by " + held + " bytes with a bound of " + bound + ".");

            fixture.Emulator.Faults.Clear();
            await Within(blocked);
            for (offered += 32_000; offered < audio.Length; offered += 32_000)
            {
                await session.SendAudioAsync(audio.AsMemory(offered, Math.Min(32_000, audio.Length - offered)));
            }

            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);

            Assert.Equal(audio.Length, server.KeptBytes);
            Assert.Equal(expected, EmulatorFixture.FinalTexts(messages));
            Assert.True((await session.Completion).Succeeded);
        }

        [Fact]
        public async Task NonJsonFrame_AndUnknownType_AreSurfaced_AndTheTranscriptIsIntact()
        {
            await using var fixture = await EmulatorFixture.StartAsync(new FaultSettings { SendNonJsonFrame = true, SendUnknownMessageType = true });
            var (audio, expected) = EmulatorFixture.ToneAudio("quebec romeo sierra | tango");

            await using var session = await GladiaLiveSession.StartAsync(fixture.Client, EmulatorFixture.Pcm16Options());
            await SendInChunksAsync(session, audio, ChunkOf100Ms);
            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);

            var invalid = Assert.IsType<LiveErrorMessage>(Assert.Single(messages, m => m is LiveErrorMessage));
            Assert.Equal(LiveErrorKind.InvalidFrame, invalid.Kind);
            var unknown = Assert.IsType<UnknownLiveMessage>(Assert.Single(messages, m => m is UnknownLiveMessage));
            Assert.Equal(session.Id, unknown.SessionId);
            Assert.Contains(unknown.Type, unknown.Raw);
            Assert.Equal(expected, EmulatorFixture.FinalTexts(messages));
            Assert.True((await session.Completion).Succeeded);
        }

        [Fact]
        public async Task JsonChunks_AndPartials_Work()
        {
            await using var fixture = await EmulatorFixture.StartAsync();
            var (audio, expected) = EmulatorFixture.ToneAudio("uniform victor whiskey | xray yankee");
            var options = FastOptions();
            options.SendAudioAsJson = true;

            await using var session = await GladiaLiveSession.StartAsync(fixture.Client, EmulatorFixture.Pcm16Options(partials: true), options);
            await SendInChunksAsync(session, audio, ChunkOf100Ms * 5);
            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);

            Assert.Equal(expected, EmulatorFixture.FinalTexts(messages));
            Assert.Contains(messages, m => m is TranscriptMessage { IsFinal: false });
            Assert.DoesNotContain(messages, m => m is AudioChunkAcknowledgment);
            var request = fixture.Emulator.FindSession(session.Id!)!.InitRequestJson;
            Assert.Contains("\"receive_acknowledgments\":true", request);
        }

        [Fact]
        public async Task AskedForAcknowledgments_TheyAreShown()
        {
            await using var fixture = await EmulatorFixture.StartAsync();
            var options = EmulatorFixture.Pcm16Options();
            options.MessagesConfig!.ReceiveAcknowledgments = true;

            await using var session = await GladiaLiveSession.StartAsync(fixture.Client, options);
            await SendInChunksAsync(session, new byte[ChunkOf100Ms * 3], ChunkOf100Ms);
            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);

            Assert.Equal(new long?[] { 3200, 6400, 9600 }, messages.OfType<AudioChunkAcknowledgment>().Select(a => a.ByteEnd));
            Assert.Single(messages.OfType<StopRecordingAcknowledgment>());
        }

        [Fact]
        public async Task SessionTimeLimit_EndsAsClosedByServer()
        {
            await using var fixture = await EmulatorFixture.StartAsync(new FaultSettings { MaxSessionSeconds = 0.5 });
            await using var session = await GladiaLiveSession.StartAsync(fixture.Client, EmulatorFixture.Pcm16Options());
            await session.SendAudioAsync(new byte[ChunkOf100Ms]);

            var outcome = await Within(session.WaitForEndAsync());

            Assert.Equal(LiveSessionEndReason.ClosedByServer, outcome.Reason);
            Assert.Equal(1000, outcome.CloseStatus);
            Assert.False(outcome.Succeeded);
        }

        [Fact]
        public async Task SendAndReceive_AreCancellableWithinASecond()
        {
            await using var fixture = await EmulatorFixture.StartAsync(new FaultSettings { Stall = true });
            var options = FastOptions();
            options.MaxBacklogBytes = 512 * 1024;
            await using var session = await GladiaLiveSession.StartAsync(fixture.Client, EmulatorFixture.Pcm16Options(), options);
            await session.SendAudioAsync(new byte[512 * 1024]);
            using var cancel = new CancellationTokenSource();

            var send = session.SendAudioAsync(new byte[ChunkOf100Ms], cancel.Token);
            var receive = Task.Run(async () =>
            {
                await foreach (var unused in session.ReadMessagesAsync(cancel.Token))
                {
                }
            });
            var end = session.WaitForEndAsync(cancel.Token);
            Assert.False(send.IsCompleted);
            var started = DateTime.UtcNow;
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(send, TimeSpan.FromSeconds(5)));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(receive, TimeSpan.FromSeconds(5)));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(end, TimeSpan.FromSeconds(5)));
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1), "Cancellation took " + (DateTime.UtcNow - started));

            // The session itself is still usable: un-stall and finish.
            fixture.Emulator.Faults.Clear();
            await session.StopRecordingAsync();
            Assert.True((await Within(session.WaitForEndAsync())).Succeeded);
        }

        [Fact]
        public async Task StartAsync_Cancelled_DuringInit_Throws()
        {
            await using var fixture = await EmulatorFixture.StartAsync(new FaultSettings { InitFailStatus = 429, InitFailCount = 1, RetryAfterSeconds = 30 });
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var started = DateTime.UtcNow;

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                GladiaLiveSession.StartAsync(fixture.Client, EmulatorFixture.Pcm16Options(), cancellationToken: cancel.Token));

            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        }

        [Fact]
        public async Task ApiKey_AppearsInNoExceptionLogToStringOrMessage()
        {
            await using var fixture = await EmulatorFixture.StartAsync(new FaultSettings
            {
                InitFailStatus = 503, InitFailCount = 1, SendNonJsonFrame = true, DropAfterBytes = 8000, Drops = 1,
            });
            var statuses = new StatusRecorder();
            var (audio, _) = EmulatorFixture.ToneAudio("alpha");
            await using var session = await GladiaLiveSession.StartAsync(fixture.Client, EmulatorFixture.Pcm16Options(), FastOptions(), statuses.OnChanged);
            await SendInChunksAsync(session, audio, ChunkOf100Ms);
            await session.StopRecordingAsync();
            var messages = await ReadAllAsync(session);
            var outcome = await session.Completion;
            var sendAfterEnd = await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendAudioAsync(new byte[2]));

            await using var wrongKey = await EmulatorFixture.StartAsync(apiKey: "gl-other-secret-key");
            var refused = await Assert.ThrowsAsync<GladiaApiException>(() => GladiaLiveSession.StartAsync(wrongKey.Client, EmulatorFixture.Pcm16Options()));

            var texts = new[] { session.ToString(), session.RedactedUrl!, outcome.ToString(), outcome.Statistics.ToString(), sendAfterEnd.ToString(), refused.ToString() }
                .Concat(fixture.Log).Concat(wrongKey.Log)
                .Concat(statuses.Events.Select(e => e.ToString()))
                .Concat(messages.Select(m => m.ToString() + " " + m.Raw))
                .ToArray();
            Assert.Contains(fixture.Log, line => line.Length > 0);
            foreach (var text in texts)
            {
                Assert.DoesNotContain(EmulatorFixture.ApiKey, text);
                Assert.DoesNotContain("gl-other-secret-key", text);
                Assert.DoesNotMatch("token=(?!\\*\\*\\*)", text);
            }

            Assert.Equal(1, outcome.Statistics.Reconnects);
        }
    }
}
