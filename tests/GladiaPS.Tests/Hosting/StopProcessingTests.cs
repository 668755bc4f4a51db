using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Emulator;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Tests.Hosting
{
    /// <summary>Ctrl+C (PowerShell.Stop) on a real-time send: the pipeline stops within a second and the server finishes the session.</summary>
    [Collection(ModuleHostCollection.Name)]
    public class StopProcessingTests
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
        private readonly ModuleHost _host;

        public StopProcessingTests(ModuleHost host) => _host = host;

        [Fact]
        public async Task Stop_DuringARealTimeSend_ReturnsWithinASecond_AndTheServerEndsTheSession()
        {
            // About 30 s of audio: a few words, then silence, sent at real-time pace.
            var folder = _host.NewFolder("stop");
            var layout = ToneSignalLayout.Default with { TrailingSilence = 29 };
            var file = _host.WriteWav(folder, "long.wav", "alpha bravo charlie", layout);
            var fileBytes = new System.IO.FileInfo(file).Length;
            var before = _host.Emulator.Sessions.Select(s => s.Id).ToHashSet();

            using var ps = PowerShell.Create(_host.OpenRunspace());
            ps.AddScript("param($file) Send-GladiaAudio -Path $file -Pace RealTime -ApiKey $key").AddArgument(file);
            var progressed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ps.Streams.Progress.DataAdded += (_, _) => progressed.TrySetResult();
            var invocation = ps.BeginInvoke();

            // Stop once audio is flowing: the cmdlet has reported progress and the server has received audio.
            await progressed.Task.WaitAsync(Deadline);
            var session = await FindNewSessionAsync(before);
            await session.WaitUntilAsync(s => s.ReceivedBytes > 0, Deadline);
            Assert.Equal(PSInvocationState.Running, ps.InvocationStateInfo.State);

            // Stop from a thread of its own, as a console's Ctrl+C handler does: blocking a thread-pool thread here
            // would starve the very continuations that close the session (2-core machines have 2 to start with).
            var clock = Stopwatch.StartNew();
            var stopped = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            new Thread(() =>
            {
                ps.Stop();
                stopped.SetResult(clock.Elapsed);
            }) { IsBackground = true, Name = "Ctrl+C" }.Start();
            var stopTook = await stopped.Task.WaitAsync(Deadline);

            Assert.True(stopTook < TimeSpan.FromSeconds(1), "Stop took " + stopTook);
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            var ended = Record.Exception(() => ps.EndInvoke(invocation));
            Assert.True(ended is null or PipelineStoppedException, "EndInvoke threw " + ended);
            Assert.Empty(ps.Streams.Error);

            // The server finishes the session (the client closed it) well before the audio would have run out.
            await session.WaitUntilAsync(s => s.Status == "done", Deadline);
            Assert.NotNull(session.EndReason);
            Assert.True(session.KeptBytes < fileBytes / 2, $"kept {session.KeptBytes} of {fileBytes} bytes: the send was not stopped early");
            Assert.Equal(0, session.Drops);
            var job = await ServerJobs.GetAsync(_host.Emulator.BaseUrl, ModuleHost.ApiKey, session.Id);
            Assert.Equal("done", (string?)job["status"]);
        }

        /// <summary>The session the invocation created: polled on the server's list, with a deadline.</summary>
        private async Task<EmulatedSession> FindNewSessionAsync(System.Collections.Generic.IReadOnlySet<string> before)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Deadline)
            {
                var created = _host.Emulator.Sessions.Where(s => !before.Contains(s.Id)).ToList();
                if (created.Count > 0)
                {
                    return Assert.Single(created);
                }

                await Task.Delay(20);
            }

            throw new TimeoutException("no session was created within " + Deadline);
        }
    }
}
