using System;
using System.Linq;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>
    /// A bare WebSocket server on 127.0.0.1 whose every connection is handled by the test's own script,
    /// for checking the session's wire behaviour precisely (acks out of order, drops at exact points).
    /// </summary>
    internal sealed class TestWebSocketServer : IAsyncDisposable
    {
        public const string Token = "tok-5ecret-7c2d9e10";

        private readonly WebApplication _app;
        private int _connections;

        private TestWebSocketServer(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        /// <summary>The socket URL including its secret token.</summary>
        public Uri Url { get; }

        public int Connections => Volatile.Read(ref _connections);

        /// <summary>Set to make the next upgrade requests fail with this HTTP status.</summary>
        public int RefuseWithStatus { get; set; }

        public static async Task<TestWebSocketServer> StartAsync(Func<WebSocket, int, CancellationToken, Task> handler)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            TestWebSocketServer? server = null;
            app.UseWebSockets();
            app.Map("/v2/live/ws", async context =>
            {
                if (server!.RefuseWithStatus != 0)
                {
                    context.Response.StatusCode = server.RefuseWithStatus;
                    return;
                }

                if (!context.WebSockets.IsWebSocketRequest || context.Request.Query["token"] != Token)
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                var number = Interlocked.Increment(ref server._connections);
                using var socket = await context.WebSockets.AcceptWebSocketAsync();
                try
                {
                    await handler(socket, number, context.RequestAborted);
                }
                catch (Exception) when (context.RequestAborted.IsCancellationRequested || socket.State != WebSocketState.Open)
                {
                    // The client went away mid-script; nothing to report.
                }
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var port = new Uri(address).Port;
            server = new TestWebSocketServer(app, new Uri("ws://127.0.0.1:" + port + "/v2/live/ws?token=" + Token));
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            finally
            {
                await _app.DisposeAsync();
            }
        }
    }
}
