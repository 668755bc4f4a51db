using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Emulator.Live;
using GladiaPS.Emulator.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GladiaPS.Emulator.Http
{
    /// <summary>The API origin: the live REST routes, the WebSocket, and the emulator's own test API.</summary>
    internal static class ApiEndpoints
    {
        public const string WebSocketPath = "/v2/live/ws";

        public static void Map(WebApplication app, GladiaEmulator emulator)
        {
            app.Use(async (context, next) =>
            {
                emulator.Record(EmulatorOrigin.Api, context);
                var path = context.Request.Path;
                if (!path.Equals(WebSocketPath, StringComparison.Ordinal) && !emulator.IsAuthorized(context))
                {
                    await ErrorBodies.Create(context, 401, "Invalid or missing API key: send it in the x-gladia-key header").ExecuteAsync(context).ConfigureAwait(false);
                    return;
                }

                await next(context).ConfigureAwait(false);
            });

            app.MapPost("/v2/live", context => InitAsync(context, emulator));
            app.MapGet(WebSocketPath, context => WebSocketAsync(context, emulator));
            app.MapGet("/v2/live", context => Send(context, LiveJobList.Build(context, emulator)));
            app.MapGet("/v2/live/{id}", context => Send(context, GetJob(context, emulator)));
            app.MapDelete("/v2/live/{id}", context => DeleteAsync(context, emulator));
            app.MapGet("/v2/live/{id}/file", context => FileAsync(context, emulator));
            PreRecordedEndpoints.Map(app, emulator);
            TestApiEndpoints.Map(app, emulator);
            app.MapFallback(context => Send(context, ErrorBodies.Create(context, 404, $"Cannot {context.Request.Method} {context.Request.Path}")));
        }

        internal static Task Send(HttpContext context, IResult result) => result.ExecuteAsync(context);

        internal static IResult Json(JsonNode node, int status = 200) =>
            Results.Text(node.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, status);

        private static async Task InitAsync(HttpContext context, GladiaEmulator emulator)
        {
            if (emulator.Faults.TryConsumeInitFailure(out var status, out var retryAfter))
            {
                if (status == 429) context.Response.Headers["Retry-After"] = retryAfter.ToString(CultureInfo.InvariantCulture);
                var reason = status == 429 ? "Too many requests: injected rate limit" : $"Injected failure with status {status}";
                await Send(context, ErrorBodies.Create(context, status, reason)).ConfigureAwait(false);
                return;
            }

            var region = context.Request.Query["region"];
            if (region.Count > 0 && !(region.Count == 1 && region[0] is "eu-west" or "us-west"))
            {
                await Send(context, ErrorBodies.Create(context, 422, "region must be one of the following values: eu-west, us-west")).ConfigureAwait(false);
                return;
            }

            string body;
            using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            }
            catch (JsonException ex)
            {
                await Send(context, ErrorBodies.Create(context, 400, "Malformed JSON in request body: " + ex.Message)).ConfigureAwait(false);
                return;
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    await Send(context, ErrorBodies.Create(context, 400, "The request body must be a JSON object")).ConfigureAwait(false);
                    return;
                }

                var config = SessionConfig.TryCreate(document.RootElement, out var errors);
                if (config == null)
                {
                    await Send(context, ErrorBodies.Create(context, 422, string.Join("; ", errors))).ConfigureAwait(false);
                    return;
                }

                var session = emulator.CreateSession(config, body);
                var url = $"ws://127.0.0.1:{emulator.BaseUrl.Port}{WebSocketPath}?token={session.Token}";
                await Send(context, Json(new JsonObject
                {
                    ["id"] = session.Id,
                    ["created_at"] = Timestamps.Format(session.CreatedAt),
                    ["url"] = url,
                }, 201)).ConfigureAwait(false);
            }
        }

        private static async Task WebSocketAsync(HttpContext context, GladiaEmulator emulator)
        {
            var session = emulator.FindByToken(context.Request.Query["token"].FirstOrDefault());
            if (session == null)
            {
                await Send(context, ErrorBodies.Create(context, 401, "Unknown or expired session token")).ConfigureAwait(false);
                return;
            }

            if (!context.WebSockets.IsWebSocketRequest)
            {
                await Send(context, ErrorBodies.Create(context, 400, "This URL expects a WebSocket upgrade")).ConfigureAwait(false);
                return;
            }

            var faults = emulator.Faults.Snapshot();
            if (faults.RefuseConnectionsStatus is { } status)
            {
                session.CountRefusedConnection();
                await Send(context, ErrorBodies.Create(context, status, "Connections are refused (emulated fault)")).ConfigureAwait(false);
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            if (faults.CloseConnectionsCode is { } code)
            {
                session.CountRefusedConnection();
                await CloseAtOnceAsync(context, socket, code).ConfigureAwait(false);
                return;
            }

            await new LiveConnection(context, socket, session, emulator.Faults).RunAsync().ConfigureAwait(false);
        }

        /// <summary>Closes a just-accepted socket with <paramref name="code"/> and waits (briefly) for the client's answer.</summary>
        private static async Task CloseAtOnceAsync(HttpContext context, WebSocket socket, int code)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            limit.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, "emulated refusal", limit.Token).ConfigureAwait(false);
                var buffer = new byte[4096];
                while (socket.State == WebSocketState.CloseSent)
                {
                    await socket.ReceiveAsync(new ArraySegment<byte>(buffer), limit.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                // The client went away without answering the close; nothing more to do.
            }
        }

        private static IResult GetJob(HttpContext context, GladiaEmulator emulator)
        {
            var session = emulator.FindSession((string)context.Request.RouteValues["id"]!);
            return session == null
                ? ErrorBodies.Create(context, 404, "Live job not found")
                : Json(WithAnswerId(session.ToJob(), emulator));
        }

        /// <summary>The job as the server sends it: with the job-answer-id fault, under another id.</summary>
        internal static JsonObject WithAnswerId(JsonObject job, GladiaEmulator emulator)
        {
            if (emulator.Faults.Snapshot().JobAnswerId is { } lie)
            {
                job["id"] = lie;
            }

            return job;
        }

        private static async Task DeleteAsync(HttpContext context, GladiaEmulator emulator)
        {
            var deleted = await emulator.DeleteSessionAsync((string)context.Request.RouteValues["id"]!).ConfigureAwait(false);
            if (!deleted)
            {
                await Send(context, ErrorBodies.Create(context, 404, "Live job not found")).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = 202;
        }

        private static async Task FileAsync(HttpContext context, GladiaEmulator emulator)
        {
            var session = emulator.FindSession((string)context.Request.RouteValues["id"]!);
            if (session == null)
            {
                await Send(context, ErrorBodies.Create(context, 404, "Live job not found")).ConfigureAwait(false);
                return;
            }

            if (session.KeptBytes == 0)
            {
                await Send(context, ErrorBodies.Create(context, 404, "No audio file recorded for this live job")).ConfigureAwait(false);
                return;
            }

            if (emulator.Options.RedirectFileDownloads)
            {
                var expires = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
                var signature = Sign(emulator, session.Id, expires);
                context.Response.StatusCode = 302;
                context.Response.Headers.Location =
                    $"{emulator.StorageBaseUrl.ToString().TrimEnd('/')}/files/{session.Id}.wav?X-Expires={expires}&X-Signature={signature}";
                return;
            }

            if (emulator.Faults.Snapshot().EndlessFile)
            {
                await WriteEndlessAsync(context, session).ConfigureAwait(false);
                return;
            }

            await WriteWavAsync(context, session).ConfigureAwait(false);
        }

        /// <summary>The session's WAV, then zeros without end and without a length, until the client disconnects.</summary>
        private static async Task WriteEndlessAsync(HttpContext context, EmulatedSession session)
        {
            var length = await session.FlushAudioAsync().ConfigureAwait(false);
            var wav = new MemoryStream();
            await session.CopyAudioAsWavAsync(wav, length, context.RequestAborted).ConfigureAwait(false);
            wav.Position = 0;
            await WriteEndlessAsync(context, wav).ConfigureAwait(false);
        }

        /// <summary><paramref name="start"/>, then zeros without end and without a length, until the client disconnects.</summary>
        internal static async Task WriteEndlessAsync(HttpContext context, Stream start)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/octet-stream";
            await using (start.ConfigureAwait(false))
            {
                await start.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            }

            var zeros = new byte[64 * 1024];
            try
            {
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(zeros, context.RequestAborted).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or System.IO.IOException)
            {
                // The client went away: the end of the attack.
            }
        }

        internal static async Task WriteWavAsync(HttpContext context, EmulatedSession session)
        {
            var length = await session.FlushAudioAsync().ConfigureAwait(false);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = 44 + length;
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{session.Id}.wav\"";
            await session.CopyAudioAsWavAsync(context.Response.Body, length, context.RequestAborted).ConfigureAwait(false);
        }

        internal static string Sign(GladiaEmulator emulator, string id, long expires)
        {
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(emulator.StorageSecret), Encoding.UTF8.GetBytes($"{id}\n{expires}"));
            return Convert.ToHexString(mac).ToLowerInvariant();
        }
    }
}
