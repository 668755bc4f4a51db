using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using GladiaPS.TestSupport.ToneWords;
using Xunit;

namespace GladiaPS.Tests.Hosting
{
    /// <summary>Send-GladiaAudio in a real runspace against the local server: throttled sessions and pipeline binding.</summary>
    [Collection(ModuleHostCollection.Name)]
    public class SendGladiaAudioHostedTests
    {
        private readonly ModuleHost _host;

        public SendGladiaAudioHostedTests(ModuleHost host) => _host = host;

        private static string Phrase(int i)
        {
            var w = ToneVocabulary.Words;
            return w[i % 32] + " " + w[(i + 7) % 32] + " | " + w[(i + 13) % 32];
        }

        [Fact]
        public async Task ThrottleLimit8_Over16Files_WritesEveryTranscript_OnThePipeline_OnceEach()
        {
            var folder = _host.NewFolder("throttle");
            var expected = new Dictionary<string, string[]>(StringComparer.Ordinal);
            for (var i = 0; i < 16; i++)
            {
                var phrase = Phrase(i);
                expected[_host.WriteWav(folder, $"file{i:00}.wav", phrase)] = ModuleHost.Utterances(phrase);
            }

            using var ps = PowerShell.Create(_host.OpenRunspace());
            ps.AddScript("param($files) Send-GladiaAudio -LiteralPath $files -ThrottleLimit 8 -ApiKey $key -Verbose")
                .AddArgument(expected.Keys.ToArray());
            var output = ps.Invoke();

            Assert.Empty(ps.Streams.Error);
            var transcripts = ModuleHost.Transcripts(output);
            Assert.Equal(expected.Values.Sum(u => u.Length), transcripts.Count);
            Assert.All(transcripts, t => Assert.True(t.IsFinal));
            Assert.Equal(transcripts.Count, transcripts.Select(t => t.SessionId + "/" + t.Id).Distinct().Count());
            Assert.Equal(16, transcripts.Select(t => t.SessionId).Distinct().Count());
            foreach (var (path, utterances) in expected)
            {
                var ofFile = transcripts.Where(t => t.Path == path).OrderBy(t => t.Start).ToList();
                Assert.Equal(utterances, ofFile.Select(t => t.Text));
                Assert.Single(ofFile.Select(t => t.SessionId).Distinct());
            }

            // What the 16 background runs had to say reached the pipeline thread too: a started line per file, progress per file.
            foreach (var path in expected.Keys)
            {
                Assert.Single(ps.Streams.Verbose, v => v.Message.StartsWith("'" + path + "': session ", StringComparison.Ordinal) && v.Message.EndsWith(" started.", StringComparison.Ordinal));
                Assert.Contains(ps.Streams.Progress, p => p.Activity == "Sending " + path && p.RecordType == ProgressRecordType.Completed);
            }

            // Every session the cmdlet opened was finished on the server.
            var sessions = transcripts.Select(t => t.SessionId!).Distinct().Select(id => _host.Emulator.FindSession(id)).ToList();
            Assert.All(sessions, s => Assert.Equal("done", s!.Status));

            // The files really ran side by side, and never more than the limit at once (from the server's own times).
            var spans = new List<(DateTimeOffset Created, DateTimeOffset Completed)>();
            foreach (var session in sessions)
            {
                var job = await ServerJobs.GetAsync(_host.Emulator.BaseUrl, ModuleHost.ApiKey, session!.Id);
                spans.Add((ServerJobs.Time(job, "created_at"), ServerJobs.Time(job, "completed_at")));
            }

            var mostAtOnce = spans.Max(a => spans.Count(b => b.Created <= a.Created && a.Created < b.Completed));
            Assert.InRange(mostAtOnce, 2, 8);
        }

        [Fact]
        public void FileInfoFromGetChildItem_BindsToLiteralPath_EvenWithBracketsInTheName()
        {
            var folder = _host.NewFolder("literal");
            var bracketed = _host.WriteWav(folder, "take [1].wav", "kilo lima");
            var plain = _host.WriteWav(folder, "plain.wav", "mike november");

            using var ps = PowerShell.Create(_host.OpenRunspace());
            ps.AddScript("param($folder) Get-ChildItem -LiteralPath $folder -File | Send-GladiaAudio -ApiKey $key").AddArgument(folder);
            var transcripts = ModuleHost.Transcripts(ps.Invoke());

            Assert.Empty(ps.Streams.Error);
            Assert.Equal(2, transcripts.Count);
            Assert.Equal("kilo lima", Assert.Single(transcripts, t => t.Path == bracketed).Text);
            Assert.Equal("mike november", Assert.Single(transcripts, t => t.Path == plain).Text);
        }

        [Fact]
        public void PathWithAWildcard_Expands_ToTheMatchingFilesOnly()
        {
            var folder = _host.NewFolder("wildcard");
            var first = _host.WriteWav(folder, "w1.wav", "oscar papa");
            var second = _host.WriteWav(folder, "w2.wav", "quebec romeo");
            _host.WriteWav(folder, "other.wav", "sierra tango");

            using var ps = PowerShell.Create(_host.OpenRunspace());
            ps.AddScript("param($pattern) Send-GladiaAudio -Path $pattern -ApiKey $key").AddArgument(Path.Combine(folder, "w*.wav"));
            var transcripts = ModuleHost.Transcripts(ps.Invoke());

            Assert.Empty(ps.Streams.Error);
            Assert.Equal(new[] { first, second }, transcripts.Select(t => t.Path).OrderBy(p => p, StringComparer.Ordinal));
            Assert.Equal("oscar papa", transcripts.Single(t => t.Path == first).Text);
            Assert.Equal("quebec romeo", transcripts.Single(t => t.Path == second).Text);
        }

