using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Capture
{
    /// <summary>Runs a platform tool (pactl, ffmpeg -list_devices) to completion with a time limit and returns what it printed.</summary>
    internal static class CommandRunner
    {
        public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
            string fileName, string arguments, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var startInfo = new ProcessStartInfo(fileName, arguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            using var process = new Process { StartInfo = startInfo };
            try
            {
                process.Start();
            }
            catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                throw new AudioCaptureException(null, "'" + fileName + "' could not be started: " + exception.Message, exception);
            }

            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await Live.TaskWaits.WaitAsync(Task.WhenAll(output, error), limit.Token).ConfigureAwait(false);
                await Task.Run(() => process.WaitForExit(), limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Audio.ProcessKiller.TryKill(process);
                throw new AudioCaptureException(null, "'" + fileName + " " + arguments + "' did not answer within " + timeout.TotalSeconds + " s.");
            }
            catch (OperationCanceledException)
            {
                Audio.ProcessKiller.TryKill(process);
                throw;
            }

            return (process.ExitCode, output.Result, error.Result);
        }
    }
}
