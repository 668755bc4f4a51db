using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace GladiaPS.Driver.Tests
{
    /// <summary>Runs the built driver (tests/GladiaPS.Driver) as its own process, the way a script does.</summary>
    internal static class DriverProcess
    {
        private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

        public sealed record Result(int ExitCode, IReadOnlyList<string> StandardOutput, string StandardError);

        public static async Task<Result> RunAsync(params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(DriverAssembly());
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("the driver did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(Limit)) != exited)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"the driver did not finish within {Limit.TotalSeconds} s");
            }

            var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return new Result(process.ExitCode, lines, await error);
        }

        // The test project builds the driver (a project reference without its assembly); it sits beside this
        // project's output under tests/GladiaPS.Driver/bin/<configuration>/<framework>/.
        private static string DriverAssembly()
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!;
            var tests = configuration.Parent!.Parent!.Parent!;
            var path = Path.Combine(tests.FullName, "GladiaPS.Driver", "bin", configuration.Name, framework.Name, "GladiaPS.Driver.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("the driver is not built", path);
        }
    }
}
