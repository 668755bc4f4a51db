using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GladiaPS.Emulator.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GladiaPS.Emulator.Http
{
    /// <summary>
    /// The emulator's own API for out-of-process users (the API key is required here too):
    /// <c>GET/PUT /emulator/faults</c>, <c>GET /emulator/sessions</c>, <c>GET /emulator/sessions/{id}</c>, <c>GET /emulator/requests</c>.
    /// </summary>
    internal static class TestApiEndpoints
    {
        private static readonly JsonSerializerOptions FaultJson = new()
        {
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
            WriteIndented = false,
        };

        public static void Map(WebApplication app, GladiaEmulator emulator)
        {
            app.MapGet("/emulator/faults", context =>
                ApiEndpoints.Send(context, ApiEndpoints.Json(JsonSerializer.SerializeToNode(emulator.Faults.Current, FaultJson)!)));

            app.MapPut("/emulator/faults", async context =>
            {
                FaultSettings? settings;
                try
                {
                    settings = await JsonSerializer.DeserializeAsync<FaultSettings>(context.Request.Body, FaultJson, context.RequestAborted).ConfigureAwait(false);
                }
                catch (JsonException ex)
                {
                    await ApiEndpoints.Send(context, ErrorBodies.Create(context, 400, "Invalid fault settings: " + ex.Message)).ConfigureAwait(false);
                    return;
                }

                var problem = settings == null ? "the body must be a JSON object" : settings.Validate();
                if (problem != null)
                {
                    await ApiEndpoints.Send(context, ErrorBodies.Create(context, 422, problem)).ConfigureAwait(false);
                    return;
                }

                emulator.Faults.Set(settings!);
                await ApiEndpoints.Send(context, ApiEndpoints.Json(JsonSerializer.SerializeToNode(emulator.Faults.Current, FaultJson)!)).ConfigureAwait(false);
            });

            app.MapGet("/emulator/sessions", context => ApiEndpoints.Send(context,
                ApiEndpoints.Json(new JsonArray(emulator.Sessions.Select(s => (JsonNode)Describe(s)).ToArray()))));

            app.MapGet("/emulator/sessions/{id}", context =>
            {
                var session = emulator.FindSession((string)context.Request.RouteValues["id"]!);
                return ApiEndpoints.Send(context, session == null
                    ? ErrorBodies.Create(context, 404, "Session not found")
                    : ApiEndpoints.Json(Describe(session)));
            });

            app.MapGet("/emulator/requests", context => ApiEndpoints.Send(context, ApiEndpoints.Json(new JsonArray(
                emulator.Requests.Select(r => (JsonNode)new JsonObject
                {
                    ["origin"] = r.Origin.ToString().ToLowerInvariant(),
                    ["method"] = r.Method,
                    ["path_and_query"] = r.PathAndQuery,
                    ["headers"] = new JsonObject(r.Headers.Select(h => new System.Collections.Generic.KeyValuePair<string, JsonNode?>(h.Key, h.Value))),
                    ["received_at"] = Timestamps.Format(r.ReceivedAt),
                }).ToArray()))));
        }

        private static JsonObject Describe(EmulatedSession session)
        {
            var utterances = session.FinalUtterances;
            var channels = new JsonObject();
            foreach (var channel in utterances.Select(u => u.Channel).Distinct().OrderBy(c => c))
                channels[channel.ToString(System.Globalization.CultureInfo.InvariantCulture)] = session.Transcript(channel);

            JsonNode? init;
            try
            {
                init = JsonNode.Parse(session.InitRequestJson);
            }
            catch (JsonException)
            {
                init = null;
            }

            return new JsonObject
            {
                ["id"] = session.Id,
                ["status"] = session.Status,
                ["end_reason"] = session.EndReason,
                ["init_request"] = init,
                ["kept_bytes"] = session.KeptBytes,
                ["received_bytes"] = session.ReceivedBytes,
                ["discarded_bytes"] = session.DiscardedBytes,
                ["header_bytes"] = session.HeaderBytes,
                ["connections"] = session.Connections,
                ["drops"] = session.Drops,
                ["refused_connections"] = session.RefusedConnections,
                ["callbacks_delivered"] = session.CallbacksDelivered,
                ["callbacks_failed"] = session.CallbacksFailed,
                ["transcripts"] = channels,
                ["utterances"] = new JsonArray(utterances.Select(u => (JsonNode)LiveMessages.Utterance(u, session.Config.Language)).ToArray()),
            };
        }
    }
}
