using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace GladiaPS.Tests.Hosting
{
    /// <summary>Errors as users meet them: records with an id, a category and the target, and nothing sent that should not be.</summary>
    [Collection(ModuleHostCollection.Name)]
    public class ErrorsHostedTests
    {
        private readonly ModuleHost _host;

        public ErrorsHostedTests(ModuleHost host) => _host = host;

        private int LiveInits() => _host.Emulator.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.StartsWith("/v2/live", StringComparison.Ordinal));

        [Fact]
        public void BadFileAmongGoodOnes_IsANonTerminatingErrorNamingIt_AndOpensNoSession()
        {
            var folder = _host.NewFolder("bad-file");
            var bad = Path.Combine(folder, "broken.wav");
            File.WriteAllBytes(bad, "RIFF\u0010\u0000\u0000\u0000WAVEnot really audio"u8.ToArray());
            var good = _host.WriteWav(folder, "good.wav", "golf hotel");
            var initsBefore = LiveInits();

            using var ps = PowerShell.Create(_host.OpenRunspace());
            ps.AddScript("param($files) Send-GladiaAudio -LiteralPath $files -ApiKey $key").AddArgument(new[] { bad, good });
            var transcripts = ModuleHost.Transcripts(ps.Invoke());

            var error = Assert.Single(ps.Streams.Error);
            Assert.Equal(bad, error.TargetObject);
            Assert.Contains("broken.wav", error.ToString());
            Assert.StartsWith("InvalidAudio", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal("golf hotel", Assert.Single(transcripts).Text);
            Assert.Equal(1, LiveInits() - initsBefore);
        }

        [Fact]
        public void OptionOutOfRange_StopsBeforeAnyRequest_AndNamesTheParameter()
        {
            var folder = _host.NewFolder("bad-option");
            var good = _host.WriteWav(folder, "good.wav", "india juliett");
            var requestsBefore = _host.Emulator.Requests.Count;

            using var ps = PowerShell.Create(_host.OpenRunspace());
            ps.AddScript("param($file) Send-GladiaAudio -Path $file -Endpointing 50 -ApiKey $key").AddArgument(good);
            var output = ps.Invoke();

            Assert.Empty(output);
            var error = Assert.Single(ps.Streams.Error);
            Assert.StartsWith("InvalidOption", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("-Endpointing", error.ToString());
            Assert.Equal(requestsBefore, _host.Emulator.Requests.Count);
        }

        [Fact]
        public void NoKeyAnywhere_SaysHowToGiveOne_AndSendsNothing()
        {
            var folder = _host.NewFolder("no-key");
            var good = _host.WriteWav(folder, "good.wav", "kilo");
            var requestsBefore = _host.Emulator.Requests.Count;

            using var ps = PowerShell.Create(_host.OpenRunspace());
            ps.AddScript("param($file) Remove-Item Env:GLADIA_API_KEY -ErrorAction SilentlyContinue; Send-GladiaAudio -Path $file").AddArgument(good);
            ps.Invoke();

            var error = Assert.Single(ps.Streams.Error);
            Assert.StartsWith("ApiKeyMissing", error.FullyQualifiedErrorId);
            Assert.Contains("-ApiKey", error.ToString());
            Assert.Contains("$env:GLADIA_API_KEY", error.ToString());
            Assert.Equal(requestsBefore, _host.Emulator.Requests.Count);
        }

        [Fact]
        public void RefusedKey_IsAnAuthenticationError_WithWhatToDo()
        {
            using var ps = PowerShell.Create(_host.OpenRunspace());
            ps.AddScript("Get-GladiaLiveResult -Id 'anything' -ApiKey 'gk-not-the-right-one'");
            ps.Invoke();

            var error = Assert.Single(ps.Streams.Error);
            Assert.StartsWith("ApiKeyRefused", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains("401", error.ToString());
            Assert.Contains("-ApiKey", error.ErrorDetails?.RecommendedAction);
        }

        [Fact]
        public void SessionOptions_WithAnExistingSession_AreRefused_NamingThem()
        {
            var folder = _host.NewFolder("session-options");
            var good = _host.WriteWav(folder, "good.wav", "lima");
            var runspace = _host.OpenRunspaceWithSession();

            using var ps = PowerShell.Create(runspace);
            ps.AddScript("param($file) Send-GladiaAudio -Session $s -Path $file -Language fr -Endpointing 0.5; Stop-GladiaRecording -Session $s -Wait")
                .AddArgument(good);
            ps.Invoke();

            var error = Assert.Single(ps.Streams.Error);
            Assert.StartsWith("OptionWithSession", error.FullyQualifiedErrorId);
            Assert.Contains("-Language", error.ToString());
            Assert.Contains("-Endpointing", error.ToString());
            var sessionId = (string)((PSObject)runspace.SessionStateProxy.GetVariable("s")).Properties["Id"].Value;
            Assert.Equal(0, _host.Emulator.FindSession(sessionId)!.KeptBytes);
        }
    }
}
