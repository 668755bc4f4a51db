using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace GladiaPS.TestSupport.Tests.ToneWords
{
    /// <summary>Runs the ffmpeg found on PATH; a missing ffmpeg fails the test (CI installs it).</summary>
    internal static class Ffmpeg
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

        public static string Executable()
        {
            string name = OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg";
            string? found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, name))
                .FirstOrDefault(File.Exists);
            Assert.True(found is not null, "ffmpeg is required on PATH for the resampling tests (CI installs it); it was not found.");
            return found!;
        }

        /// <summary>Converts <paramref name="input"/> (a WAV file's bytes) with the given output options; returns the output WAV.</summary>
        public static byte[] Convert(byte[] input, params string[] outputOptions)
        {
            string executable = Executable();
            string directory = Path.Combine(Path.GetTempPath(), "tonewords-ffmpeg-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            try
            {
                string inputPath = Path.Combine(directory, "in.wav");
                string outputPath = Path.Combine(directory, "out.wav");
                File.WriteAllBytes(inputPath, input);

                var start = new ProcessStartInfo(executable)
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    RedirectStandardInput = true,
                    UseShellExecute = false,
                };
                foreach (string argument in new[] { "-hide_banner", "-nostdin", "-y", "-i", inputPath }.Concat(outputOptions).Append(outputPath))
                {
                    start.ArgumentList.Add(argument);
                }

                using Process process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
                Task<string> errors = process.StandardError.ReadToEndAsync();
                Task<string> output = process.StandardOutput.ReadToEndAsync();
                if (!process.WaitForExit(Timeout))
                {
                    process.Kill(entireProcessTree: true);
                    Assert.Fail($"ffmpeg {string.Join(" ", outputOptions)} did not finish within {Timeout}.");
                }

                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"ffmpeg {string.Join(" ", outputOptions)} exited with {process.ExitCode}: {errors.Result}{output.Result}");
                return File.ReadAllBytes(outputPath);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
