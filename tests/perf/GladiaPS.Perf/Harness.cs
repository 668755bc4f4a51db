using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using GladiaPS.CommandLine;

namespace GladiaPS.Perf
{
    /// <summary>
    /// The side-by-side run: the same tone-word files, one local server, the clients alternated round by round.
    /// Suites: stream (full speed, 100 ms chunks, 1 MiB window), stall (acks stalled, audio offered at full speed, RSS sampled),
    /// realtime (N sessions at real time at once, transcript latency), many (N files through one Send-GladiaAudio -ThrottleLimit N).
    /// Every run is checked: each session's final transcripts exactly the words sent, per channel, in order, once; every byte
    /// acknowledged to the client and kept by the server.
    /// </summary>
    internal sealed class Harness
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
        private const int Window = 1 << 20;

        private readonly string repo;
        private readonly string outDir;
        private readonly string dataDir;
        private readonly int[] lengths;
        private readonly int stereoSeconds;
        private readonly int rounds;
        private readonly string[] clients;
        private readonly string[] suites;
        private readonly int baselineSeconds;
        private readonly int stallAudioSeconds;
        private readonly int stallWindowSeconds;
        private readonly int realtimeSessions;
        private readonly int realtimeSeconds;
        private readonly int manyFiles;
        private readonly int manySeconds;
        private readonly TimeSpan timeout;
        private readonly string driverDll;
        private readonly string emulatorDll;
        private readonly string perfDll;
        private readonly string pwshDll;
        private readonly string moduleManifest;
        private readonly List<Result> results = new List<Result>();
        private readonly StringBuilder report = new StringBuilder();
        private Server? server;
        private int failures;
        private int runCounter;

