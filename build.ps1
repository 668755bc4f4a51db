<#
.SYNOPSIS
    Builds, documents, tests, packages and demonstrates the GladiaPS module.
.DESCRIPTION
    Tasks (run in the order given; the default is Build, Help):
      Build    publishes src/GladiaPS into out/GladiaPS: the module folder (manifest, GladiaPS.dll, the format file,
               and the core with every third-party assembly in dependencies/).
      Help     turns the platyPS markdown in docs/help into MAML help in out/GladiaPS/en-US (platyPS when installed,
               else the repository's own generator, tools/New-GladiaMamlHelp.ps1).
      Test     runs every test suite: xunit, Pester (against out/GladiaPS) and the conformance check (tests/run-all.sh).
      Package  publishes out/GladiaPS to a local folder repository (out/repository) with PSResourceGet: the .nupkg a
               PowerShell Gallery publish would upload.
      Demo     starts the local Gladia-compatible server, writes a few sample files and transcribes them with
               Get-ChildItem ... | Send-GladiaAudio. With $env:GLADIA_API_KEY set (and no GLADIA_API_URL), it runs
               against Gladia instead, on speech made by espeak-ng or on the files in -DemoPath.
.EXAMPLE
    ./build.ps1
.EXAMPLE
    ./build.ps1 Build, Help, Demo
.EXAMPLE
    ./build.ps1 Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ArgumentCompleter({ 'Build', 'Help', 'Test', 'Package', 'Demo' })]
    [string[]] $Task = @('Build', 'Help'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Audio files for the Demo task to transcribe instead of generated samples.
    [string] $DemoPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot

# The test projects' target framework, as tests/Directory.Build.props sets it: where their builds land.
$testFramework = ([xml] (Get-Content -Raw (Join-Path $root 'tests/Directory.Build.props'))).Project.PropertyGroup.TargetFramework |
    Where-Object { $_ } | Select-Object -First 1
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'GladiaPS'

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE (its own error is above)." }
}

function Invoke-BuildTask {
    $script:built = $true
    if (Test-Path $moduleOut) { Remove-Item -Recurse -Force $moduleOut }
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/GladiaPS/GladiaPS.csproj'), '-c', $Configuration, '-o', $moduleOut, '--nologo', '-v', 'quiet')
    Write-Host "Module built in $moduleOut"
}

function Invoke-HelpTask {
    $markdown = Join-Path $root 'docs/help'
    $generator = Join-Path $root 'tools/New-GladiaMamlHelp.ps1'
    if (-not (Test-Path $markdown)) { throw "No help markdown in $markdown." }
    if (-not (Test-Path $moduleOut)) { throw "Build the module first: ./build.ps1 Build, Help" }
    # The generator lists the files it wrote; the line below says where they are, and a demo after it shows only itself.
    $null = & $generator -MarkdownFolder $markdown -OutputFolder (Join-Path $moduleOut 'en-US')
    Write-Host "Help written to $(Join-Path $moduleOut 'en-US')"
}

function Invoke-TestTask {
    $bash = Get-Command bash -ErrorAction SilentlyContinue
    if (-not $bash) { throw 'The Test task runs tests/run-all.sh and needs bash (Git Bash or WSL on Windows).' }
    Invoke-Native $bash.Source @((Join-Path $root 'tests/run-all.sh'))
}

function Invoke-PackageTask {
    # The package is the module as users get it: built, with its help.
    if (-not (Test-Path (Join-Path $moduleOut 'en-US/GladiaPS.dll-Help.xml'))) {
        if (-not (Test-Path (Join-Path $moduleOut 'GladiaPS.psd1'))) { Invoke-BuildTask }
        Invoke-HelpTask
    }
    $repository = Join-Path $out 'repository'
    $null = New-Item -ItemType Directory -Force -Path $repository
    $name = 'GladiaPSLocal-' + [guid]::NewGuid().ToString('n').Substring(0, 8)
    Register-PSResourceRepository -Name $name -Uri $repository -Trusted
    try {
        $manifest = Import-PowerShellDataFile (Join-Path $moduleOut 'GladiaPS.psd1')
        Get-ChildItem $repository -Filter "GladiaPS.$($manifest.ModuleVersion).nupkg" | Remove-Item
        Publish-PSResource -Path $moduleOut -Repository $name
    } finally {
        Unregister-PSResourceRepository -Name $name
    }
    Get-ChildItem $repository -Filter 'GladiaPS.*.nupkg' | ForEach-Object { Write-Host "Package: $($_.FullName)" }
}

