using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace GladiaPS.Perf
{
    /// <summary>The local Gladia-compatible server, started from its built assembly, and its test API.</summary>
    internal sealed class Server : IDisposable
    {
        private readonly Process process;
        private readonly HttpClient http = new HttpClient();

        public string Url { get; }

        public string Key { get; }

        private Server(Process process, string url, string key)
        {
            this.process = process;
            Url = url;
            Key = key;
        }

        public static Server Start(string emulatorDll, string key)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { emulatorDll, "--port", "0", "--api-key", key })
            {
                psi.ArgumentList.Add(a);
            }

            var p = Process.Start(psi)!;
            p.ErrorDataReceived += (_, _) => { };
            p.BeginErrorReadLine();
            var line = p.StandardOutput.ReadLine() ?? string.Empty;
            if (!line.StartsWith("listening ", StringComparison.Ordinal))
            {
                p.Kill();
                throw new InvalidOperationException("the local server did not start: " + line);
            }

            return new Server(p, line.Substring("listening ".Length).Trim(), key);
        }

        private HttpRequestMessage Request(HttpMethod method, string path, string? json = null)
        {
            var request = new HttpRequestMessage(method, Url + path);
            request.Headers.Add("x-gladia-key", Key);
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            return request;
        }

        public async Task SetFaultsAsync(string json)
        {
            using var response = await http.SendAsync(Request(HttpMethod.Put, "/emulator/faults", json)).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }

        public async Task<JsonDocument?> SessionAsync(string id)
        {
            using var response = await http.SendAsync(Request(HttpMethod.Get, "/emulator/sessions/" + id)).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            return JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        }

        /// <summary>Deletes a finished session, and with it the temporary file of its audio.</summary>
        public async Task DeleteAsync(string id)
        {
            using var response = await http.SendAsync(Request(HttpMethod.Delete, "/v2/live/" + id)).ConfigureAwait(false);
        }

        public double CpuSeconds()
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalSeconds;
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            http.Dispose();
        }
    }
}
