# Shared by the Pester tests: the local Gladia-compatible server, tone-word audio files, and a pwsh child process.
$script:Repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
# The test projects' target framework, as tests/Directory.Build.props sets it: where their builds land.
$script:TestFramework = ([xml] (Get-Content -Raw (Join-Path $script:Repo 'tests/Directory.Build.props'))).Project.PropertyGroup.TargetFramework |
    Where-Object { $_ } | Select-Object -First 1
$script:EmulatorDll = Join-Path $script:Repo "tests/GladiaPS.Emulator/bin/Release/$script:TestFramework/GladiaPS.Emulator.dll"
# Windows PowerShell 5.1 runs on .NET Framework: it loads the tone-word writer's netstandard2.0 build.
$toneFramework = if ($PSVersionTable.PSEdition -eq 'Desktop') { 'netstandard2.0' } else { $script:TestFramework }
$script:ToneDll = Join-Path $script:Repo "tests/GladiaPS.TestSupport/bin/Release/$toneFramework/GladiaPS.TestSupport.dll"
Add-Type -Path $script:ToneDll

function Get-ModuleUnderTest {
    if ($env:GLADIAPS_MODULE_PATH) { return $env:GLADIAPS_MODULE_PATH }
    Join-Path $script:Repo 'out/GladiaPS/GladiaPS.psd1'
}

function Initialize-GladiaTest {
    <# Imports the module under test, starts a local server for it (GLADIA_API_URL and GLADIA_API_KEY point at it) and makes a work folder. #>
    param([Parameter(Mandatory)] [string] $Name)
    Import-Module (Get-ModuleUnderTest) -Force -Global
    $server = Start-TestServer
    $env:GLADIA_API_URL = $server.Url
    $env:GLADIA_API_KEY = $server.ApiKey
    $work = Join-Path ([IO.Path]::GetTempPath()) ("gladiaps-$Name-" + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $work
    [pscustomobject]@{ Server = $server; Work = $work }
}

function Complete-GladiaTest {
    param($Context)
    if ($Context) {
        Stop-TestServer $Context.Server
        Remove-Item -Recurse -Force $Context.Work -ErrorAction SilentlyContinue
    }
    Remove-Item Env:GLADIA_API_URL, Env:GLADIA_API_KEY -ErrorAction SilentlyContinue
}

function Start-TestServer {
    param([string] $ApiKey = ('k-' + [guid]::NewGuid().ToString('n')), [string[]] $Arguments = @())
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    # One quoted string, not ProcessStartInfo.ArgumentList, which .NET Framework (Windows PowerShell 5.1) lacks.
    $psi.Arguments = (@($script:EmulatorDll, '--port', '0', '--api-key', $ApiKey) + $Arguments | ForEach-Object { '"' + ($_ -replace '"', '\"') + '"' }) -join ' '

    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch '^listening (http://127\.0\.0\.1:\d+)') {
        $process.Kill()
        throw "The local server did not start: '$line' $($process.StandardError.ReadToEnd())"
    }
    [pscustomobject]@{ Url = $Matches[1]; ApiKey = $ApiKey; Process = $process }
}

function Stop-TestServer {
    param($Server)
    if ($Server -and -not $Server.Process.HasExited) { $Server.Process.Kill(); $Server.Process.WaitForExit() }
}

function Invoke-TestServerApi {
    param($Server, [string] $Method = 'GET', [string] $Path, $Body)
    $params = @{ Method = $Method; Uri = $Server.Url + $Path; Headers = @{ 'x-gladia-key' = $Server.ApiKey } }
    if ($null -ne $Body) { $params.Body = ($Body | ConvertTo-Json -Depth 5); $params.ContentType = 'application/json' }
    # Invoke-RestMethod writes a JSON array as one object; enumerate it so callers filter its items.
    $answer = Invoke-RestMethod @params
    $answer
}

