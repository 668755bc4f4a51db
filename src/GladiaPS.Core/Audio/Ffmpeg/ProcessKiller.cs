using System;
using System.Diagnostics;

namespace GladiaPS.Core.Audio.Ffmpeg
{
    /// <summary>Ends a child process (ffmpeg, ffprobe) without ever throwing: it is called from token callbacks and Dispose.</summary>
    internal static class ProcessKiller
    {
        /// <summary>Kills <paramref name="process"/> if it is still running; any failure (already exited, disposed, access denied) is ignored.</summary>
        public static void TryKill(Process process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException or ObjectDisposedException)
            {
                // Already exited, exiting as asked, never started, or disposed: nothing left to end. An exception
                // here would escape from CancellationTokenSource.Cancel into whoever cancelled.
            }
        }
    }
}