function Invoke-DemoTask {
    # The demo shows the module as built from this checkout.
    if (-not $script:built) { Invoke-BuildTask; if (Test-Path (Join-Path $root 'tools/New-GladiaMamlHelp.ps1')) { Invoke-HelpTask } }
    $samples = Join-Path $out 'demo'
    if (Test-Path $samples) { Remove-Item -Recurse -Force $samples }
    $null = New-Item -ItemType Directory -Path $samples
    $useGladia = $env:GLADIA_API_KEY -and -not $env:GLADIA_API_URL
    $server = $null
    $saved = @{ Url = $env:GLADIA_API_URL; Key = $env:GLADIA_API_KEY }
    try {
        if ($DemoPath) {
            $files = Get-ChildItem -Path $DemoPath -File
        } elseif ($useGladia) {
            $files = New-SpeechSamples $samples
        } else {
            $files = New-ToneSamples $samples
        }

        if (-not $useGladia) {
            $server = Start-LocalServer
            $env:GLADIA_API_URL = $server.Url
            $env:GLADIA_API_KEY = $server.ApiKey
            Write-Host "Local Gladia-compatible server at $($server.Url) (tone words stand in for speech)."
        } else {
            Write-Host 'Transcribing with Gladia (GLADIA_API_KEY is set).'
        }

        Import-Module (Join-Path $moduleOut 'GladiaPS.psd1') -Force
        Write-Host "> Get-ChildItem $(if ($DemoPath) { $DemoPath } else { $samples }) | Send-GladiaAudio"
        $files | Send-GladiaAudio | Format-Table @{ n = 'File'; e = { Split-Path $_.Path -Leaf } }, Start, End, Channel, Text -AutoSize | Out-Host
    } finally {
        $env:GLADIA_API_URL = $saved.Url
        $env:GLADIA_API_KEY = $saved.Key
        if ($server) { $server.Process.Kill(); $server.Process.WaitForExit() }
    }
}

function New-ToneSamples([string] $folder) {
    Invoke-Native dotnet @('build', (Join-Path $root 'tests/GladiaPS.Emulator/GladiaPS.Emulator.csproj'), '-c', 'Release', '--nologo', '-v', 'quiet')
    Add-Type -Path (Join-Path $root "tests/GladiaPS.TestSupport/bin/Release/$testFramework/GladiaPS.TestSupport.dll")
    $tone = [GladiaPS.TestSupport.ToneWords.ToneAudio]
    $format = [GladiaPS.TestSupport.ToneWords.ToneAudioFormat]
    [IO.File]::WriteAllBytes("$folder/meeting.wav", $tone::Wav($format::Pcm16(16000, 1), [string[]] @('alpha bravo charlie | delta echo')))
    [IO.File]::WriteAllBytes("$folder/call-stereo.wav", $tone::Wav($format::Pcm(24, 48000, 2), [string[]] @('hotel india', 'juliett kilo lima')))
    [IO.File]::WriteAllBytes("$folder/phone-ulaw.wav", $tone::Wav($format::MuLaw(8000, 1), [string[]] @('mike november oscar papa')))
    Get-ChildItem $folder -File
}

function New-SpeechSamples([string] $folder) {
    $espeak = Get-Command espeak-ng -ErrorAction SilentlyContinue
    if (-not $espeak) { throw 'To demonstrate against Gladia, install espeak-ng to make sample speech, or pass -DemoPath with your own audio files.' }
    Invoke-Native $espeak.Source @('-w', "$folder/hello.wav", 'Hello from PowerShell. This is a live transcription test.')
    Invoke-Native $espeak.Source @('-v', 'fr', '-w', "$folder/bonjour.wav", 'Bonjour, ceci est un essai de transcription en direct.')
    Get-ChildItem $folder -File
}

function Start-LocalServer {
    $key = 'demo-' + [guid]::NewGuid().ToString('n')
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @((Join-Path $root "tests/GladiaPS.Emulator/bin/Release/$testFramework/GladiaPS.Emulator.dll"), '--port', '0', '--api-key', $key)) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch '^listening (http://\S+)') { $process.Kill(); throw "The local server did not start: $line" }
    [pscustomobject]@{ Url = $Matches[1]; ApiKey = $key; Process = $process }
}

# From bash, "Build, Demo" arrives as two strings with a comma; take either form.
$Task = @($Task | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
$known = 'Build', 'Help', 'Test', 'Package', 'Demo'
$unknown = $Task | Where-Object { $_ -notin $known }
if ($unknown) { throw "Unknown task '$($unknown -join "', '")'; the tasks are $($known -join ', ')." }
$script:built = $false

foreach ($name in $Task) {
    Write-Host "== $name" -ForegroundColor Cyan
    switch ($name) {
        'Build' { Invoke-BuildTask }
        'Help' { Invoke-HelpTask }
        'Test' { Invoke-TestTask }
        'Package' { Invoke-PackageTask }
        'Demo' { Invoke-DemoTask }
    }
}