function Send-TestUpload {
    <# Uploads a file to the local server's /v2/upload as a client other than the module would, and returns its answer. #>
    param($Server, [Parameter(Mandatory)] [string] $Path)
    # HttpClient rather than Invoke-RestMethod -Form, which Windows PowerShell 5.1 lacks.
    Add-Type -AssemblyName System.Net.Http
    $http = New-Object System.Net.Http.HttpClient
    try {
        $http.DefaultRequestHeaders.Add('x-gladia-key', $Server.ApiKey)
        $form = New-Object System.Net.Http.MultipartFormDataContent
        $form.Add((New-Object System.Net.Http.ByteArrayContent (, [IO.File]::ReadAllBytes($Path))), 'audio', [IO.Path]::GetFileName($Path))
        $response = $http.PostAsync("$($Server.Url)/v2/upload", $form).GetAwaiter().GetResult()
        $response.EnsureSuccessStatusCode().Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json
    } finally {
        $http.Dispose()
    }
}

function Set-TestServerFault {
    param($Server, [hashtable] $Fault = @{})
    $null = Invoke-TestServerApi -Server $Server -Method PUT -Path '/emulator/faults' -Body $Fault
}

function Test-PulseAudio {
    <# Whether a PulseAudio server answers (tests/run-all.sh starts one with a null sink, tests/capture/pulseaudio.sh). #>
    if (-not (Get-Command pactl -ErrorAction SilentlyContinue)) { return $false }
    & pactl info *> $null
    $LASTEXITCODE -eq 0
}

function Test-CaptureSkipped {
    <# Capture tests skip where there is no PulseAudio server, except in CI on Linux, where tests/run-all.sh starts one and
       its absence is a failure. Hosted Windows and macOS runners have no sound device: there they skip. #>
    -not (Test-PulseAudio) -and -not ($env:CI -eq 'true' -and $IsLinux -eq $true)
}

function Get-PowerShellCommand {
    <# The same PowerShell as this one, as a command line: pwsh (or powershell.exe), or the pinned .NET tool's pwsh.dll under dotnet. #>
    $self = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { @($self, (Join-Path $PSHOME 'pwsh.dll')) } else { @($self) }
}

function Invoke-ExampleScript {
    <#
    Runs a script in a PowerShell like this one, in a process of its own with a time limit (an example that hangs fails
    instead of stopping the suite), and returns its exit code, what it printed, and what it wrote into its folder:
    the text of new CSV, subtitle, JSON, log and text files, and a line for each new audio file.
    #>
    param([Parameter(Mandatory)] [string] $Path, [int] $TimeoutSeconds = 180)
    $folder = Split-Path -Parent $Path
    $pwsh = Get-PowerShellCommand
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $Path)
    $before = @(Get-ChildItem -LiteralPath $folder -Recurse -File | ForEach-Object FullName)
    $psi = New-Object System.Diagnostics.ProcessStartInfo $pwsh[0]
    $psi.Arguments = ($arguments | ForEach-Object { '"' + $_ + '"' }) -join ' '
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.WorkingDirectory = $folder
    $process = [System.Diagnostics.Process]::Start($psi)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    $finished = $process.WaitForExit($TimeoutSeconds * 1000)
    if (-not $finished) { $process.Kill(); $process.WaitForExit() }
    $output = $stdout.GetAwaiter().GetResult() + $stderr.GetAwaiter().GetResult()
    if (-not $finished) { $output = "EXAMPLE ERROR: still running after $TimeoutSeconds s, stopped`n" + $output }
    $written = @(Get-ChildItem -LiteralPath $folder -Recurse -File -Include *.csv, *.vtt, *.srt, *.json, *.log, *.txt, *.mp3, *.wav |
        Where-Object { $before -notcontains $_.FullName } |
        ForEach-Object { if ($_.Extension -in '.mp3', '.wav') { "wrote $($_.Name)" } else { [IO.File]::ReadAllText($_.FullName) } })
    [pscustomobject]@{ ExitCode = $(if ($finished) { $process.ExitCode } else { -1 }); Output = $output; Written = ($written -join "`n"); Folder = $folder }
}

