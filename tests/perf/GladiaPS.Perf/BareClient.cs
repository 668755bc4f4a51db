using System;
using System.Buffers;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.CommandLine;

namespace GladiaPS.Perf
{
    /// <summary>
    /// The floor for any client: one POST /v2/live, then a ClientWebSocket that sends the WAV file's bytes in 100 ms binary
    /// frames with at most WINDOW bytes unacknowledged and reads the server's messages. It parses only what it must (the
    /// acknowledged byte count, and each final transcript's text for the check) and prints the driver's output format:
    /// one JSON line per final transcript and lifecycle message, then a summary line.
    ///   bare --api-url URL --api-key KEY [--window BYTES] [--pace max|realtime] FILE
    /// The file must be 16-bit PCM WAV: the bare client converts nothing.
    /// </summary>
    internal static class BareClient
    {
        private static readonly byte[] AckType = Encoding.ASCII.GetBytes("\"audio_chunk\"");

        public static async Task<int> RunAsync(CommandLineArguments args)
        {
            var url = new Uri(args.Required("--api-url").TrimEnd('/') + "/");
            var key = args.Required("--api-key");
            var window = args.Long("--window", 1 << 20);
            var realTime = args.Value("--pace", "max") == "realtime";
            var path = args.Positional(0);

            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var (rate, channels, bits, dataLength) = ReadWavHeader(file);
            if (bits != 16)
            {
                Console.Error.WriteLine("bare: " + path + " is not 16-bit PCM");
                return 2;
            }

            using var http = new HttpClient { BaseAddress = url };
            var init = "{\"encoding\":\"wav/pcm\",\"bit_depth\":16,\"sample_rate\":" + rate + ",\"channels\":" + channels +
                       ",\"messages_config\":{\"receive_partial_transcripts\":false,\"receive_final_transcripts\":true," +
                       "\"receive_speech_events\":false,\"receive_pre_processing_events\":false,\"receive_realtime_processing_events\":false," +
                       "\"receive_post_processing_events\":true,\"receive_acknowledgments\":true,\"receive_errors\":true,\"receive_lifecycle_events\":true}}";
            using var request = new HttpRequestMessage(HttpMethod.Post, "v2/live") { Content = new StringContent(init, Encoding.UTF8, "application/json") };
            request.Headers.Add("x-gladia-key", key);
            using var response = await http.SendAsync(request).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine("bare: init failed: " + (int)response.StatusCode + " " + body);
                return 1;
            }

            string sessionId, wsUrl;
            using (var document = JsonDocument.Parse(body))
            {
                sessionId = document.RootElement.GetProperty("id").GetString()!;
                wsUrl = document.RootElement.GetProperty("url").GetString()!;
            }

            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri(wsUrl), CancellationToken.None).ConfigureAwait(false);
            var output = new Output();
            var state = new State();
            var receiving = Task.Run(() => ReceiveAsync(socket, state, output));

            var chunk = rate * channels * 2 / 10;
            var buffer = new byte[chunk];
            long sent = 0;
            var clock = Stopwatch.StartNew();
            for (long index = 0; sent < dataLength; index++)
            {
                var want = (int)Math.Min(chunk, dataLength - sent);
                var read = 0;
                while (read < want)
                {
                    var n = file.Read(buffer, read, want - read);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                if (read == 0)
                {
                    break;
                }

                while (sent + read - Volatile.Read(ref state.Acked) > window)
                {
                    await state.AckSignal.WaitAsync().ConfigureAwait(false);
                    if (state.Failed)
                    {
                        return Fail(state);
                    }
                }

                if (realTime)
                {
                    var due = TimeSpan.FromMilliseconds(index * 100) - clock.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due).ConfigureAwait(false);
                    }
                }

                if (index == 0)
                {
                    output.Line("{\"type\":\"first_chunk\"}");
                }

