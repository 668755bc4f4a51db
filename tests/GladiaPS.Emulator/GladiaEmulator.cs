using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Emulator.Http;
using GladiaPS.Emulator.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GladiaPS.Emulator
{
    /// <summary>
    /// A local Gladia-compatible live API on 127.0.0.1: REST, WebSocket with tone-word recognition, callbacks,
    /// fault injection, and a second local origin that serves redirected file downloads.
    /// </summary>
    public sealed class GladiaEmulator : IAsyncDisposable
    {
        private readonly WebApplication _api;
        private readonly WebApplication _storage;
        private readonly ConcurrentDictionary<string, EmulatedSession> _sessions = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, EmulatedSession> _sessionsByToken = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<RecordedRequest> _requests = new();
        private readonly CancellationTokenSource _stopping = new();
        private readonly HttpClient _callbackHttp;
        private int _disposed;

        private GladiaEmulator(EmulatorOptions options)
        {
            Options = options;
            Faults = new EmulatorFaults(options.Faults);
            TempDirectory = options.TempDirectory ?? Path.GetTempPath();
            _callbackHttp = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
            {
                Timeout = TimeSpan.FromSeconds(10),
            };
            StorageSecret = Guid.NewGuid().ToString("N");
            PreRecorded = new PreRecorded.PreRecordedStore(TempDirectory);
            _api = BuildApp(options.Port, options.WarningLog, app => ApiEndpoints.Map(app, this));
            _storage = BuildApp(0, options.WarningLog, app => StorageEndpoints.Map(app, this));
        }

        /// <summary>The API origin, <c>http://127.0.0.1:PORT</c>.</summary>
        public Uri BaseUrl { get; private set; } = null!;

        /// <summary>The second local origin that serves file downloads after a 302 (no API key needed there).</summary>
        public Uri StorageBaseUrl { get; private set; } = null!;

        /// <summary>The injected faults, changeable while running.</summary>
        public EmulatorFaults Faults { get; }

        /// <summary>Every session created and not deleted.</summary>
        public IReadOnlyCollection<EmulatedSession> Sessions => _sessions.Values.OrderBy(s => s.CreatedAt).ToArray();

        /// <summary>Every HTTP request received by either origin, in arrival order.</summary>
        public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

        internal EmulatorOptions Options { get; }
        internal PreRecorded.PreRecordedStore PreRecorded { get; }
        internal string TempDirectory { get; }
        internal string StorageSecret { get; }
        internal CancellationToken Stopping => _stopping.Token;

        /// <summary>Starts both origins on loopback and returns once they accept connections.</summary>
        public static async Task<GladiaEmulator> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(options);
            options.Validate();
            var emulator = new GladiaEmulator(options);
            try
            {
                await emulator._api.StartAsync(cancellationToken).ConfigureAwait(false);
                await emulator._storage.StartAsync(cancellationToken).ConfigureAwait(false);
                emulator.BaseUrl = BoundAddress(emulator._api);
                emulator.StorageBaseUrl = BoundAddress(emulator._storage);
                return emulator;
            }
            catch
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        public EmulatedSession? FindSession(string id) =>
            id != null && _sessions.TryGetValue(id, out var session) ? session : null;

        public override string ToString() => $"GladiaEmulator {BaseUrl}";

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _stopping.Cancel();
            foreach (var app in new[] { _api, _storage })
            {
                try
                {
                    await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (InvalidOperationException)
                {
                    // Not started.
                }

                await app.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var session in _sessions.Values) session.DisposeAudio();
            PreRecorded.Dispose();
            _callbackHttp.Dispose();
            _stopping.Dispose();
        }

        internal EmulatedSession CreateSession(SessionConfig config, string initJson)
        {
            var session = new EmulatedSession(config, initJson, TempDirectory, _callbackHttp, Faults.Snapshot().MaxSessionSeconds, _stopping.Token);
            _sessions[session.Id] = session;
            _sessionsByToken[session.Token] = session;
            return session;
        }

        internal EmulatedSession? FindByToken(string? token) =>
            token != null && _sessionsByToken.TryGetValue(token, out var session) && !session.IsDeleted ? session : null;

        internal async Task<bool> DeleteSessionAsync(string id)
        {
            if (!_sessions.TryRemove(id, out var session)) return false;
            _sessionsByToken.TryRemove(session.Token, out _);
            await session.DeleteAsync().ConfigureAwait(false);
            return true;
        }

        internal void Record(EmulatorOrigin origin, HttpContext context)
        {
            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var header in context.Request.Headers)
            {
                var name = header.Key.ToLowerInvariant();
                headers[name] = name == "x-gladia-key" ? RecordedRequest.RedactedValue : header.Value.ToString();
            }

            var pathAndQuery = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            _requests.Enqueue(new RecordedRequest(origin, context.Request.Method, pathAndQuery, headers, DateTimeOffset.UtcNow));
        }

        internal bool IsAuthorized(HttpContext context) =>
            context.Request.Headers.TryGetValue("x-gladia-key", out var key) && key.Count == 1
            && CryptographicEquals(key[0] ?? string.Empty, Options.ApiKey);

        private static bool CryptographicEquals(string a, string b) =>
            System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));

        private static WebApplication BuildApp(int port, TextWriter? warningLog, Action<WebApplication> map)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
            builder.Logging.ClearProviders();
            if (warningLog != null)
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Logging.AddProvider(new TextWriterLoggerProvider(warningLog));
            }

            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
            builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, port);
                kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
                kestrel.AddServerHeader = false;
            });
            var app = builder.Build();
            app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
            map(app);
            return app;
        }

        private static Uri BoundAddress(WebApplication app)
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            var bound = new Uri(addresses.First());
            return new Uri($"http://127.0.0.1:{bound.Port}");
        }
    }
}
