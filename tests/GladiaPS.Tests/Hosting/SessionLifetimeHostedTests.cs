using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;
using Xunit;

namespace GladiaPS.Tests.Hosting
{
    /// <summary>Sessions belong to the runspace that opened them: listed there, closed when the module leaves it.</summary>
    [Collection(ModuleHostCollection.Name)]
    public class SessionLifetimeHostedTests
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
        private readonly ModuleHost _host;

        public SessionLifetimeHostedTests(ModuleHost host) => _host = host;

        private static GladiaSession NewSession(Runspace runspace)
        {
            using var ps = PowerShell.Create(runspace);
            ps.AddScript("$script:s = New-GladiaLiveSession -ApiKey $key; $script:s");
            var session = Assert.IsType<GladiaSession>(Assert.Single(ps.Invoke()).BaseObject);
            Assert.Empty(ps.Streams.Error);
            return session;
        }

        private static GladiaSession[] Run(Runspace runspace, string script)
        {
            using var ps = PowerShell.Create(runspace);
            ps.AddScript(script);
            var output = ps.Invoke().Select(o => Assert.IsType<GladiaSession>(o.BaseObject)).ToArray();
            Assert.Empty(ps.Streams.Error);
            return output;
        }

        [Fact]
        public void GetGladiaLiveSession_ListsThisRunspacesSessionsOnly_UnlessAllRunspaces()
        {
            var first = _host.OpenRunspace();
            var second = _host.OpenRunspace();
            var a = NewSession(first);
            var b = NewSession(second);

            try
            {
                Assert.Equal(new[] { a.Id }, Run(first, "Get-GladiaLiveSession").Select(s => s.Id));
                Assert.Equal(new[] { b.Id }, Run(second, "Get-GladiaLiveSession").Select(s => s.Id));
                var all = Run(first, "Get-GladiaLiveSession -AllRunspaces").Select(s => s.Id).ToList();
                Assert.Contains(a.Id, all);
                Assert.Contains(b.Id, all);
                Assert.Equal(new[] { a.Id }, Run(first, $"Get-GladiaLiveSession -Id '{a.Id!.Substring(0, 8)}*'").Select(s => s.Id));
                Assert.Empty(Run(first, $"Get-GladiaLiveSession -Id '{b.Id}'"));
                Assert.Equal(new[] { a.Id }, Run(first, "Get-GladiaLiveSession -Status Connected").Select(s => s.Id));
            }
            finally
            {
                Run(first, "Stop-GladiaRecording -Session $s -Wait");
                Run(second, "Stop-GladiaRecording -Session $s -Wait");
            }

            Assert.Empty(Run(first, "Get-GladiaLiveSession -Status Connected"));
            Assert.Equal(new[] { a.Id }, Run(first, "Get-GladiaLiveSession -Status Ended").Select(s => s.Id));
        }

        [Fact]
        public async Task RemoveModule_ClosesTheRunspacesOpenSessions_SoTheServerFinishesThem_AndLeavesOtherRunspacesAlone()
        {
            var folder = _host.NewFolder("remove");
            var file = _host.WriteWav(folder, "sent.wav", "papa quebec | romeo");
            var leaving = _host.OpenRunspace();
            var staying = _host.OpenRunspace();
            var closed = NewSession(leaving);
            var open = NewSession(staying);
            using (var send = PowerShell.Create(leaving))
            {
                send.AddScript("param($file) Send-GladiaAudio -Session $s -Path $file").AddArgument(file);
                send.Invoke();
                Assert.Empty(send.Streams.Error);
            }

            using (var remove = PowerShell.Create(leaving))
            {
                remove.AddScript("Remove-Module GladiaPS");
                remove.Invoke();
                Assert.Empty(remove.Streams.Error);
            }

            var server = _host.Emulator.FindSession(closed.Id!)!;
            await server.WaitUntilAsync(s => s.Status == "done", Deadline);
            Assert.Equal("papa quebec romeo", server.Transcript(0));
            Assert.Equal(0, server.Drops);

            var stillOpen = _host.Emulator.FindSession(open.Id!)!;
            Assert.Equal("processing", stillOpen.Status);
            Assert.Equal(new[] { open.Id }, Run(staying, "Get-GladiaLiveSession -Status Connected").Select(s => s.Id));
            Run(staying, "Stop-GladiaRecording -Session $s -Wait");
            Assert.Equal("done", stillOpen.Status);
        }

        [Fact]
        public void EndedSessions_OnlyTheLastFewAreHeld_TheOthersStayListedWhileSomethingElseHoldsThem()
        {
            var runspace = _host.OpenRunspace();
            string keptId;
            using (var ps = PowerShell.Create(runspace))
            {
                ps.AddScript(
                    "$script:kept = New-GladiaLiveSession -ApiKey $key; Stop-GladiaRecording -Session $kept -Wait; " +
                    "foreach ($i in 1..10) { $x = New-GladiaLiveSession -ApiKey $key; Stop-GladiaRecording -Session $x -Wait }; $x = $null; $kept.Id");
                keptId = (string)Assert.Single(ps.Invoke()).BaseObject;
                Assert.Empty(ps.Streams.Error);
            }

            // Eleven sessions ended here: the registry holds the last eight (with whatever they kept unread), not all.
            Assert.Equal(GladiaPS.Infrastructure.SessionRegistry.EndedSessionsHeld, GladiaPS.Infrastructure.SessionRegistry.EndedSessionsHeldNow());
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var listed = Run(runspace, "Get-GladiaLiveSession -Status Ended").Select(s => s.Id).ToList();
            Assert.Contains(keptId, listed);
            Assert.Equal(GladiaPS.Infrastructure.SessionRegistry.EndedSessionsHeld + 1, listed.Count);
        }
    }
}