        [Fact]
        public void PathThatMatchesNothing_IsANonTerminatingError_AndTheNextPathGoesOn()
        {
            var folder = _host.NewFolder("missing");
            var present = _host.WriteWav(folder, "here.wav", "uniform victor");

            using var ps = PowerShell.Create(_host.OpenRunspace());
            ps.AddScript("param($missing, $present) Send-GladiaAudio -Path $missing, $present -ApiKey $key")
                .AddArgument(Path.Combine(folder, "absent.wav")).AddArgument(present);
            var transcripts = ModuleHost.Transcripts(ps.Invoke());

            var error = Assert.Single(ps.Streams.Error);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("uniform victor", Assert.Single(transcripts).Text);
        }

        [Fact]
        public void TranscriptsPipedToSaveGladiaLiveAudio_SaveEachSessionOnce_AsTheAudioSent()
        {
            var folder = _host.NewFolder("save");
            var files = new[] { _host.WriteWav(folder, "s0.wav", "tango uniform | victor"), _host.WriteWav(folder, "s1.wav", "whiskey | xray yankee") };
            var saved = Path.Combine(folder, "saved") + Path.DirectorySeparatorChar;

            using var ps = PowerShell.Create(_host.OpenRunspace());
            // Collected first: piped straight on, the first transcript of a session would fetch its audio mid-session.
            ps.AddScript("param($files, $saved) $t = Send-GladiaAudio -LiteralPath $files -ApiKey $key; $t | Save-GladiaLiveAudio -Path $saved -ApiKey $key")
                .AddArgument(files).AddArgument(saved);
            var written = ps.Invoke().Select(o => Assert.IsType<FileInfo>(o.BaseObject)).ToList();

            Assert.Empty(ps.Streams.Error);
            Assert.Equal(2, written.Count);
            Assert.Equal(2, Directory.GetFiles(saved).Length);
            var sent = files.Select(f => ToneWavReader.Read(f).Data).ToList();
            foreach (var file in written)
            {
                var id = Path.GetFileNameWithoutExtension(file.Name);
                Assert.Equal(1, _host.Emulator.Requests.Count(r => r.Method == "GET" && r.PathAndQuery == "/v2/live/" + id + "/file"));
                var audio = ToneWavReader.Read(file.FullName).Data;
                Assert.Contains(sent, s => s.AsSpan().SequenceEqual(audio));
            }
        }

        [Fact]
        public void RealTimePace_TakesAsLongAsTheAudio_WhileMaxPaceDoesNot()
        {
            var folder = _host.NewFolder("pace");
            var file = _host.WriteWav(folder, "paced.wav", "zero one two three four five");
            var seconds = ToneWavReader.Read(file).Data.Length / 32000.0;

            double Timed(string pace)
            {
                using var ps = PowerShell.Create(_host.OpenRunspace());
                ps.AddScript("param($file, $pace) Send-GladiaAudio -Path $file -Pace $pace -ApiKey $key").AddArgument(file).AddArgument(pace);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var transcripts = ModuleHost.Transcripts(ps.Invoke());
                var elapsed = clock.Elapsed.TotalSeconds;
                Assert.Empty(ps.Streams.Error);
                Assert.Equal("zero one two three four five", Assert.Single(transcripts).Text);
                return elapsed;
            }

            var realTime = Timed("RealTime");
            var max = Timed("Max");

            Assert.True(realTime >= seconds - 0.15, $"a {seconds:0.00} s file was sent at real-time pace in {realTime:0.00} s");
            Assert.True(max < seconds / 2, $"a {seconds:0.00} s file took {max:0.00} s at the maximum pace");
        }

        [Fact]
        public void TranscriptsPipedToGetGladiaLiveResult_FetchEachSessionOnce()
        {
            var folder = _host.NewFolder("results");
            var phrases = new[] { "alpha bravo | charlie", "delta echo | foxtrot golf" };
            var files = phrases.Select((p, i) => _host.WriteWav(folder, $"r{i}.wav", p)).ToArray();

            using var ps = PowerShell.Create(_host.OpenRunspace());
            ps.AddScript("param($files) $script:t = Send-GladiaAudio -LiteralPath $files -ApiKey $key; $script:t | Get-GladiaLiveResult -ApiKey $key")
                .AddArgument(files);
            var results = ps.Invoke().Select(o => Assert.IsType<GladiaLiveResult>(o.BaseObject)).ToList();
            var transcripts = ((object[])ps.Runspace.SessionStateProxy.GetVariable("t")).Select(o => Assert.IsType<GladiaTranscript>(o is PSObject p ? p.BaseObject : o)).ToList();

            Assert.Empty(ps.Streams.Error);
            Assert.Equal(4, transcripts.Count);
            var sessionIds = transcripts.Select(t => t.SessionId!).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
            Assert.Equal(2, sessionIds.Count);
            Assert.Equal(sessionIds, results.Select(r => r.Id).OrderBy(id => id, StringComparer.Ordinal));
            foreach (var id in sessionIds)
            {
                var gets = _host.Emulator.Requests.Count(r => r.Method == "GET" && r.PathAndQuery == "/v2/live/" + id);
                Assert.Equal(1, gets);
                var file = transcripts.First(t => t.SessionId == id).Path!;
                var result = results.Single(r => r.Id == id);
                Assert.Equal("done", result.Status);
                Assert.Equal(string.Join(" ", ModuleHost.Utterances(phrases[Array.IndexOf(files, file)])), result.FullTranscript);
            }
        }
    }
}
