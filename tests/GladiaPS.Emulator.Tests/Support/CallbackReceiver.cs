using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using GladiaPS.TestSupport;

namespace GladiaPS.Emulator.Tests.Support
{
    /// <summary>A loopback HTTP endpoint that records the callback POSTs it receives.</summary>
    internal sealed class CallbackReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly List<(string Method, JsonObject Body)> _received = new();
        private readonly ChangeSignal _changed = new();

        private CallbackReceiver(WebApplication app) => _app = app;

        public Uri Url { get; private set; } = null!;

        public IReadOnlyList<(string Method, JsonObject Body)> Received
        {
            get
            {
                lock (_received) return _received.ToArray();
            }
        }

        public IReadOnlyList<string> Events => Received.Select(r => (string)r.Body["event"]!).ToList();

        public static async Task<CallbackReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var receiver = new CallbackReceiver(app);
            app.MapPost("/hook", async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = (JsonObject)JsonNode.Parse(await reader.ReadToEndAsync())!;
                lock (receiver._received) receiver._received.Add((context.Request.Method, body));
                receiver._changed.Pulse();
                context.Response.StatusCode = 200;
            });
            await app.StartAsync();
            var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
            receiver.Url = new Uri($"http://127.0.0.1:{port}/hook");
            return receiver;
        }

        public Task WaitForEventAsync(string name) =>
            _changed.WaitUntilAsync(() => Events.Contains(name), TestEmulator.Timeout, $"callback event {name}");

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
