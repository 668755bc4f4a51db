using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Tests.Rest
{
    /// <summary>
    /// A small HTTP/1.1 server on 127.0.0.1 for precise fault shapes: any status and headers, a
    /// response that never comes, a connection dropped after the request. One request per connection.
    /// </summary>
    internal sealed class LoopbackHttpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Func<LoopbackContext, Task> _handler;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly Task _acceptLoop;

        private LoopbackHttpServer(Func<LoopbackContext, Task> handler)
        {
            _handler = handler;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            BaseUrl = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
            _acceptLoop = Task.Run(AcceptLoopAsync);
        }

        public Uri BaseUrl { get; }

        public ConcurrentQueue<LoopbackRequest> Requests { get; } = new ConcurrentQueue<LoopbackRequest>();

        public CancellationToken Stopping => _stopping.Token;

        public static LoopbackHttpServer Start(Func<LoopbackContext, Task> handler) => new LoopbackHttpServer(handler);

        /// <summary>A port on which nothing listens (connections are refused).</summary>
        public static int UnusedPort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public async ValueTask DisposeAsync()
        {
            _stopping.Cancel();
            _listener.Stop();
            try
            {
                await _acceptLoop.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The loop ends with the listener.
            }

            _stopping.Dispose();
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stopping.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    return;
                }

                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                LoopbackRequest? request;
                try
                {
                    request = await ReadRequestAsync(stream, _stopping.Token).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    return;
                }

                if (request is null)
                {
                    return;
                }

                Requests.Enqueue(request);
                var context = new LoopbackContext(request, stream, this);
                try
                {
                    await _handler(context).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // A handler that fails drops the connection, like one that never answers.
                }

                if (!context.Responded)
                {
                    // No answer: the client sees the connection close without a response.
                    client.Client.LingerState = new LingerOption(true, 0);
                }
            }
        }

        private static async Task<LoopbackRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
        {
            var head = new MemoryStream();
            var one = new byte[1];
            var tail = 0u;
            while (true)
            {
                var read = await stream.ReadAsync(one, 0, 1, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return null;
                }

                head.WriteByte(one[0]);
                tail = (tail << 8) | one[0];
                if (tail == 0x0D0A0D0A)
                {
                    break;
                }
            }

            var lines = Encoding.ASCII.GetString(head.ToArray()).Split(new[] { "\r\n" }, StringSplitOptions.RemoveEmptyEntries);
            var requestLine = lines[0].Split(' ');
            var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            for (var i = 1; i < lines.Length; i++)
            {
                var colon = lines[i].IndexOf(':');
                var name = lines[i].Substring(0, colon).Trim();
                var value = lines[i].Substring(colon + 1).Trim();
                if (!headers.TryGetValue(name, out var list))
                {
                    headers[name] = list = new List<string>();
                }

                list.Add(value);
            }

            var body = Array.Empty<byte>();
            if (headers.TryGetValue("Content-Length", out var lengths) && int.TryParse(lengths[0], out var length) && length > 0)
            {
                body = new byte[length];
                var offset = 0;
                while (offset < length)
                {
                    var read = await stream.ReadAsync(body, offset, length - offset, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return null;
                    }

                    offset += read;
                }
            }

            return new LoopbackRequest(requestLine[0], requestLine[1], headers, body);
        }
    }

    internal sealed class LoopbackRequest
    {
        public LoopbackRequest(string method, string target, Dictionary<string, List<string>> headers, byte[] body)
        {
            Method = method;
            Target = target;
            Headers = headers;
            Body = body;
        }

        public string Method { get; }

        /// <summary>Path and query as sent.</summary>
        public string Target { get; }

        public string Path => Target.Split('?')[0];

        public string Query => Target.Contains('?') ? Target.Substring(Target.IndexOf('?') + 1) : string.Empty;

        public Dictionary<string, List<string>> Headers { get; }

        public byte[] Body { get; }

        public string BodyText => Encoding.UTF8.GetString(Body);

        public string? Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(",", values) : null;

        /// <summary>Every header line as sent, to search for secrets.</summary>
        public string RawHeaders()
        {
            var builder = new StringBuilder();
            foreach (var header in Headers)
            {
                foreach (var value in header.Value)
                {
                    builder.Append(header.Key).Append(": ").Append(value).Append('\n');
                }
            }

            return builder.ToString();
        }
    }

    internal sealed class LoopbackContext
    {
        private readonly NetworkStream _stream;
        private readonly LoopbackHttpServer _server;

        public LoopbackContext(LoopbackRequest request, NetworkStream stream, LoopbackHttpServer server)
        {
            Request = request;
            _stream = stream;
            _server = server;
        }

        public LoopbackRequest Request { get; }

        public bool Responded { get; private set; }

        /// <summary>The status line's reason phrase instead of the usual one (a server that says what it likes there).</summary>
        public string? ReasonPhrase { get; set; }

        /// <summary>Cancelled when the server is disposed: a handler that stalls waits on this.</summary>
        public CancellationToken ServerStopping => _server.Stopping;

        public Task RespondJsonAsync(int status, string json, params (string Name, string Value)[] headers) =>
            RespondAsync(status, Encoding.UTF8.GetBytes(json), "application/json", headers);

        public async Task RespondAsync(int status, byte[]? body = null, string? contentType = null, params (string Name, string Value)[] headers)
        {
            body ??= Array.Empty<byte>();
            await WriteHeadAsync(status, body.Length, contentType, headers).ConfigureAwait(false);
            await _stream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
            await _stream.FlushAsync().ConfigureAwait(false);
            Responded = true;
        }

        /// <summary>Sends the status line and headers of a body of <paramref name="length"/> bytes, then lets the caller write it.</summary>
        public async Task RespondStreamingAsync(int status, long length, string contentType, Func<Stream, Task> writeBody)
        {
            await WriteHeadAsync(status, length, contentType, Array.Empty<(string, string)>()).ConfigureAwait(false);
            Responded = true;
            await writeBody(_stream).ConfigureAwait(false);
            await _stream.FlushAsync().ConfigureAwait(false);
        }

        /// <summary>Sends the status line and headers without a length (the body ends when the connection closes), then lets the caller write it.</summary>
        public Task RespondUntilCloseAsync(int status, string contentType, Func<Stream, Task> writeBody) => RespondStreamingAsync(status, -1, contentType, writeBody);

        /// <summary>Waits until the server stops: a server that never answers.</summary>
        public Task StallAsync() => Task.Delay(Timeout.Infinite, ServerStopping).ContinueWith(_ => { }, TaskScheduler.Default);

        private async Task WriteHeadAsync(int status, long length, string? contentType, (string Name, string Value)[] headers)
        {
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ReasonPhrase ?? Reason(status)).Append("\r\n");
            if (length >= 0)
            {
                head.Append("Content-Length: ").Append(length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            }

            head.Append("Connection: close\r\n");
            if (contentType != null)
            {
                head.Append("Content-Type: ").Append(contentType).Append("\r\n");
            }

            foreach (var (name, value) in headers)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }

            head.Append("\r\n");
            var bytes = Encoding.ASCII.GetBytes(head.ToString());
            await _stream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
        }

        private static string Reason(int status) => status switch
        {
            200 => "OK",
            201 => "Created",
            202 => "Accepted",
            204 => "No Content",
            301 => "Moved Permanently",
            302 => "Found",
            303 => "See Other",
            307 => "Temporary Redirect",
            308 => "Permanent Redirect",
            400 => "Bad Request",
            401 => "Unauthorized",
            404 => "Not Found",
            408 => "Request Timeout",
            413 => "Payload Too Large",
            422 => "Unprocessable Entity",
            429 => "Too Many Requests",
            500 => "Internal Server Error",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            504 => "Gateway Timeout",
            _ => "Status",
        };
    }
}
