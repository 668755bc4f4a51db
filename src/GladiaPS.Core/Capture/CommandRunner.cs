using System;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Ffmpeg;

namespace GladiaPS.Core.Capture
{
    /// <summary>Runs a platform tool (pactl, ffmpeg -list_devices) as <see cref="ToolProcess"/> does, with its failures as capture errors.</summary>
    internal static class CommandRunner
    {
        public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
            string fileName, string arguments, TimeSpan timeout, CancellationToken cancellationToken)
        {
            ToolResult result;
            try
            {
                result = await ToolProcess.RunAsync(fileName, arguments, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                throw new AudioCaptureException(null, "'" + fileName + "' could not be started: " + exception.Message, exception);
            }

            if (result.TimedOut)
            {
                throw new AudioCaptureException(null, "'" + fileName + " " + arguments + "' did not answer within " + timeout.TotalSeconds + " s.");
            }

            return (result.ExitCode, result.Output, result.Error);
        }
    }
}
