using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GladiaPS.Emulator.Tests.Support
{
    /// <summary>Starts emulators for tests and talks REST to them with a plain HttpClient.</summary>
    internal static class TestEmulator
    {
        public const string ApiKey = "test-key-0123456789";

        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        public static Task<GladiaEmulator> StartAsync(FaultSettings? faults = null, bool redirectFileDownloads = false) =>
            GladiaEmulator.StartAsync(new EmulatorOptions
            {
                ApiKey = ApiKey,
                Faults = faults ?? new FaultSettings(),
                RedirectFileDownloads = redirectFileDownloads,
            });

        public static HttpClient Http(GladiaEmulator emulator, string? key = ApiKey)
        {
            var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
            {
                BaseAddress = emulator.BaseUrl,
                Timeout = Timeout,
            };
            if (key != null) http.DefaultRequestHeaders.Add("x-gladia-key", key);
            http.DefaultRequestHeaders.Add("x-gladia-version", "GladiaPS.Emulator.Tests/1.0");
            return http;
        }

        public static async Task<(int Status, JsonObject? Body, HttpResponseMessage Response)> PostInitAsync(
            HttpClient http, string body, string path = "/v2/live")
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var response = await http.PostAsync(path, content);
            var text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null, response);
        }

        public static async Task<JsonObject> GetJsonAsync(HttpClient http, string path, int expectedStatus = 200)
        {
            using var response = await http.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            Xunit.Assert.True((int)response.StatusCode == expectedStatus, $"GET {path}: expected {expectedStatus}, got {(int)response.StatusCode}: {text}");
            return (JsonObject)JsonNode.Parse(text)!;
        }
    }
}
