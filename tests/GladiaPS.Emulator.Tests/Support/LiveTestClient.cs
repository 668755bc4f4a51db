using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using GladiaPS.TestSupport;

namespace GladiaPS.Emulator.Tests.Support
{
    /// <summary>
    /// A bare-bones live client for tests: init over HTTP, a raw <see cref="ClientWebSocket"/>, and every server
    /// frame collected (JSON parsed, anything else kept raw) so tests can wait for and assert on them.
    /// </summary>
    internal sealed class LiveTestClient : IAsyncDisposable
    {
        private readonly object _gate = new();
        private readonly List<JsonObject> _messages = new();
        private readonly List<string> _nonJsonFrames = new();
        private readonly ChangeSignal _changed = new();
        private ClientWebSocket? _socket;
        private Task? _reader;
        private long _lastAckEnd;
        private bool _disconnected = true;

        private LiveTestClient(string id, Uri url)
        {
            Id = id;
            Url = url;
        }

        public string Id { get; }

        public Uri Url { get; }

        /// <summary>Close status of the last connection (null while open or when it ended without a close frame).</summary>
        public WebSocketCloseStatus? LastCloseStatus { get; private set; }

        /// <summary>True when the last connection ended by a close frame from the server.</summary>
        public bool LastCloseWasClean { get; private set; }

        public int ConnectionsMade { get; private set; }

        /// <summary>End of the last <c>audio_chunk</c> ack's <c>byte_range</c>.</summary>
        public long LastAckEnd => Interlocked.Read(ref _lastAckEnd);

        public bool IsDisconnected
        {
            get
            {
                lock (_gate) return _disconnected;
            }
        }

        public IReadOnlyList<JsonObject> Messages
        {
            get
            {
                lock (_gate) return _messages.ToArray();
            }
        }

        public IReadOnlyList<string> NonJsonFrames
        {
            get
            {
                lock (_gate) return _nonJsonFrames.ToArray();
            }
        }

        public IEnumerable<JsonObject> OfType(string type) => Messages.Where(m => (string?)m["type"] == type);

        public IEnumerable<JsonObject> Acks => OfType("audio_chunk");

        public IEnumerable<JsonObject> FinalTranscripts => OfType("transcript").Where(m => (bool)m["data"]!["is_final"]!);

        /// <summary>Final transcript texts of one channel, joined by spaces.</summary>
        public string Transcript(int channel = 0) => string.Join(" ", FinalTranscripts
            .Select(m => m["data"]!["utterance"]!)
            .Where(u => (int)u["channel"]! == channel)
            .Select(u => (string)u["text"]!));

        public static async Task<LiveTestClient> CreateAsync(HttpClient http, JsonObject init, bool connect = true)
        {
            var (status, body, _) = await TestEmulator.PostInitAsync(http, init.ToJsonString());
            Assert.True(status == 201, $"init returned {status}: {body?.ToJsonString()}");
            var client = new LiveTestClient((string)body!["id"]!, new Uri((string)body["url"]!));
            if (connect) await client.ConnectAsync();
            return client;
        }

        public async Task ConnectAsync()
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(Url, CancellationToken.None).WaitAsync(TestEmulator.Timeout);
            lock (_gate)
            {
                _socket = socket;
                _disconnected = false;
                LastCloseStatus = null;
                LastCloseWasClean = false;
            }

            ConnectionsMade++;
            _reader = Task.Run(() => ReadAsync(socket));
        }

        public Task SendBinaryAsync(ReadOnlyMemory<byte> bytes) =>
            Socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None).AsTask().WaitAsync(TestEmulator.Timeout);

        public Task SendTextAsync(string text) =>
            Socket.SendAsync(new ArraySegment<byte>(Encoding.UTF8.GetBytes(text)), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(TestEmulator.Timeout);

        /// <summary>Sends <paramref name="audio"/> in binary frames of <paramref name="chunkSize"/> bytes.</summary>
        public async Task SendAudioAsync(ReadOnlyMemory<byte> audio, int chunkSize)
        {
            for (var offset = 0; offset < audio.Length; offset += chunkSize)
                await SendBinaryAsync(audio.Slice(offset, Math.Min(chunkSize, audio.Length - offset)));
        }

        public Task StopAsync() => SendTextAsync("{\"type\":\"stop_recording\"}");

        public Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure) =>
            Socket.CloseOutputAsync(status, "client done", CancellationToken.None).WaitAsync(TestEmulator.Timeout);

        /// <summary>Ends the connection without a close frame.</summary>
        public void Abort() => Socket.Abort();

        public Task WaitUntilAsync(Func<LiveTestClient, bool> condition, string what, TimeSpan? timeout = null) =>
            _changed.WaitUntilAsync(() => condition(this), timeout ?? TestEmulator.Timeout, what);

        public async Task<JsonObject> WaitForAsync(string type, TimeSpan? timeout = null)
        {
            await WaitUntilAsync(c => c.OfType(type).Any(), $"a '{type}' message", timeout);
            return OfType(type).First();
        }

        public Task WaitForDisconnectAsync(TimeSpan? timeout = null) => WaitUntilAsync(c => c.IsDisconnected, "the connection to end", timeout);

        public Task WaitForAckAsync(long end, TimeSpan? timeout = null) =>
            WaitUntilAsync(c => c.LastAckEnd >= end, $"an ack up to byte {end}", timeout);

        /// <summary>Sends stop_recording and waits for the server's close; returns its status.</summary>
        public async Task<WebSocketCloseStatus?> StopAndWaitForCloseAsync()
        {
            await StopAsync();
            await WaitForDisconnectAsync();
            return LastCloseStatus;
        }

        public async ValueTask DisposeAsync()
        {
            var socket = _socket;
            if (socket == null) return;
            socket.Abort();
            if (_reader != null) await _reader.WaitAsync(TestEmulator.Timeout);
            socket.Dispose();
        }

        private ClientWebSocket Socket => _socket ?? throw new InvalidOperationException("Not connected.");

        private async Task ReadAsync(ClientWebSocket socket)
        {
            var buffer = new byte[1 << 16];
            try
            {
                while (true)
                {
                    using var message = new System.IO.MemoryStream();
                    ValueWebSocketReceiveResult result;
                    do
                    {
                        result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                        message.Write(buffer, 0, result.Count);
                    }
                    while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        lock (_gate)
                        {
                            LastCloseStatus = socket.CloseStatus;
                            LastCloseWasClean = true;
                        }

                        try
                        {
                            if (socket.State == WebSocketState.CloseReceived)
                                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
                        }
                        catch (WebSocketException)
                        {
                            // The server already went away.
                        }

                        return;
                    }

                    Add(message.ToArray());
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or System.IO.IOException)
            {
                // Dropped without a close frame.
            }
            finally
            {
                lock (_gate) _disconnected = true;
                _changed.Pulse();
            }
        }

        private void Add(byte[] frame)
        {
            JsonObject? message = null;
            try
            {
                message = JsonNode.Parse(frame) as JsonObject;
            }
            catch (JsonException)
            {
            }

            lock (_gate)
            {
                if (message == null)
                {
                    _nonJsonFrames.Add(Encoding.UTF8.GetString(frame));
                }
                else
                {
                    _messages.Add(message);
                    if ((string?)message["type"] == "audio_chunk" && message["data"]?["byte_range"] is JsonArray range)
                        Interlocked.Exchange(ref _lastAckEnd, (long)range[1]!);
                }
            }

            _changed.Pulse();
        }
    }
}
