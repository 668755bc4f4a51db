using System;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace GladiaPS.Emulator.Protocol
{
    /// <summary>REST error bodies in the API's shape (reference §2.2).</summary>
    internal static class ErrorBodies
    {
        public static IResult Create(HttpContext context, int status, string message)
        {
            var requestId = NewRequestId();
            context.Response.Headers["x-aipi-call-id"] = requestId;
            var body = new JsonObject
            {
                ["timestamp"] = Timestamps.Now(),
                ["path"] = context.Request.Path.Value,
                ["request_id"] = requestId,
                ["statusCode"] = status,
                ["message"] = message,
            };
            return Results.Text(body.ToJsonString(), "application/json", statusCode: status);
        }

        public static string NewRequestId() => "G-" + Guid.NewGuid().ToString("N").Substring(0, 8);
    }
}
