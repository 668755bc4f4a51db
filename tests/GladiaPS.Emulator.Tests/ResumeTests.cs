using System;
using System.Linq;
using System.Net.WebSockets;
using System.Threading.Tasks;
using GladiaPS.Emulator.Tests.Support;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Emulator.Tests
{
    /// <summary>
    /// The resume rule: only acknowledged audio is kept; a drop discards what came after the last ack; a reconnect to
    /// the same URL continues the session. Re-sending from the last ack is exact; re-sending everything doubles.
    /// </summary>
    public sealed class ResumeTests
    {
        private const string Phrase = "alpha bravo|charlie delta|echo foxtrot";
        private static readonly ToneAudioFormat Format = ToneAudioFormat.Pcm16();
        private static readonly int Chunk = TestAudio.ChunkOf100Ms(Format);

        [Theory]
        [InlineData(null)]
        [InlineData(4001)]
        [InlineData(1011)]
        public async Task Resending_from_the_last_ack_after_a_drop_loses_and_doubles_nothing(int? closeCode)
        {
            var (signal, audio) = TestAudio.Phrase(Format, Phrase);
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { DropAfterBytes = audio.Length / 2, Drops = 1, DropCloseCode = closeCode });
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));

            await ResumingSender.SendAsync(client, audio, Chunk, resendFromLastAck: true);
            await client.StopAndWaitForCloseAsync();

            Assert.Equal(TestAudio.Words(Phrase), client.Transcript());
            var session = emulator.FindSession(client.Id)!;
            Assert.Equal(audio.Length, session.KeptBytes);
            Assert.Equal(2, session.Connections);
            Assert.Equal(1, session.Drops);
            Assert.Equal(session.ReceivedBytes - session.KeptBytes, session.DiscardedBytes);
            var words = session.FinalUtterances.SelectMany(u => u.Words).ToList();
            Assert.Equal(signal.Words.Select(w => w.Start), words.Select(w => w.Start), new Within(0.03));
            Assert.Equal(0, emulator.Faults.Current.Drops);
        }

        [Fact]
        public async Task A_dropped_connection_closes_with_the_chosen_code()
        {
            var (_, audio) = TestAudio.Phrase(Format, "golf");
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { DropAfterBytes = Chunk * 3, DropCloseCode = 4005 });
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));

            try
            {
                await client.SendAudioAsync(audio, Chunk);
            }
            catch (WebSocketException)
            {
                // Sending after the close frame may fail; the close status is what matters.
            }

            await client.WaitForDisconnectAsync();
            Assert.True(client.LastCloseWasClean);
            Assert.Equal((WebSocketCloseStatus)4005, client.LastCloseStatus);
        }

        [Fact]
        public async Task An_abrupt_drop_ends_the_connection_without_a_close_frame()
        {
            var (_, audio) = TestAudio.Phrase(Format, "golf");
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { DropAfterBytes = Chunk * 3 });
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));

            try
            {
                await client.SendAudioAsync(audio, Chunk);
            }
            catch (WebSocketException)
            {
                // Expected once the server resets the connection.
            }

            await client.WaitForDisconnectAsync();
            Assert.False(client.LastCloseWasClean);
            Assert.Equal("processing", emulator.FindSession(client.Id)!.Status);
        }

        [Fact]
        public async Task Audio_received_after_the_last_ack_is_discarded_and_repeated_drops_still_resume_exactly()
        {
            var (_, audio) = TestAudio.Phrase(Format, Phrase);
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { DropAfterBytes = Chunk * 8, Drops = 3, AckDelayMs = 150 });
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));

            await ResumingSender.SendAsync(client, audio, Chunk, resendFromLastAck: true);
            await client.StopAndWaitForCloseAsync();

            var session = emulator.FindSession(client.Id)!;
            Assert.Equal(TestAudio.Words(Phrase), client.Transcript());
            Assert.Equal(TestAudio.Words(Phrase), session.Transcript());
            Assert.Equal(audio.Length, session.KeptBytes);
            Assert.Equal(4, session.Connections);
            Assert.Equal(3, session.Drops);
            Assert.True(session.DiscardedBytes > 0, "with delayed acks, some received audio was never acknowledged");
            Assert.Equal(session.ReceivedBytes - session.KeptBytes, session.DiscardedBytes);
        }

        [Fact]
        public async Task Resending_everything_after_a_drop_shows_up_doubled_in_the_transcript()
        {
            var (signal, audio) = TestAudio.Phrase(Format, Phrase);
            var bravo = signal.Words.Single(w => w.Word == "bravo");
            var charlie = signal.Words.Single(w => w.Word == "charlie");
            var midGap = (bravo.End + charlie.Start) / 2;
            var keptBeforeDrop = (int)(midGap * Format.ByteRate) / Chunk * Chunk;
            await using var emulator = await TestEmulator.StartAsync(new FaultSettings { DropAfterBytes = keptBeforeDrop + 1, Drops = 1 });
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));

            // Everything up to the gap is acknowledged before the frame that triggers the drop is sent.
            await client.SendAudioAsync(audio.AsMemory(0, keptBeforeDrop), Chunk);
            await client.WaitForAckAsync(keptBeforeDrop);
            await ResumingSender.SendAsync(client, audio, Chunk, resendFromLastAck: false);
            await client.StopAndWaitForCloseAsync();

            var session = emulator.FindSession(client.Id)!;
            Assert.Equal(keptBeforeDrop + audio.Length, session.KeptBytes);
            Assert.Equal(new[] { "alpha bravo", "alpha bravo", "charlie delta", "echo foxtrot" }, session.FinalUtterances.Select(u => u.Text));
            Assert.Equal("alpha bravo alpha bravo charlie delta echo foxtrot", client.Transcript());
        }

        [Fact]
        public async Task A_new_connection_takes_over_from_one_still_open()
        {
            var (_, audio) = TestAudio.Phrase(Format, "hotel india");
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            await using var first = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));
            var half = audio.Length / 2 / Chunk * Chunk;
            await first.SendAudioAsync(audio.AsMemory(0, half), Chunk);
            await first.WaitForAckAsync(half);

            await using var second = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format), connect: false);
            var session = emulator.FindSession(first.Id)!;
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(first.Url, default).WaitAsync(TestEmulator.Timeout);
            await first.WaitForDisconnectAsync();

            await socket.SendAsync(audio.AsMemory(half), WebSocketMessageType.Binary, true, default);
            await socket.SendAsync("{\"type\":\"stop_recording\"}"u8.ToArray(), WebSocketMessageType.Text, true, default);
            await session.Completion.WaitAsync(TestEmulator.Timeout);

            Assert.Equal("hotel india", session.Transcript());
            Assert.Equal(2, session.Connections);
            Assert.Equal(audio.Length, session.KeptBytes);
        }

        [Fact]
        public async Task A_finished_session_answers_a_reconnect_with_close_1000()
        {
            await using var emulator = await TestEmulator.StartAsync();
            using var http = TestEmulator.Http(emulator);
            await using var client = await LiveTestClient.CreateAsync(http, TestAudio.Init(Format));
            await client.StopAndWaitForCloseAsync();

            await client.ConnectAsync();
            await client.WaitForDisconnectAsync();

            Assert.Equal(WebSocketCloseStatus.NormalClosure, client.LastCloseStatus);
        }

        private sealed class Within(double tolerance) : System.Collections.Generic.IEqualityComparer<double>
        {
            public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

            public int GetHashCode(double obj) => 0;
        }
    }
}
