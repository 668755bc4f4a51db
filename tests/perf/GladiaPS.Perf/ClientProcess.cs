using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Perf
{
    /// <summary>One client process run under /usr/bin/time -v: its stdout lines stamped as they arrive, its CPU and peak RSS.</summary>
    internal sealed class ClientProcess
    {
        public static readonly bool HaveTime = File.Exists("/usr/bin/time");

        public string Command { get; private set; } = string.Empty;

        public int ExitCode { get; private set; } = -1;

        public double WallSeconds { get; private set; }

        public double UserSeconds { get; private set; } = double.NaN;

        public double SystemSeconds { get; private set; } = double.NaN;

        public double CpuSeconds => UserSeconds + SystemSeconds;

        public double PeakRssMiB { get; private set; } = double.NaN;

        public bool TimedOut { get; private set; }

        /// <summary>Stdout lines with the Unix time (ms) each arrived.</summary>
        public List<(long AtMs, string Text)> Lines { get; } = new List<(long, string)>();

        public StringBuilder Stderr { get; } = new StringBuilder();

        /// <summary>The byte count of the last <c>{"type":"offered","bytes":N}</c> line so far, or −1.</summary>
        public long LastOffered()
        {
            lock (Lines)
            {
                for (var i = Lines.Count - 1; i >= 0; i--)
                {
                    var text = Lines[i].Text;
                    if (text.StartsWith("{\"type\":\"offered\",\"bytes\":", StringComparison.Ordinal))
                    {
                        return long.Parse(text.Substring(26).TrimEnd('}'), CultureInfo.InvariantCulture);
                    }
                }
            }

            return -1;
        }

        public int LineCount()
        {
            lock (Lines)
            {
                return Lines.Count;
            }
        }

        /// <summary>RSS samples (seconds since start, MiB) when sampling was asked for.</summary>
        public List<(double Seconds, double RssMiB)> RssSamples { get; } = new List<(double, double)>();

        private Process? process;
        private readonly Stopwatch clock = new Stopwatch();

        public static ClientProcess Start(string file, IEnumerable<string> arguments, IDictionary<string, string>? environment, string timeFile)
        {
            var run = new ClientProcess();
            var psi = new ProcessStartInfo(HaveTime ? "/usr/bin/time" : file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var args = arguments.ToList();
            if (HaveTime)
            {
                psi.ArgumentList.Add("-v");
                psi.ArgumentList.Add("-o");
                psi.ArgumentList.Add(timeFile);
                psi.ArgumentList.Add(file);
            }

            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }

            if (environment is not null)
            {
                foreach (var pair in environment)
                {
                    psi.Environment[pair.Key] = pair.Value;
                }
            }

            run.Command = file + " " + string.Join(" ", args);
            run.timeFile = timeFile;
            var p = new Process { StartInfo = psi, EnableRaisingEvents = true };
            p.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    lock (run.Lines)
                    {
                        run.Lines.Add((at, e.Data));
                    }
                }
            };
            p.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (run.Stderr)
                    {
                        if (run.Stderr.Length < 20_000)
                        {
                            run.Stderr.AppendLine(e.Data);
                        }
                    }
                }
            };
            run.clock.Start();
            p.Start();
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            run.process = p;
            return run;
        }

        private string timeFile = string.Empty;

        /// <summary>The measured process: the child of /usr/bin/time, or the process itself.</summary>
        public int? ClientPid()
        {
            if (process is null)
            {
                return null;
            }

            if (!HaveTime)
            {
                return process.Id;
            }

            try
            {
                var children = File.ReadAllText($"/proc/{process.Id}/task/{process.Id}/children").Trim();
                return children.Length == 0 ? null : int.Parse(children.Split(' ')[0], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                return null;
            }
        }

        /// <summary>The client's resident set now, in MiB (NaN when it is gone).</summary>
        public double CurrentRssMiB()
        {
            var pid = ClientPid();
            if (pid is null)
            {
                return double.NaN;
            }

            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                {
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        return long.Parse(line.Substring(6).Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                    }
                }
            }
            catch (IOException)
            {
            }

            return double.NaN;
        }

        /// <summary>Samples RSS every interval until the time is up or the process ends.</summary>
        public async Task SampleRssAsync(TimeSpan duration, TimeSpan interval)
        {
            var end = clock.Elapsed + duration;
            while (clock.Elapsed < end && process is { HasExited: false })
            {
                var rss = CurrentRssMiB();
                if (!double.IsNaN(rss))
                {
                    RssSamples.Add((clock.Elapsed.TotalSeconds, rss));
                }

                await Task.Delay(interval).ConfigureAwait(false);
            }
        }

        public async Task WaitAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process!.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                TimedOut = true;
                try
                {
                    process!.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }

                await process!.WaitForExitAsync().ConfigureAwait(false);
            }

            process!.WaitForExit();
            clock.Stop();
            WallSeconds = clock.Elapsed.TotalSeconds;
            ExitCode = process.ExitCode;
            if (HaveTime && File.Exists(timeFile))
            {
                foreach (var line in File.ReadLines(timeFile))
                {
                    var t = line.Trim();
                    if (t.StartsWith("User time (seconds):", StringComparison.Ordinal))
                    {
                        UserSeconds = double.Parse(t.Substring(t.IndexOf(':') + 1), CultureInfo.InvariantCulture);
                    }
                    else if (t.StartsWith("System time (seconds):", StringComparison.Ordinal))
                    {
                        SystemSeconds = double.Parse(t.Substring(t.IndexOf(':') + 1), CultureInfo.InvariantCulture);
                    }
                    else if (t.StartsWith("Maximum resident set size (kbytes):", StringComparison.Ordinal))
                    {
                        PeakRssMiB = double.Parse(t.Substring(t.IndexOf(':') + 1), CultureInfo.InvariantCulture) / 1024.0;
                    }
                    else if (t.StartsWith("Command exited with non-zero status", StringComparison.Ordinal))
                    {
                        ExitCode = int.Parse(t.Substring(t.LastIndexOf(' ') + 1), CultureInfo.InvariantCulture);
                    }
                }
            }
        }
    }
}
