using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using GladiaPS.Emulator;

var options = CommandLine.Parse(args, out var showHelp, out var error);
if (showHelp)
{
    Console.Out.WriteLine(CommandLine.Help);
    return 0;
}

if (options == null)
{
    Console.Error.WriteLine("error: " + error);
    return 2;
}

options = new EmulatorOptions
{
    ApiKey = options.ApiKey,
    Port = options.Port,
    RedirectFileDownloads = options.RedirectFileDownloads,
    Faults = options.Faults,
    TempDirectory = options.TempDirectory,
    WarningLog = Console.Error,
};

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});

GladiaEmulator emulator;
try
{
    emulator = await GladiaEmulator.StartAsync(options);
}
catch (Exception ex) when (ex is System.IO.IOException or ArgumentException or InvalidOperationException)
{
    Console.Error.WriteLine("error: could not start: " + ex.Message);
    return 1;
}

await using (emulator)
{
    Console.Out.WriteLine($"listening http://127.0.0.1:{emulator.BaseUrl.Port}");
    Console.Out.WriteLine($"storage http://127.0.0.1:{emulator.StorageBaseUrl.Port}");
    Console.Out.Flush();
    await stop.Task;
}

return 0;
