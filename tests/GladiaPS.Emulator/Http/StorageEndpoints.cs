using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GladiaPS.Emulator.Http
{
    /// <summary>
    /// The storage origin: serves a session's WAV at the signed URL the API origin redirects to. Like signed object
    /// storage it needs no API key (and records whether one arrived anyway).
    /// </summary>
    internal static class StorageEndpoints
    {
        public static void Map(WebApplication app, GladiaEmulator emulator)
        {
            app.Use(async (context, next) =>
            {
                emulator.Record(EmulatorOrigin.Storage, context);
                await next(context).ConfigureAwait(false);
            });

            app.MapGet("/files/{name}", async context =>
            {
                var name = (string)context.Request.RouteValues["name"]!;
                var id = name.EndsWith(".wav", StringComparison.Ordinal) ? name[..^4] : name;
                var session = emulator.FindSession(id);
                if (session == null || !IsValid(emulator, id, context.Request.Query["X-Expires"], context.Request.Query["X-Signature"]))
                {
                    context.Response.StatusCode = 403;
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync("Signature missing, invalid or expired").ConfigureAwait(false);
                    return;
                }

                await ApiEndpoints.WriteWavAsync(context, session).ConfigureAwait(false);
            });
        }

        private static bool IsValid(GladiaEmulator emulator, string id, string? expiresText, string? signature)
        {
            if (!long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)) return false;
            if (DateTimeOffset.FromUnixTimeSeconds(expires) < DateTimeOffset.UtcNow) return false;
            var expected = ApiEndpoints.Sign(emulator, id, expires);
            return signature != null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
        }
    }
}