        public Harness(CommandLineArguments args)
        {
            repo = Path.GetFullPath(args.Value("--repo", FindRepo()));
            outDir = Path.GetFullPath(args.Value("--out", Path.Combine(repo, "out", "perf", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", Inv))));
            dataDir = Path.GetFullPath(args.Value("--data", Path.Combine(repo, "out", "perf", "audio")));
            lengths = args.Ints("--seconds", new[] { 600, 3600 });
            stereoSeconds = args.Int("--stereo-seconds", 600);
            rounds = args.Int("--rounds", 3);
            clients = args.List("--clients", new[] { "sdk", "bare", "core", "module" });
            suites = args.List("--suites", new[] { "stream", "stall", "realtime", "many" });
            baselineSeconds = args.Int("--baseline-seconds", 3);
            stallAudioSeconds = args.Int("--stall-audio-seconds", 600);
            stallWindowSeconds = args.Int("--stall-window-seconds", 20);
            realtimeSessions = args.Int("--realtime-sessions", 8);
            realtimeSeconds = args.Int("--realtime-seconds", 60);
            manyFiles = args.Int("--many-files", 64);
            manySeconds = args.Int("--many-seconds", 600);
            timeout = TimeSpan.FromSeconds(args.Int("--timeout-seconds", 900));
            // The test tools share one target framework (tests/Directory.Build.props): this harness's own build folder names it.
            var framework = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
            driverDll = Path.GetFullPath(args.Value("--driver", Path.Combine(repo, $"tests/GladiaPS.Driver/bin/Release/{framework}/GladiaPS.Driver.dll")));
            emulatorDll = Path.Combine(repo, $"tests/GladiaPS.Emulator/bin/Release/{framework}/GladiaPS.Emulator.dll");
            perfDll = typeof(Harness).Assembly.Location;
            pwshDll = args.Value("--pwsh-dll", string.Empty);
            moduleManifest = Path.GetFullPath(args.Value("--module", Path.Combine(repo, "out/GladiaPS/GladiaPS.psd1")));
        }

        private static string FindRepo()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GladiaPS.sln")))
                {
                    return dir.FullName;
                }
            }

            return Directory.GetCurrentDirectory();
        }

        private sealed class Result
        {
            public string Suite = string.Empty;
            public string Client = string.Empty;
            public string Label = string.Empty;
            public int Round;
            public double AudioSeconds;
            public int Sessions;
            public double Wall;
            public double Cpu = double.NaN;
            public double PeakRss = double.NaN;
            public List<string> Failures = new List<string>();
            public List<double> LatenciesMs = new List<double>();
            public List<(double Seconds, double RssMiB)> Rss = new List<(double, double)>();
            public string InitRequest = string.Empty;
            public long OfferedDuringStall = -1;

            public bool Ok => Failures.Count == 0;
        }

        public async Task<int> RunAsync()
        {
            Directory.CreateDirectory(outDir);
            Directory.CreateDirectory(dataDir);
            WriteMachine();
            using (server = Server.Start(emulatorDll, "perf-" + Guid.NewGuid().ToString("n")))
            {
                Log("server " + server.Url);
                if (suites.Contains("stream"))
                {
                    await StreamSuiteAsync().ConfigureAwait(false);
                }

                if (suites.Contains("stall"))
                {
                    await StallSuiteAsync().ConfigureAwait(false);
                }

                if (suites.Contains("realtime"))
                {
                    await RealtimeSuiteAsync().ConfigureAwait(false);
                }

                if (suites.Contains("many"))
                {
                    await ManySuiteAsync().ConfigureAwait(false);
                }
            }

            report.AppendLine().AppendLine("Load average at the end: " + File.ReadAllText("/proc/loadavg").Trim());
            File.WriteAllText(Path.Combine(outDir, "report.md"), report.ToString());
            File.WriteAllText(Path.Combine(outDir, "results.json"), JsonSerializer.Serialize(results.Select(r => new
            {
                r.Suite, r.Client, r.Label, r.Round, r.AudioSeconds, r.Sessions, r.Wall, r.Cpu, r.PeakRss, r.Failures, r.LatenciesMs, r.OfferedDuringStall,
                Rss = r.Rss.Select(s => new[] { s.Seconds, s.RssMiB }), r.InitRequest,
            }), new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
            Console.WriteLine();
            Console.WriteLine(report.ToString());
            Console.WriteLine("report: " + Path.Combine(outDir, "report.md"));
            Console.WriteLine("perf: " + results.Count(r => r.Ok) + " runs exact, " + failures + " failed");
            return failures == 0 ? 0 : 1;
        }

        private void Log(string text) => Console.Error.WriteLine(DateTime.UtcNow.ToString("HH:mm:ss", Inv) + " " + text);

        private void WriteMachine()
        {
            var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?";
            var mem = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
            var memGb = long.Parse(mem.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Inv) / 1024.0 / 1024.0;
            report.AppendLine("# GladiaPS client performance, side by side");
            report.AppendLine();
            report.AppendLine(string.Format(Inv, "Machine: {0} CPUs ({1}), {2:F0} GiB RAM, {3}, .NET {4}; started {5:yyyy-MM-dd HH:mm} UTC, load average {6}.",
                Environment.ProcessorCount, model, memGb, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                Environment.Version, DateTime.UtcNow, File.ReadAllText("/proc/loadavg").Trim()));
            report.AppendLine("Clients: sdk = @gladiaio/sdk (node " + NodeVersion() + "), bare = ClientWebSocket floor, core = " + driverDll + ", module = Send-GladiaAudio in pwsh from " + moduleManifest + ".");
            if (!ClientProcess.HaveTime)
            {
                report.AppendLine("**/usr/bin/time is missing: CPU and peak RSS are not measured (install the `time` package).**");
            }
        }

        private static string NodeVersion()
        {
            try
            {
                var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
                var v = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                return v;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return "missing";
            }
        }

        // ---------------------------------------------------------------- files

        private string MonoFile(int seconds)
        {
            var path = Path.Combine(dataDir, "tone-" + seconds + "s-16k-mono.wav");
            if (!File.Exists(path))
            {
                Log("writing " + path);
                ToneFiles.Write(path, seconds, 16000, ToneFiles.Kind.Pcm16Mono);
            }

            return path;
        }

        private (string Float, string Pcm16) StereoFiles(int seconds)
        {
            var f = Path.Combine(dataDir, "tone-" + seconds + "s-48k-stereo-f32.wav");
            var s = Path.Combine(dataDir, "tone-" + seconds + "s-48k-stereo-s16.wav");
            if (!File.Exists(f))
            {
                Log("writing " + f);
                ToneFiles.Write(f, seconds, 48000, ToneFiles.Kind.Float32Stereo);
            }

            if (!File.Exists(s))
            {
                Log("writing " + s);
                ToneFiles.Write(s, seconds, 48000, ToneFiles.Kind.Pcm16Stereo);
            }

            return (f, s);
        }

        // ---------------------------------------------------------------- clients

        private ClientProcess Launch(string client, IReadOnlyList<string> files, bool realTime, bool offerAll, int throttle = 1)
        {
            var id = System.Threading.Interlocked.Increment(ref runCounter);
            var timeFile = Path.Combine(outDir, "time-" + id + "-" + client + ".txt");
            var pace = realTime ? "realtime" : "max";
            switch (client)
            {
                case "core":
                    return ClientProcess.Start("dotnet", new[] { driverDll, "--api-url", server!.Url, "--api-key", server.Key, "--pace", pace, files[0] }, null, timeFile);
                case "bare":
                    return ClientProcess.Start("dotnet", new[] { perfDll, "bare", "--api-url", server!.Url, "--api-key", server.Key, "--pace", pace, "--window", Window.ToString(Inv), files[0] },
                        null, timeFile);
                case "sdk":
                    return ClientProcess.Start("node", new[]
                    {
                        Path.Combine(repo, "tests/perf/sdk-client.mjs"), "--api-url", server!.Url, "--api-key", server.Key, "--pace", pace,
                        "--window", offerAll ? "0" : Window.ToString(Inv), files[0],
                    }, null, timeFile);
                case "module":
                    var list = Path.Combine(outDir, "files-" + id + ".txt");
                    File.WriteAllLines(list, files);
                    var args = new List<string>();
                    if (pwshDll.Length > 0)
                    {
                        args.Add(pwshDll);
                    }
                    else
                    {
                        args.Add("pwsh");
                    }

                    args.AddRange(new[]
                    {
                        "-NoProfile", "-NonInteractive", "-File", Path.Combine(repo, "tests/perf/module-client.ps1"), "-Module", moduleManifest,
                        "-ListFile", list, "-Pace", realTime ? "RealTime" : "Max", "-ThrottleLimit", throttle.ToString(Inv),
                    });
                    return ClientProcess.Start("dotnet", args, new Dictionary<string, string> { ["GLADIA_API_URL"] = server!.Url, ["GLADIA_API_KEY"] = server.Key },
                        timeFile);
                default:
                    throw new ArgumentException("unknown client '" + client + "' (sdk, bare, core, module)");
            }
        }

        /// <summary>The file a client streams: the float file needs conversion, which only the core and the module do.</summary>
        private static string FileFor(string client, string monoOrFloat, string? pcm16) =>
            pcm16 is not null && (client == "sdk" || client == "bare") ? pcm16 : monoOrFloat;

        // ---------------------------------------------------------------- checks

        private sealed class Final
        {
            public string? SessionId;
            public int Channel;
            public double End;
            public string Text = string.Empty;
            public long AtMs;
        }

        /// <summary>Checks every session of one client process and deletes it from the server.</summary>
        private async Task CheckAsync(ClientProcess process, Result result, int seconds, int sessionsExpected, bool latency)
        {
            if (process.TimedOut)
            {
                result.Failures.Add("timed out");
            }

            if (process.ExitCode != 0)
            {
                result.Failures.Add("exit code " + process.ExitCode + ": " + process.Stderr.ToString().Trim());
            }

            var finals = new List<Final>();
            var summaries = new List<(string Id, long Acked, long CreatedMs)>();
            long startRecordingMs = 0;
            long firstChunkMs = 0;
            List<(long AtMs, string Text)> lines;
            lock (process.Lines)
            {
                lines = process.Lines.ToList();
            }

            foreach (var (at, text) in lines)
            {
                if (text.Length == 0 || text[0] != '{')
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                if (root.TryGetProperty("summary", out var summary))
                {
                    summaries.Add((summary.GetProperty("session_id").GetString() ?? string.Empty, summary.GetProperty("bytes_acked").GetInt64(),
                        summary.TryGetProperty("created_ms", out var c) ? c.GetInt64() : 0));
                    continue;
                }

                var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
                if (type == "transcript")
                {
                    finals.Add(new Final
                    {
                        SessionId = root.TryGetProperty("session_id", out var s) ? s.GetString() : null,
                        Channel = root.GetProperty("channel").GetInt32(),
                        End = root.GetProperty("end").GetDouble(),
                        Text = root.GetProperty("text").GetString() ?? string.Empty,
                        AtMs = root.TryGetProperty("at_ms", out var a) && a.GetInt64() > 0 ? a.GetInt64() : at,
                    });
                }
                else if (type == "start_recording" && startRecordingMs == 0)
                {
                    startRecordingMs = at;
                }
                else if (type == "first_chunk" && firstChunkMs == 0)
                {
                    firstChunkMs = at;
                }
            }

            result.Sessions += summaries.Count;
            if (summaries.Count != sessionsExpected)
            {
                result.Failures.Add(summaries.Count + " sessions reported, expected " + sessionsExpected);
            }

            var expected = ToneFiles.ExpectedUtterances(seconds);
            foreach (var (id, acked, createdMs) in summaries)
            {
                var mine = finals.Where(f => f.SessionId is null ? summaries.Count == 1 : f.SessionId == id).ToList();
                using var session = await server!.SessionAsync(id).ConfigureAwait(false);
                if (session is null)
                {
                    result.Failures.Add(id + ": unknown to the server");
                    continue;
                }

                var s = session.RootElement;
                var init = s.GetProperty("init_request");
                result.InitRequest = init.GetRawText();
                var rate = init.GetProperty("sample_rate").GetInt32();
                var channels = init.TryGetProperty("channels", out var ch) ? ch.GetInt32() : 1;
                var bits = init.TryGetProperty("bit_depth", out var bd) ? bd.GetInt32() : 16;
                var expectedBytes = (long)seconds * rate * channels * bits / 8;
                var kept = s.GetProperty("kept_bytes").GetInt64();
                if (acked != expectedBytes || kept != expectedBytes)
                {
                    result.Failures.Add(string.Format(Inv, "{0}: {1} bytes acknowledged to the client, {2} kept by the server, expected {3}", id, acked, kept, expectedBytes));
                }

                var serverTranscripts = s.GetProperty("transcripts");
                for (var c = 0; c < channels; c++)
                {
                    var got = mine.Where(f => f.Channel == c).Select(f => f.Text.Trim()).ToList();
                    if (!got.SequenceEqual(expected))
                    {
                        var firstBad = Enumerable.Range(0, Math.Max(got.Count, expected.Count))
                            .First(i => i >= got.Count || i >= expected.Count || got[i] != expected[i]);
                        result.Failures.Add(string.Format(Inv, "{0} channel {1}: {2} finals, expected {3}; first difference at {4}: '{5}' for '{6}'", id, c, got.Count,
                            expected.Count, firstBad, firstBad < got.Count ? got[firstBad] : "(none)", firstBad < expected.Count ? expected[firstBad] : "(none)"));
                    }

                    var serverText = serverTranscripts.ValueKind == JsonValueKind.Array
                        ? serverTranscripts[c].GetString()
                        : serverTranscripts.TryGetProperty(c.ToString(Inv), out var st) ? st.GetString() : null;
                    if (serverText?.Trim() != string.Join(" ", expected))
                    {
                        result.Failures.Add(id + " channel " + c + ": the server's transcript differs from the words sent");
                    }
                }

                if (latency)
                {
                    var t0 = createdMs > 0 ? createdMs : firstChunkMs > 0 ? firstChunkMs : startRecordingMs;
                    foreach (var f in mine)
                    {
                        result.LatenciesMs.Add(f.AtMs - (t0 + f.End * 1000));
                    }
                }

                await server.DeleteAsync(id).ConfigureAwait(false);
            }

            if (!result.Ok)
            {
                failures++;
                Log("FAILED " + result.Suite + " " + result.Client + " " + result.Label + ": " + string.Join("; ", result.Failures));
            }
        }

        private static void Measure(Result result, ClientProcess process)
        {
            result.Wall = process.WallSeconds;
            result.Cpu = process.CpuSeconds;
            result.PeakRss = process.PeakRssMiB;
        }

        // ---------------------------------------------------------------- suites

        private async Task StreamSuiteAsync()
        {
            var files = new List<(string Label, int Seconds, string Main, string? Pcm16)>();
            foreach (var s in lengths)
            {
                files.Add((Minutes(s) + " 16 kHz mono", s, MonoFile(s), null));
            }

            if (stereoSeconds > 0)
            {
                var (f, p) = StereoFiles(stereoSeconds);
                files.Add((Minutes(stereoSeconds) + " 48 kHz stereo", stereoSeconds, f, p));
            }

            var baseline = MonoFile(baselineSeconds);
            for (var round = 1; round <= rounds; round++)
            {
                var order = clients.Skip((round - 1) % clients.Length).Concat(clients.Take((round - 1) % clients.Length)).ToArray();
                foreach (var client in order)
                {
                    await StreamOnceAsync(client, round, "baseline", baselineSeconds, baseline).ConfigureAwait(false);
                }

                foreach (var (label, seconds, main, pcm16) in files)
                {
                    foreach (var client in order)
                    {
                        await StreamOnceAsync(client, round, label, seconds, FileFor(client, main, pcm16)).ConfigureAwait(false);
                    }

                    order = order.Reverse().ToArray();
                }
            }

            WriteStreamTables(files.Select(f => f.Label).ToList());
        }

        private async Task StreamOnceAsync(string client, int round, string label, int seconds, string file)
        {
            var result = new Result { Suite = "stream", Client = client, Label = label, Round = round, AudioSeconds = seconds };
            var process = Launch(client, new[] { file }, realTime: false, offerAll: false);
            await process.WaitAsync(timeout).ConfigureAwait(false);
            Measure(result, process);
            await CheckAsync(process, result, seconds, 1, latency: false).ConfigureAwait(false);
            results.Add(result);
            Log(string.Format(Inv, "stream r{0} {1,-6} {2,-22} wall {3,6:F2} s cpu {4,6:F2} s rss {5,5:F0} MiB {6}", round, client, label, result.Wall, result.Cpu,
                result.PeakRss, result.Ok ? "exact" : "FAILED"));
        }

        private async Task StallSuiteAsync()
        {
            var file = MonoFile(stallAudioSeconds);
            foreach (var client in clients)
            {
                await server!.SetFaultsAsync("{\"stall\":true}").ConfigureAwait(false);
                var result = new Result { Suite = "stall", Client = client, Label = Minutes(stallAudioSeconds) + " offered, acks stalled", Round = 1, AudioSeconds = stallAudioSeconds };
                var process = Launch(client, new[] { file }, realTime: false, offerAll: true);
                await process.SampleRssAsync(TimeSpan.FromSeconds(stallWindowSeconds), TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
                await server.SetFaultsAsync("{}").ConfigureAwait(false);
                result.OfferedDuringStall = process.LastOffered();
                await process.WaitAsync(timeout).ConfigureAwait(false);
                Measure(result, process);
                result.Rss.AddRange(process.RssSamples);
                await CheckAsync(process, result, stallAudioSeconds, 1, latency: false).ConfigureAwait(false);
                results.Add(result);
                Log(string.Format(Inv, "stall {0,-6} rss at end of stall {1,5:F0} MiB, peak {2,5:F0} MiB {3}", client,
                    result.Rss.Count > 0 ? result.Rss[^1].RssMiB : double.NaN, result.PeakRss, result.Ok ? "exact" : "FAILED"));
            }

            report.AppendLine().AppendLine("## Memory with acknowledgments stalled").AppendLine();
            report.AppendLine(string.Format(Inv, "{0} of 16 kHz mono audio offered at full speed while the server acknowledges nothing for {1} s (RSS sampled every 0.25 s), " +
                "then the stall is cleared and the session finishes; the SDK gets every chunk through `sendAudio` without waiting, the others send as their flow control allows.",
                Minutes(stallAudioSeconds), stallWindowSeconds)).AppendLine();
            var marks = new[] { 0.25, 0.5, 0.75, 1.0 };
            report.AppendLine("| client | " + string.Join(" | ", marks.Select(m => "RSS at " + (m * stallWindowSeconds).ToString("0.#", Inv) + " s")) +
                              " | max while stalled | audio the client had taken | peak RSS, whole run | exact after the stall |");
            report.AppendLine("|---|" + string.Concat(marks.Select(_ => "---|")) + "---|---|---|---|");
            foreach (var r in results.Where(r => r.Suite == "stall"))
            {
                var cells = marks.Select(m =>
                {
                    var at = m * stallWindowSeconds;
                    var sample = r.Rss.Where(s => s.Seconds <= at + 0.01).Select(s => s.RssMiB).DefaultIfEmpty(double.NaN).Last();
                    return F0(sample) + " MiB";
                });
                report.AppendLine("| " + r.Client + " | " + string.Join(" | ", cells) + " | " + F0(r.Rss.Select(s => s.RssMiB).DefaultIfEmpty(double.NaN).Max()) +
                                  " MiB | " + (r.OfferedDuringStall < 0 ? "—" : (r.OfferedDuringStall / 1e6).ToString("F1", Inv) + " MB of " + (stallAudioSeconds * 0.032).ToString("F1", Inv)) +
                                  " | " + F0(r.PeakRss) + " MiB | " + (r.Ok ? "yes" : "NO: " + string.Join("; ", r.Failures)) + " |");
            }
        }

        private async Task RealtimeSuiteAsync()
        {
            var file = MonoFile(realtimeSeconds);
            foreach (var client in clients)
            {
                var result = new Result { Suite = "realtime", Client = client, Label = realtimeSessions + " x " + Minutes(realtimeSeconds), Round = 1, AudioSeconds = realtimeSeconds * realtimeSessions };
                var processes = new List<ClientProcess>();
                if (client == "module")
                {
                    var files = Enumerable.Range(1, realtimeSessions).Select(i => Copy(file, "rt", i)).ToList();
                    processes.Add(Launch(client, files, realTime: true, offerAll: false, throttle: realtimeSessions));
                }
                else
                {
                    // One after another, each once the previous one has printed its first line (its session has begun), so
                    // that N runtimes starting at once on a small machine do not delay the first lines that mark t0.
                    for (var i = 0; i < realtimeSessions; i++)
                    {
                        var p = Launch(client, new[] { file }, realTime: true, offerAll: false);
                        processes.Add(p);
                        for (var wait = 0; wait < 200 && p.LineCount() == 0; wait++)
                        {
                            await Task.Delay(50).ConfigureAwait(false);
                        }
                    }
                }

                foreach (var p in processes)
                {
                    await p.WaitAsync(timeout).ConfigureAwait(false);
                }

                result.Wall = processes.Max(p => p.WallSeconds);
                result.Cpu = processes.Sum(p => p.CpuSeconds);
                result.PeakRss = processes.Sum(p => p.PeakRssMiB);
                foreach (var p in processes)
                {
                    await CheckAsync(p, result, realtimeSeconds, client == "module" ? realtimeSessions : 1, latency: true).ConfigureAwait(false);
                }

                results.Add(result);
                Log(string.Format(Inv, "realtime {0,-6} latency median {1:F0} ms, worst {2:F0} ms {3}", client, Median(result.LatenciesMs), result.LatenciesMs.DefaultIfEmpty(double.NaN).Max(),
                    result.Ok ? "exact" : "FAILED"));
            }

            report.AppendLine().AppendLine(string.Format(Inv, "## {0} sessions at real time at once", realtimeSessions)).AppendLine();
            report.AppendLine(string.Format(Inv, "{0} sessions of {1} each, paced at real time, started one after another within a few seconds (each once the previous one's session has begun), so all run at once. Latency: when a final transcript reached the client " +
                "(its stdout, or for the module the pipeline) minus when the end of its last word was due: when the first chunk was handed to the client library (the SDK and the bare client print it; " +
                "for the core, the `start_recording` message, since the driver paces from its first chunk once connected; for the module, the session's `CreatedAt`) " +
                "plus the word's end time. A capture device behaves the same way: audio from before the socket is open waits for it. " +
                "The server ends an utterance after 0.25 s of silence, so that much latency is the recogniser's.", realtimeSessions, Minutes(realtimeSeconds))).AppendLine();
            report.AppendLine("| client | processes | finals | latency median | p95 | worst | client CPU s (all sessions) | peak RSS (sum of processes) | exact |");
            report.AppendLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var r in results.Where(r => r.Suite == "realtime"))
            {
                report.AppendLine(string.Format(Inv, "| {0} | {1} | {2} | {3:F0} ms | {4:F0} ms | {5:F0} ms | {6:F2} | {7:F0} MiB | {8} |", r.Client,
                    r.Client == "module" ? 1 : realtimeSessions, r.LatenciesMs.Count, Median(r.LatenciesMs), Percentile(r.LatenciesMs, 0.95),
                    r.LatenciesMs.DefaultIfEmpty(double.NaN).Max(), r.Cpu, r.PeakRss, r.Ok ? "yes" : "NO: " + string.Join("; ", r.Failures)));
            }
        }

        private async Task ManySuiteAsync()
        {
            var file = MonoFile(manySeconds);
            var files = Enumerable.Range(1, manyFiles).Select(i => Copy(file, "many", i)).ToList();
            var result = new Result { Suite = "many", Client = "module", Label = manyFiles + " x " + Minutes(manySeconds), Round = 1, AudioSeconds = manySeconds * (double)manyFiles };
            var process = Launch("module", files, realTime: false, offerAll: false, throttle: manyFiles);
            await process.WaitAsync(timeout).ConfigureAwait(false);
            Measure(result, process);
            await CheckAsync(process, result, manySeconds, manyFiles, latency: false).ConfigureAwait(false);
            results.Add(result);
            Log(string.Format(Inv, "many: {0} sessions, wall {1:F1} s, cpu {2:F1} s, rss {3:F0} MiB {4}", result.Sessions, result.Wall, result.Cpu, result.PeakRss, result.Ok ? "exact" : "FAILED"));
            report.AppendLine().AppendLine(string.Format(Inv, "## {0} files through one Send-GladiaAudio -ThrottleLimit {0}", manyFiles)).AppendLine();
            report.AppendLine("`Get-Item FILES | Send-GladiaAudio -ThrottleLimit " + manyFiles + "` in one pwsh process, full speed, " + manyFiles + " sessions at once.").AppendLine();
            report.AppendLine("| files | audio | sessions exact | wall s | client CPU s | CPU s per audio hour | peak RSS |");
            report.AppendLine("|---|---|---|---|---|---|---|");
            report.AppendLine(string.Format(Inv, "| {0} | {1} each ({2:F1} h) | {3} of {0}{4} | {5:F1} | {6:F1} | {7:F1} | {8:F0} MiB |", manyFiles, Minutes(manySeconds),
                result.AudioSeconds / 3600, result.Ok ? manyFiles : result.Sessions, result.Ok ? string.Empty : " (" + string.Join("; ", result.Failures.Take(3)) + ")",
                result.Wall, result.Cpu, result.Cpu / result.AudioSeconds * 3600, result.PeakRss));
        }

        private string Copy(string file, string prefix, int i)
        {
            var dir = Path.Combine(dataDir, prefix);
            Directory.CreateDirectory(dir);
            var target = Path.Combine(dir, prefix + "-" + i.ToString("D3", Inv) + "-" + Path.GetFileName(file));
            if (!File.Exists(target) || new FileInfo(target).Length != new FileInfo(file).Length)
            {
                File.Copy(file, target, overwrite: true);
            }

            return target;
        }

        // ---------------------------------------------------------------- tables

        private void WriteStreamTables(List<string> labels)
        {
            report.AppendLine().AppendLine("## Streaming at full speed").AppendLine();
            report.AppendLine(string.Format(Inv, "{0} round(s), the clients alternated (each round rotates the order, and each file reverses it). 100 ms chunks, at most 1 MiB " +
                "unacknowledged. Median [min–max] over the rounds. CPU is user + sys of the client process (`/usr/bin/time -v`); *net* CPU subtracts the same client's " +
                "run on a {1} s file in the same round (start-up, JIT, session set-up), and is per hour of audio. The 48 kHz stereo file is 32-bit float: the core " +
                "and the module convert it to 16-bit (the session keeps 48 kHz stereo); the SDK and the bare client, which convert nothing, get the same audio " +
                "already in 16-bit.", rounds, baselineSeconds)).AppendLine();
            report.AppendLine("| audio | client | runs exact | wall s | CPU s | CPU s per audio hour | net CPU s per audio hour | peak RSS MiB |");
            report.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var label in new[] { "baseline" }.Concat(labels))
            {
                foreach (var client in clients)
                {
                    var runs = results.Where(r => r.Suite == "stream" && r.Label == label && r.Client == client).ToList();
                    if (runs.Count == 0)
                    {
                        continue;
                    }

                    var gross = runs.Select(r => r.Cpu / r.AudioSeconds * 3600).ToList();
                    var net = NetPerHour(runs);
                    report.AppendLine(string.Format(Inv, "| {0} | {1} | {2}/{3} | {4} | {5} | {6} | {7} | {8} |", label == "baseline" ? baselineSeconds + " s (baseline)" : label,
                        client, runs.Count(r => r.Ok), runs.Count, Spread(runs.Select(r => r.Wall), "F2"), Spread(runs.Select(r => r.Cpu), "F2"), Spread(gross, "F2"),
                        label == "baseline" ? "—" : Spread(net, "F2"), Spread(runs.Select(r => r.PeakRss), "F0")));
                }
            }

            report.AppendLine().AppendLine("### Ratios (medians of this run)").AppendLine();
            report.AppendLine("| audio | core / sdk CPU per hour (goal ≤ 0.5) | core / bare (goal ≤ 1.3) | module / core (goal ≤ 1.2) | same, net of start-up: core / sdk | core / bare | module / core |");
            report.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var label in labels)
            {
                double G(string c) => Median(results.Where(r => r.Suite == "stream" && r.Label == label && r.Client == c).Select(r => r.Cpu / r.AudioSeconds * 3600));
                double N(string c) => Median(NetPerHour(results.Where(r => r.Suite == "stream" && r.Label == label && r.Client == c).ToList()));
                report.AppendLine(string.Format(Inv, "| {0} | {1:F2} | {2:F2} | {3:F2} | {4:F2} | {5:F2} | {6:F2} |", label, G("core") / G("sdk"), G("core") / G("bare"), G("module") / G("core"),
                    N("core") / N("sdk"), N("core") / N("bare"), N("module") / N("core")));
            }

            if (lengths.Length >= 2)
            {
                var shortest = labels[0];
                var longest = labels[lengths.Length - 1];
                report.AppendLine().AppendLine("### Peak RSS, longest mono file against the shortest").AppendLine();
                report.AppendLine("| client | " + shortest + " | " + longest + " | ratio (goal ≤ 1.10) |");
                report.AppendLine("|---|---|---|---|");
                foreach (var client in clients)
                {
                    var a = Median(results.Where(r => r.Suite == "stream" && r.Label == shortest && r.Client == client).Select(r => r.PeakRss));
                    var b = Median(results.Where(r => r.Suite == "stream" && r.Label == longest && r.Client == client).Select(r => r.PeakRss));
                    report.AppendLine(string.Format(Inv, "| {0} | {1:F0} MiB | {2:F0} MiB | {3:F2} |", client, a, b, b / a));
                }
            }
        }

        private List<double> NetPerHour(List<Result> runs) => runs.Select(r =>
        {
            var b = results.FirstOrDefault(x => x.Suite == "stream" && x.Label == "baseline" && x.Client == r.Client && x.Round == r.Round);
            return b is null ? double.NaN : (r.Cpu - b.Cpu) / (r.AudioSeconds - b.AudioSeconds) * 3600;
        }).ToList();

        private static string Minutes(int seconds) => seconds % 60 == 0 ? (seconds / 60) + " min" : seconds + " s";

        private static string F0(double v) => double.IsNaN(v) ? "—" : v.ToString("F0", Inv);

        private static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

        private static double Percentile(IEnumerable<double> values, double p)
        {
            var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToList();
            if (sorted.Count == 0)
            {
                return double.NaN;
            }

            var position = p * (sorted.Count - 1);
            var lower = (int)Math.Floor(position);
            var upper = (int)Math.Ceiling(position);
            return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
        }

        private static string Spread(IEnumerable<double> values, string format)
        {
            var list = values.Where(v => !double.IsNaN(v)).ToList();
            if (list.Count == 0)
            {
                return "—";
            }

            var median = Median(list).ToString(format, Inv);
            return list.Count == 1 ? median : median + " [" + list.Min().ToString(format, Inv) + "–" + list.Max().ToString(format, Inv) + "]";
        }
    }
}