                await socket.SendAsync(new ArraySegment<byte>(buffer, 0, read), WebSocketMessageType.Binary, true, CancellationToken.None).ConfigureAwait(false);
                sent += read;
            }

            while (Volatile.Read(ref state.Acked) < sent && !state.Failed && !state.Closed)
            {
                await state.AckSignal.WaitAsync().ConfigureAwait(false);
            }

            await socket.SendAsync(new ArraySegment<byte>(Encoding.ASCII.GetBytes("{\"type\":\"stop_recording\"}")), WebSocketMessageType.Text, true, CancellationToken.None)
                .ConfigureAwait(false);
            await receiving.ConfigureAwait(false);
            if (state.Failed)
            {
                return Fail(state);
            }

            output.Line("{\"summary\":{\"session_id\":\"" + sessionId + "\",\"bytes_sent\":" + sent + ",\"bytes_acked\":" + state.Acked + ",\"close_status\":" +
                        (int)(socket.CloseStatus ?? 0) + ",\"allocated_bytes\":" + GC.GetTotalAllocatedBytes() + ",\"gen0_collections\":" + GC.CollectionCount(0) + "}}");
            output.Flush();
            return socket.CloseStatus == WebSocketCloseStatus.NormalClosure ? 0 : 1;
        }

        private static int Fail(State state)
        {
            Console.Error.WriteLine("bare: " + state.Error);
            return 1;
        }

        private sealed class State
        {
            public long Acked;
            public volatile bool Failed;
            public volatile bool Closed;
            public string? Error;
            public readonly SemaphoreSlim AckSignal = new SemaphoreSlim(0);
        }

        private sealed class Output
        {
            private readonly Stream stdout = Console.OpenStandardOutput();
            private readonly object gate = new object();

            public void Line(string text)
            {
                lock (gate)
                {
                    var bytes = Encoding.UTF8.GetBytes(text + "\n");
                    stdout.Write(bytes, 0, bytes.Length);
                    stdout.Flush();
                }
            }

            public void Flush() => stdout.Flush();
        }

        private static async Task ReceiveAsync(ClientWebSocket socket, State state, Output output)
        {
            var buffer = new byte[64 * 1024];
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    var result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), CancellationToken.None).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        if (socket.State == WebSocketState.CloseReceived)
                        {
                            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                        }

                        break;
                    }

                    length += result.Count;
                    if (!result.EndOfMessage)
                    {
                        continue;
                    }

                    Handle(new ReadOnlySpan<byte>(buffer, 0, length), state, output);
                    length = 0;
                }
            }
            catch (Exception exception) when (exception is WebSocketException || exception is IOException)
            {
                state.Error = exception.Message;
                state.Failed = true;
            }
            finally
            {
                state.Closed = true;
                state.AckSignal.Release();
            }
        }

        private static void Handle(ReadOnlySpan<byte> message, State state, Output output)
        {
            // Acknowledgments are nearly every message: find the byte count without building anything.
            if (message.Length < 512 && message.IndexOf(AckType) >= 0)
            {
                var reader = new Utf8JsonReader(message);
                while (reader.Read())
                {
                    if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("byte_range"))
                    {
                        reader.Read();
                        reader.Read();
                        reader.Read();
                        Volatile.Write(ref state.Acked, reader.GetInt64());
                        state.AckSignal.Release();
                        return;
                    }
                }

                return;
            }

            var typeReader = new Utf8JsonReader(message);
            string? type = null;
            while (typeReader.Read())
            {
                if (typeReader.TokenType == JsonTokenType.PropertyName && typeReader.CurrentDepth == 1 && typeReader.ValueTextEquals("type"))
                {
                    typeReader.Read();
                    type = typeReader.GetString();
                    break;
                }

                if (typeReader.TokenType == JsonTokenType.StartObject && typeReader.CurrentDepth == 1 || typeReader.TokenType == JsonTokenType.StartArray)
                {
                    typeReader.Skip();
                }
            }

            if (type == "transcript")
            {
                using var document = JsonDocument.Parse(message.ToArray());
                var data = document.RootElement.GetProperty("data");
                if (data.GetProperty("is_final").GetBoolean())
                {
                    var u = data.GetProperty("utterance");
                    output.Line("{\"type\":\"transcript\",\"channel\":" + u.GetProperty("channel").GetInt32() + ",\"start\":" +
                                u.GetProperty("start").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ",\"end\":" +
                                u.GetProperty("end").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ",\"text\":" +
                                JsonSerializer.Serialize(u.GetProperty("text").GetString()) + "}");
                }
            }
            else if (type is not null)
            {
                output.Line("{\"type\":\"" + type + "\"}");
            }
        }

        /// <summary>The format and data length of a WAV file; leaves the stream at the first data byte.</summary>
        internal static (int Rate, int Channels, int Bits, long DataLength) ReadWavHeader(Stream stream)
        {
            var header = new byte[12];
            stream.ReadExactly(header);
            if (Encoding.ASCII.GetString(header, 0, 4) != "RIFF" || Encoding.ASCII.GetString(header, 8, 4) != "WAVE")
            {
                throw new InvalidDataException("not a WAV file");
            }

            int rate = 0, channels = 0, bits = 0;
            var chunk = new byte[8];
            while (true)
            {
                stream.ReadExactly(chunk);
                var id = Encoding.ASCII.GetString(chunk, 0, 4);
                var size = BitConverter.ToUInt32(chunk, 4);
                if (id == "data")
                {
                    return (rate, channels, bits, size);
                }

                var content = new byte[size + (size & 1)];
                stream.ReadExactly(content);
                if (id == "fmt ")
                {
                    channels = BitConverter.ToInt16(content, 2);
                    rate = BitConverter.ToInt32(content, 4);
                    bits = BitConverter.ToInt16(content, 14);
                    if (BitConverter.ToInt16(content, 0) != 1)
                    {
                        bits = -bits;
                    }
                }
            }
        }
    }
}
