using System;
using System.IO;
using System.Runtime.InteropServices;

namespace GladiaPS.Core.Audio.Ffmpeg
{
    /// <summary>Finds the ffmpeg executable: an explicit path, or the first <c>ffmpeg</c> on PATH.</summary>
    internal static class FfmpegLocator
    {
        /// <summary>How to install ffmpeg, for error messages.</summary>
        public const string InstallHint =
            "Install ffmpeg (Windows: winget install Gyan.FFmpeg; macOS: brew install ffmpeg; Debian/Ubuntu: sudo apt-get install ffmpeg) " +
            "and make sure it is on PATH, or set $env:" + EnvironmentVariable + " to the path of the ffmpeg executable (ffprobe is looked for beside it).";

        /// <summary>The environment variable that names the ffmpeg executable when no path is given in code.</summary>
        public const string EnvironmentVariable = "GLADIA_FFMPEG";

        /// <summary>The path given in code, else $env:GLADIA_FFMPEG, else null (search PATH).</summary>
        private static string? Configured(string? explicitPath) =>
            !string.IsNullOrEmpty(explicitPath) ? explicitPath
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim().Trim('"') : null;

        /// <summary>The full path of ffmpeg, or null when it cannot be found.</summary>
        public static string? TryFind(string? explicitPath = null)
        {
            explicitPath = Configured(explicitPath);
            if (!string.IsNullOrEmpty(explicitPath))
            {
                return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
            }

            return SearchPath("ffmpeg");
        }

        /// <summary>The full path of ffprobe: beside an explicit ffmpeg, else on PATH; null when it cannot be found.</summary>
        public static string? TryFindProbe(string? explicitFfmpegPath = null)
        {
            explicitFfmpegPath = Configured(explicitFfmpegPath);
            if (!string.IsNullOrEmpty(explicitFfmpegPath))
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(explicitFfmpegPath)) ?? ".";
                var beside = Path.Combine(directory, RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "ffprobe.exe" : "ffprobe");
                return File.Exists(beside) ? beside : null;
            }

            return SearchPath("ffprobe");
        }

        private static string? SearchPath(string program)
        {
            var names = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? new[] { program + ".exe" } : new[] { program };
            var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            foreach (var directory in path.Split(Path.PathSeparator))
            {
                if (directory.Length == 0)
                {
                    continue;
                }

                foreach (var name in names)
                {
                    try
                    {
                        var candidate = Path.Combine(directory.Trim('"'), name);
                        if (File.Exists(candidate))
                        {
                            return candidate;
                        }
                    }
                    catch (ArgumentException)
                    {
                        // A PATH entry with characters no path may hold: skip it.
                    }
                }
            }

            return null;
        }

        /// <summary>The full path of ffmpeg; throws <see cref="AudioFormatException"/> (DecoderNotFound) naming ffmpeg
        /// and how to install it when it cannot be found.</summary>
        public static string Find(string? explicitPath, string? inputName)
        {
            var found = TryFind(explicitPath);
            if (found is not null)
            {
                return found;
            }

            var configured = Configured(explicitPath);
            var what = string.IsNullOrEmpty(configured)
                ? "ffmpeg is needed to decode this input and was not found on PATH. "
                : $"ffmpeg is needed to decode this input and was not found at '{configured}'" +
                  (string.IsNullOrEmpty(explicitPath) ? " ($env:" + EnvironmentVariable + "). " : ". ");
            throw new AudioFormatException(inputName, AudioFormatError.DecoderNotFound, what + InstallHint);
        }
    }
}