function New-ToneWav {
    <# Writes a tone-word WAV file: one phrase per channel. #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string[]] $Phrase,
        [int] $SampleRate = 16000,
        [int] $BitDepth = 16,
        [ValidateSet('pcm', 'alaw', 'ulaw')] [string] $Encoding = 'pcm'
    )
    $format = [GladiaPS.TestSupport.ToneWords.ToneAudioFormat]::FromWire("wav/$Encoding", $BitDepth, $SampleRate, $Phrase.Count)
    [System.IO.File]::WriteAllBytes($Path, [GladiaPS.TestSupport.ToneWords.ToneAudio]::Wav($format, [string[]] $Phrase))
    Get-Item -LiteralPath $Path
}

function New-ToneRaw {
    <# Raw 16-bit 16 kHz mono samples of a phrase, no header. #>
    param([Parameter(Mandatory)] [string] $Phrase, [int] $SampleRate = 16000)
    [GladiaPS.TestSupport.ToneWords.ToneAudio]::Raw([GladiaPS.TestSupport.ToneWords.ToneAudioFormat]::Pcm16($SampleRate, 1), [string[]] @($Phrase))
}

function New-RecordingHost {
    <# A PowerShell host that keeps every line written to its UI (e.g. VERBOSE: ...), for a runspace a test stops: what a command
       says after Stop() reaches only the host. Lines may come from any thread. #>
    if (-not ('GladiaPSTests.RecordingHost' -as [type])) {
        # C# 5, so Windows PowerShell 5.1 compiles it too.
        Add-Type -TypeDefinition @'
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace GladiaPSTests
{
    public sealed class RecordingHost : PSHost
    {
        private readonly Guid _id = Guid.NewGuid();
        private readonly RecordingHostUI _ui = new RecordingHostUI();
        public ConcurrentQueue<string> Lines { get { return _ui.Lines; } }
        public override string Name { get { return "RecordingHost"; } }
        public override Version Version { get { return new Version(1, 0); } }
        public override Guid InstanceId { get { return _id; } }
        public override PSHostUserInterface UI { get { return _ui; } }
        public override CultureInfo CurrentCulture { get { return CultureInfo.InvariantCulture; } }
        public override CultureInfo CurrentUICulture { get { return CultureInfo.InvariantCulture; } }
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() { throw new NotSupportedException(); }
        public override void ExitNestedPrompt() { throw new NotSupportedException(); }
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    public sealed class RecordingHostUI : PSHostUserInterface
    {
        public readonly ConcurrentQueue<string> Lines = new ConcurrentQueue<string>();
        public override PSHostRawUserInterface RawUI { get { return null; } }
        public override string ReadLine() { throw new NotSupportedException(); }
        public override SecureString ReadLineAsSecureString() { throw new NotSupportedException(); }
        public override void Write(string value) { Lines.Enqueue(value); }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { Lines.Enqueue(value); }
        public override void WriteLine(string value) { Lines.Enqueue(value); }
        public override void WriteErrorLine(string value) { Lines.Enqueue("ERROR: " + value); }
        public override void WriteDebugLine(string message) { Lines.Enqueue("DEBUG: " + message); }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { Lines.Enqueue("VERBOSE: " + message); }
        public override void WriteWarningLine(string message) { Lines.Enqueue("WARNING: " + message); }
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) { throw new NotSupportedException(); }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) { throw new NotSupportedException(); }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) { throw new NotSupportedException(); }
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) { throw new NotSupportedException(); }
    }
}
'@
    }
    New-Object GladiaPSTests.RecordingHost
}

Export-ModuleMember -Function Get-ModuleUnderTest, Test-PulseAudio, Test-CaptureSkipped, Get-PowerShellCommand, Invoke-ExampleScript, Initialize-GladiaTest, Complete-GladiaTest, Start-TestServer, Stop-TestServer, Invoke-TestServerApi, Send-TestUpload, Set-TestServerFault, New-ToneWav, New-ToneRaw, New-RecordingHost
