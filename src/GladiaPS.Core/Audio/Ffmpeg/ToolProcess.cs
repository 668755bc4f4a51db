using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Audio.Ffmpeg
{
    /// <summary>What a tool printed and how it ended.</summary>
    internal readonly struct ToolResult
    {
        public ToolResult(int exitCode, string output, string error, bool timedOut)
        {
            ExitCode = exitCode;
            Output = output;
            Error = error;
            TimedOut = timedOut;
        }

        public int ExitCode { get; }

        public string Output { get; }

        public string Error { get; }

        /// <summary>The tool did not finish within its time and was killed; the output is what it printed until then.</summary>
        public bool TimedOut { get; }
    }

    /// <summary>
    /// Runs a helper tool (ffprobe, pactl, ffmpeg's device listing) to completion within a time limit, reading both of
    /// its outputs. Callers turn a tool that cannot start or does not answer into their own error.
    /// </summary>
    internal static class ToolProcess
    {
        /// <exception cref="System.ComponentModel.Win32Exception">The tool could not be started (not found, not executable).</exception>
        /// <exception cref="OperationCanceledException">The caller cancelled; the tool is killed.</exception>
        public static async Task<ToolResult> RunAsync(string fileName, string arguments, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var process = new Process
            {
                StartInfo = new ProcessStartInfo(fileName, arguments)
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    CreateNoWindow = true,
                    StandardOutputEncoding = Encoding.UTF8,
                    StandardErrorEncoding = Encoding.UTF8,
                },
            };
            process.Start();

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            string output, error;
            using (limit.Token.Register(() => ProcessKiller.TryKill(process)))
            {
                // Killing the tool closes its outputs, so these reads end on a time-out or a cancel too.
                var outputTask = process.StandardOutput.ReadToEndAsync();
                var errorTask = process.StandardError.ReadToEndAsync();
                output = await outputTask.ConfigureAwait(false);
                error = await errorTask.ConfigureAwait(false);
                await Task.Run(() => process.WaitForExit(), CancellationToken.None).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var timedOut = limit.IsCancellationRequested;
            return new ToolResult(timedOut ? -1 : process.ExitCode, output, error, timedOut);
        }
    }
}
