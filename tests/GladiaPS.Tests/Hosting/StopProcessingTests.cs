using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Emulator;
using GladiaPS.TestSupport.ToneWords;
using Xunit;
using Xunit.Abstractions;

namespace GladiaPS.Tests.Hosting
{
    /// <summary>Ctrl+C (PowerShell.Stop) on a real-time send: the pipeline stops within a second and the server finishes the session.</summary>
    [Collection(ModuleHostCollection.Name)]
    public class StopProcessingTests
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
        private readonly ModuleHost _host;
        private readonly ITestOutputHelper _output;

        public StopProcessingTests(ModuleHost host, ITestOutputHelper output)
        {
            _host = host;
            _output = output;
        }

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

            await StopsWithinASecondAsync(ps, invocation);

            // The server finishes the session (the client closed it) well before the audio would have run out.
            await session.WaitUntilAsync(s => s.Status == "done", Deadline);
            Assert.NotNull(session.EndReason);
            Assert.True(session.KeptBytes < fileBytes / 2, $"kept {session.KeptBytes} of {fileBytes} bytes: the send was not stopped early");
            Assert.Equal(0, session.Drops);
            var job = await ServerJobs.GetAsync(_host.Emulator.BaseUrl, ModuleHost.ApiKey, session.Id);
            Assert.Equal("done", (string?)job["status"]);
        }

        [Fact]
        public async Task Stop_WithEightRealTimeSendsRunning_ReturnsWithinASecond_AndTheServerEndsEverySession()
        {
            var folder = _host.NewFolder("stop-eight");
            var layout = ToneSignalLayout.Default with { TrailingSilence = 29 };
            var files = Enumerable.Range(0, 8).Select(i => _host.WriteWav(folder, $"long{i}.wav", ToneVocabulary.Words[i], layout)).ToArray();
            var before = _host.Emulator.Sessions.Select(s => s.Id).ToHashSet();

            using var ps = PowerShell.Create(_host.OpenRunspace());
            ps.AddScript("param($files) Send-GladiaAudio -LiteralPath $files -Pace RealTime -ThrottleLimit 8 -ApiKey $key").AddArgument(files);
            var invocation = ps.BeginInvoke();

            // Stop once the server receives audio in all eight sessions.
            var sessions = await WaitForSessionsAsync(before, 8);
            foreach (var session in sessions)
            {
                await session.WaitUntilAsync(s => s.ReceivedBytes > 0, Deadline);
            }

            await StopsWithinASecondAsync(ps, invocation);
            foreach (var session in sessions)
            {
                await session.WaitUntilAsync(s => s.Status == "done", Deadline);
                Assert.Equal(0, session.Drops);
            }
        }

        [Fact]
        public async Task Stop_DuringASendIntoASession_ReturnsWithinASecond_AndTheSessionTakesMoreAudio()
        {
            // 30 s of silence first: stopped early, the send has put no words into the session.
            var folder = _host.NewFolder("stop-session");
            var layout = ToneSignalLayout.Default with { LeadingSilence = 29 };
            var silentStart = _host.WriteWav(folder, "silence-first.wav", "alpha", layout);
            var next = _host.WriteWav(folder, "next.wav", "bravo charlie | delta");
            var runspace = _host.OpenRunspaceWithSession();

            using var ps = PowerShell.Create(runspace);
            ps.AddScript("param($file) Send-GladiaAudio -Session $s -Path $file -Pace RealTime").AddArgument(silentStart);
            var progressed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ps.Streams.Progress.DataAdded += (_, _) => progressed.TrySetResult();
            var invocation = ps.BeginInvoke();
            await progressed.Task.WaitAsync(Deadline);

            await StopsWithinASecondAsync(ps, invocation);

            using var after = PowerShell.Create(runspace);
            after.AddScript("param($file) Send-GladiaAudio -Session $s -Path $file; Stop-GladiaRecording -Session $s -Wait -PassThru; Receive-GladiaMessage -Session $s -FinalOnly")
                .AddArgument(next);
            var output = after.Invoke();
            Assert.Empty(after.Streams.Error);
            var session = Assert.IsType<GladiaSession>(output[0].BaseObject);
            Assert.Equal(new[] { "bravo charlie", "delta" }, ModuleHost.Transcripts(output.Skip(1)).Select(t => t.Text));
            Assert.Equal("done", _host.Emulator.FindSession(session.Id!)!.Status);
        }

        [Fact]
        public async Task Stop_DuringReceiveWait_ReturnsWithinASecond_AndLeavesTheSessionUsable()
        {
            var folder = _host.NewFolder("stop-receive");
            var file = _host.WriteWav(folder, "after.wav", "xray yankee | zulu");
            var runspace = _host.OpenRunspaceWithSession("-LifecycleEvents");

            using var ps = PowerShell.Create(runspace);
            ps.AddScript("Receive-GladiaMessage -Session $s -Wait");
            var output = new PSDataCollection<PSObject>();
            var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            output.DataAdded += (_, _) => received.TrySetResult();
            var invocation = ps.BeginInvoke<PSObject, PSObject>(null, output);

            // The session's start_session message has come out of the wait: the cmdlet is inside it.
            await received.Task.WaitAsync(Deadline);
            await StopsWithinASecondAsync(ps, invocation);
            Assert.Equal("start_session", output[0].Properties["Type"]?.Value as string);

            // The session goes on: audio sent into it after the stop is transcribed word for word.
            using var after = PowerShell.Create(runspace);
            after.AddScript("param($file) Send-GladiaAudio -Session $s -Path $file; Stop-GladiaRecording -Session $s -Wait; Receive-GladiaMessage -Session $s -FinalOnly")
                .AddArgument(file);
            var transcripts = ModuleHost.Transcripts(after.Invoke());
            Assert.Empty(after.Streams.Error);
            Assert.Equal(new[] { "xray yankee", "zulu" }, transcripts.Select(t => t.Text));
        }

        [Fact]
        public async Task Stop_DuringGetGladiaLiveResultWait_ReturnsWithinASecond()
        {
            var runspace = _host.OpenRunspaceWithSession();

            using var ps = PowerShell.Create(runspace);
            ps.AddScript("$s | Get-GladiaLiveResult -Wait -ApiKey $key -Verbose");
            var polling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ps.Streams.Verbose.DataAdded += (_, e) =>
            {
                // A session still streaming in this process is awaited before the job is polled: either wait is stopped alike.
                var message = ps.Streams.Verbose[e.Index].Message;
                if (message.Contains("asking again", StringComparison.Ordinal) || message.Contains("waiting for it to end", StringComparison.Ordinal))
                {
                    polling.TrySetResult();
                }
            };
            var invocation = ps.BeginInvoke();

            // The session is open, and the cmdlet says it is waiting for it.
            await polling.Task.WaitAsync(Deadline);
            await StopsWithinASecondAsync(ps, invocation);

            using var close = PowerShell.Create(runspace);
            close.AddScript("Stop-GladiaRecording -Session $s -Wait -PassThru");
            var session = Assert.IsType<GladiaSession>(Assert.Single(close.Invoke()).BaseObject);
            Assert.Empty(close.Streams.Error);
            await _host.Emulator.FindSession(session.Id!)!.WaitUntilAsync(s => s.Status == "done", Deadline);
        }

        /// <summary>
        /// Stops the pipeline from a thread of its own, as a console's Ctrl+C handler does (blocking a thread-pool thread
        /// here would starve the continuations that close the session: 2-core machines start with 2), and times it.
        /// </summary>
        /// <summary>Presses Ctrl+C: the pipeline stops within a second, with nothing but its own stop to report.</summary>
        private async Task StopsWithinASecondAsync(PowerShell ps, IAsyncResult invocation)
        {
            var stopTook = await StopAsync(ps);

            Assert.True(stopTook < TimeSpan.FromSeconds(1), "Stop took " + stopTook);
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            var ended = Record.Exception(() => ps.EndInvoke(invocation));
            Assert.True(ended is null or PipelineStoppedException, "EndInvoke threw " + ended);
            Assert.Empty(ps.Streams.Error);
        }

        private async Task<TimeSpan> StopAsync(PowerShell ps)
        {
            var clock = Stopwatch.StartNew();
            var stopped = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            new Thread(() =>
            {
                ps.Stop();
                stopped.SetResult(clock.Elapsed);
            }) { IsBackground = true, Name = "Ctrl+C" }.Start();
            var took = await stopped.Task.WaitAsync(Deadline);
            _output.WriteLine("Stop took " + took.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " ms");
            return took;
        }

        /// <summary>The <paramref name="count"/> sessions the invocation created: polled on the server's list, with a deadline.</summary>
        private async Task<EmulatedSession[]> WaitForSessionsAsync(System.Collections.Generic.IReadOnlySet<string> before, int count)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Deadline)
            {
                var created = _host.Emulator.Sessions.Where(s => !before.Contains(s.Id)).ToArray();
                if (created.Length >= count)
                {
                    Assert.Equal(count, created.Length);
                    return created;
                }

                await Task.Delay(20);
            }

            throw new TimeoutException($"{count} sessions were not created within {Deadline}");
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
