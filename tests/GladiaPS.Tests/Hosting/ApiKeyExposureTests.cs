using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace GladiaPS.Tests.Hosting
{
    /// <summary>The API key appears in no stream, even with -Verbose and -Debug, in success and in failure.</summary>
    [Collection(ModuleHostCollection.Name)]
    public class ApiKeyExposureTests
    {
        private const string WrongKey = "gk-Wrong-Mv3Qp8Zt1Ks6-not-this-one";
        private readonly ModuleHost _host;

        public ApiKeyExposureTests(ModuleHost host) => _host = host;

        [Fact]
        public void VerboseAndDebug_NeverShowTheKey()
        {
            var folder = _host.NewFolder("key");
            var file = _host.WriteWav(folder, "key.wav", "hotel india | juliett");
            var requestsBefore = _host.Emulator.Requests.Count;

            using var ps = PowerShell.Create(_host.OpenRunspace());
            ps.AddScript(@"
                param($file, $wrongKey)
                $ErrorActionPreference = 'Continue'
                $transcripts = Send-GladiaAudio -Path $file -ApiKey $key -Verbose -Debug
                $transcripts
                $transcripts | Get-GladiaLiveResult -ApiKey $key -Verbose -Debug
                Get-GladiaLiveResult -Id 'no-such-session' -ApiKey $key -Verbose -Debug
                Get-GladiaLiveResult -Id $transcripts[0].SessionId -ApiKey $wrongKey -Verbose -Debug
                $session = New-GladiaLiveSession -ApiKey $key -Verbose -Debug
                $session
                $session | Stop-GladiaRecording -Wait -PassThru -Verbose -Debug
                Write-Information 'information stream reached'
            ").AddArgument(file).AddArgument(WrongKey);
            var output = ps.Invoke();

            // The run did what it says, so every stream had something to leak into.
            var transcripts = output.Select(o => o.BaseObject).OfType<GladiaTranscript>().ToList();
            Assert.Equal(new[] { "hotel india", "juliett" }, transcripts.Select(t => t.Text));
            Assert.Single(output.Select(o => o.BaseObject).OfType<GladiaLiveResult>());
            Assert.Equal(2, output.Select(o => o.BaseObject).OfType<GladiaSession>().Count());
            Assert.Equal(2, ps.Streams.Error.Count);
            Assert.NotEmpty(ps.Streams.Verbose);
            Assert.NotEmpty(ps.Streams.Debug);
            Assert.NotEmpty(ps.Streams.Information);
            Assert.Contains(_host.Emulator.Requests.Skip(requestsBefore), r => r.Method == "POST" && r.PathAndQuery.StartsWith("/v2/live", StringComparison.Ordinal));

            var texts = new List<(string Where, string Text)>();
            foreach (var item in output)
            {
                texts.Add(("output", item.ToString()));
                foreach (var property in item.Properties)
                {
                    texts.Add(("output ." + property.Name, Safe(() => Convert.ToString(property.Value, System.Globalization.CultureInfo.InvariantCulture))));
                }
            }

            foreach (var error in ps.Streams.Error)
            {
                texts.Add(("error", error.ToString()));
                texts.Add(("error exception", error.Exception.ToString()));
                texts.Add(("error details", error.ErrorDetails?.Message ?? string.Empty));
                texts.Add(("error target", Safe(() => error.TargetObject?.ToString())));
                texts.Add(("error category", error.CategoryInfo.ToString()));
                texts.Add(("error id", error.FullyQualifiedErrorId));
            }

            texts.AddRange(ps.Streams.Warning.Select(w => ("warning", w.Message)));
            texts.AddRange(ps.Streams.Verbose.Select(v => ("verbose", v.Message)));
            texts.AddRange(ps.Streams.Debug.Select(d => ("debug", d.Message)));
            texts.AddRange(ps.Streams.Information.Select(i => ("information", Safe(() => i.MessageData?.ToString()))));
            texts.AddRange(ps.Streams.Progress.Select(p => ("progress", p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation)));

            foreach (var secret in new[] { ModuleHost.ApiKey, WrongKey })
            {
                var leaks = texts.Where(t => t.Text.Contains(secret, StringComparison.Ordinal)).Select(t => t.Where).ToList();
                Assert.True(leaks.Count == 0, "the key appears in: " + string.Join(", ", leaks));
            }

            // The WebSocket URLs' tokens authenticate the sockets: the session shows its URL with the token hidden.
            var tokens = _host.Emulator.Requests.Skip(requestsBefore)
                .Where(r => r.PathAndQuery.StartsWith("/v2/live/ws?token=", StringComparison.Ordinal))
                .Select(r => Uri.UnescapeDataString(r.PathAndQuery.Substring("/v2/live/ws?token=".Length).Split('&')[0]))
                .Distinct().ToList();
            Assert.Equal(2, tokens.Count);
            foreach (var token in tokens)
            {
                var leaks = texts.Where(t => t.Text.Contains(token, StringComparison.Ordinal)).Select(t => t.Where).ToList();
                Assert.True(leaks.Count == 0, "a WebSocket token appears in: " + string.Join(", ", leaks));
            }

            var url = output.Select(o => o.BaseObject).OfType<GladiaSession>().First().Url;
            Assert.StartsWith("ws://127.0.0.1:", url);
            Assert.Contains("token=", url);
        }

        private static string Safe(Func<string?> read)
        {
            try
            {
                return read() ?? string.Empty;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                return string.Empty;
            }
        }
    }
}
