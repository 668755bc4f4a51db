using System;
using System.Globalization;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GladiaPS.Tests.Hosting
{
    /// <summary>Reads jobs from the local server's REST API (GET /v2/live/{id}), as any client would.</summary>
    internal static class ServerJobs
    {
        public static async Task<JsonObject> GetAsync(Uri baseUrl, string apiKey, string id)
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(20) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/live/" + Uri.EscapeDataString(id));
            request.Headers.Add("x-gladia-key", apiKey);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }

        public static DateTimeOffset Time(JsonObject job, string field) =>
            DateTimeOffset.Parse((string)job[field]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }
}
