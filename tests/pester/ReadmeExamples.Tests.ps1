# Every code example of README.md and of about_GladiaPS runs, as written, against the local Gladia-compatible server,
# in a PowerShell process of its own whose current folder holds the files the examples name. An example that writes
# an error (terminating or not) fails its test.
#
# What a test machine lacks is stood in for, the same way for every example, and said here:
#   Install-PSResource GladiaPS   a function that imports the built module; installing the package from a repository
#                                 is tested by Gallery.Tests.ps1.
#   Get-Secret Gladia             a function that returns the local server's key (SecretManagement is not installed).
#   /data/... (a scheduled job)   the same folders under the test's work folder.
#   a microphone, what the computer plays
#                                 a PulseAudio null source, and the monitor of the null sink the suite starts
#                                 (tests/capture/pulseaudio.sh); Ctrl+C is
#                                 stood in for by -Duration 00:00:02 (a default for Send-GladiaAudio, and in place of
#                                 a longer -Duration). Skipped, and said so, only where there is no capture device.
#   $signedUrls (files in object storage)
#                                 the URLs the local server gives the example's .\calls\*.wav files when they are
#                                 uploaded to it (its storage signs and serves them).
#   'http://127.0.0.1:PORT', 'test-key'
#                                 the address and key of the server this file started.
# Blocks that are not PowerShell for a user's prompt are listed in $NotRun with the reason; any other block runs.

BeforeDiscovery {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

    function Get-FencedBlocks([string] $path) {
        $text = (Get-Content -Raw $path) -replace "`r`n", "`n"
        foreach ($m in [regex]::Matches($text, '(?ms)^```(\w*)\n(.*?)^```')) {
            [pscustomobject]@{ Source = [IO.Path]::GetFileName($path); Language = $m.Groups[1].Value; Code = $m.Groups[2].Value.TrimEnd() }
        }
    }

    # about_ help is plain text: its examples are the blocks indented by four spaces after a blank line.
    function Get-IndentedBlocks([string] $path) {
        $lines = (Get-Content $path)
        $block = $null
        for ($i = 0; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            if ($line -match '^ {4,}\S' -and ($null -ne $block -or $i -eq 0 -or $lines[$i - 1] -eq '')) {
                if ($null -eq $block) { $block = [System.Collections.Generic.List[string]]::new(); $indent = $line.Length - $line.TrimStart().Length }
                $block.Add($line.Substring([Math]::Min($indent, $line.Length - $line.TrimStart().Length)))
            } elseif ($null -ne $block) {
                [pscustomobject]@{ Source = [IO.Path]::GetFileName($path); Language = 'powershell'; Code = ($block -join "`n") }
                $block = $null
            }
        }
        if ($null -ne $block) { [pscustomobject]@{ Source = [IO.Path]::GetFileName($path); Language = 'powershell'; Code = ($block -join "`n") } }
    }

    # First line of a block => why it is not run.
    $NotRun = @{
        'dotnet tool restore && dotnet pwsh ./build.ps1 Demo' = 'a contributor''s bash command that restores tools and rebuilds the repository before its demo'
        'bash tests/run-all.sh'                                 = 'the whole test suite, of which this file is part'
        'using GladiaPS.Core.Configuration;'                    = 'C# for the core''s .NET users, not PowerShell'
        'dotnet run --project tests/GladiaPS.Emulator -c Release -- --port 0 --api-key test-key' = 'starts the local server, which this file has started already (Start-TestServer runs the same program)'
    }

    # First line of a block => the tone words its output or the files it writes must hold: the words of the fixtures
    # it reads (see New-Fixtures), so an example that runs without error but transcribes nothing, or selects a property
    # that does not exist, fails. An empty list: the example transcribes nothing by design (the reason beside it).
    $Expected = @{
        'Get-ChildItem .\inbox\*.wav | Send-GladiaAudio -Language en | Export-Csv transcripts.csv' = 'alpha', 'bravo', 'charlie', 'delta'
        'Install-PSResource GladiaPS          # or: Install-Module GladiaPS' = @()   # installs the module
        '$env:GLADIA_API_KEY = Get-Secret Gladia -AsPlainText     # or paste the key' = @()   # sets the key
        'Get-ChildItem .\calls -File | Send-GladiaAudio -Language en -ThrottleLimit 4    # a table: Start, End, Ch, File, Text' = 'echo', 'foxtrot', 'quebec', 'romeo'
        '$sessions = Get-ChildItem .\calls\*.mp3 | Send-GladiaAudio -PassThru -Summarize' = 'quebec', 'romeo'
        '$s = New-GladiaLiveSession -FromAudio .\call.wav -Language en, fr -CodeSwitching -PartialTranscripts' = 'golf', 'hotel'
        'Send-GladiaAudio -Device Default -Language en -PartialTranscripts     # the default microphone' = @()   # captures silence
        'Send-GladiaAudio -Path .\agent.wav, .\caller.wav -AsChannels' = 'kilo', 'lima', 'mike', 'november'
        '# transcribe-inbox.ps1, run by Task Scheduler or cron: pwsh -NoProfile -File transcribe-inbox.ps1' = 'oscar', 'papa'
        'Get-ChildItem .\calls -File | Invoke-GladiaTranscription -Diarization -Language en | Export-Csv calls.csv' = 'echo', 'foxtrot', 'quebec', 'romeo'
        '$jobs = Invoke-GladiaTranscription -Url $signedUrls -NoWait -CustomMetadata @{ batch = ''week-12'' }' = 'echo', 'foxtrot'
        'Get-ChildItem .\inbox -File | Send-GladiaAudio -Language en |' = 'alpha', 'bravo', 'charlie', 'delta'
        '$session = New-GladiaLiveSession -FromAudio .\call.wav -Language en' = 'golf', 'hotel'
        'Send-GladiaAudio -Device Default -Language en -PartialTranscripts' = @()   # captures silence
        '$env:GLADIA_API_KEY = ''your key from app.gladia.io''' = @()   # sets the key
        '$env:GLADIA_API_URL = ''http://127.0.0.1:PORT''' = 'india', 'juliett'
        '$null = New-Item -ItemType Directory -Force .\results' = 'alpha', 'bravo', 'charlie', 'delta'
        'Send-GladiaAudio -Path .\talk.mp4 | ConvertTo-GladiaSubtitle -Format WebVtt | Set-Content .\talk.vtt' = 'quebec', 'romeo'
        'Get-ChildItem .\calls -File | Send-GladiaAudio -ThrottleLimit 4 | ConvertTo-GladiaSubtitle -OutputFolder .\subtitles' = 'echo', 'foxtrot', 'quebec', 'romeo'
    }
    $blocks = @(Get-FencedBlocks (Join-Path $repo 'README.md')) + @(Get-IndentedBlocks (Join-Path $repo 'docs/help/about_GladiaPS.md'))
    $examples = @($blocks | Where-Object { -not $NotRun.ContainsKey(($_.Code -split "`n")[0].Trim()) } | ForEach-Object {
        $name = ($_.Code -split "`n")[0].Trim()
        @{ Source = $_.Source; Code = $_.Code; Name = $name; Capture = $_.Code -match '-Device|-Loopback'; Known = $Expected.ContainsKey($name); Words = @($Expected[$name]) }
    })
    $notRunFound = @($blocks | ForEach-Object { ($_.Code -split "`n")[0].Trim() } | Where-Object { $NotRun.ContainsKey($_) })

    $counts = @{
        Readme = @($examples | Where-Object Source -eq 'README.md').Count
        About = @($examples | Where-Object Source -eq 'about_GladiaPS.md').Count
        NotRunFound = $notRunFound
        NotRunNamed = @($NotRun.Keys)
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $context = Initialize-GladiaTest readme
    $server = $context.Server
    $work = $context.Work
    $moduleFolder = Split-Path (Split-Path (Get-ModuleUnderTest))
    # As Capture.Tests.ps1: a PulseAudio server (tests/run-all.sh starts one with a null sink), required in CI.
    $pulse = Test-PulseAudio
    $noDevice = Test-CaptureSkipped
    $ExampleTimeoutSeconds = 180
    # The null sink's monitor stands in for what the computer plays; a null source stands in for a microphone.
    $microphone = if ($pulse) { & pactl load-module module-null-source source_name=gladiaps_readme_mic } else { $null }

    # The files the examples name, as tone-word audio the local server transcribes.
    function New-Fixtures([string] $root) {
        foreach ($folder in 'inbox', 'calls', 'data/inbox', 'data/out') { $null = New-Item -ItemType Directory -Force -Path (Join-Path $root $folder) }
        $null = New-ToneWav -Path "$root/inbox/first.wav" -Phrase 'alpha bravo'
        $null = New-ToneWav -Path "$root/inbox/second.wav" -Phrase 'charlie delta'
        $null = New-ToneWav -Path "$root/calls/one.wav" -Phrase 'echo foxtrot'
        $null = New-ToneWav -Path "$root/call.wav" -Phrase 'golf hotel'
        $null = New-ToneWav -Path "$root/tones.wav" -Phrase 'india juliett'
        $null = New-ToneWav -Path "$root/agent.wav" -Phrase 'kilo lima'
        $null = New-ToneWav -Path "$root/caller.wav" -Phrase 'mike november'
        $null = New-ToneWav -Path "$root/data/inbox/night.wav" -Phrase 'oscar papa'
        $source = New-ToneWav -Path "$root/source.wav" -Phrase 'quebec romeo'
        foreach ($target in "$root/calls/two.mp3", "$root/calls/three.mp3", "$root/talk.mp4", "$root/interview.mp4") {
            & ffmpeg -nostdin -loglevel error -y -i $source.FullName $target
            if ($LASTEXITCODE -ne 0) { throw "ffmpeg could not write $target" }
        }
        Remove-Item -LiteralPath $source.FullName
    }

    function Invoke-Example([string] $code, [switch] $Capture) {
        $folder = Join-Path $work ([guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $folder
        New-Fixtures $folder
        $code = $code.Replace('/data/', "$folder/data/").
            Replace('-Duration 00:30:00', '-Duration 00:00:02').
            Replace("'http://127.0.0.1:PORT'", "'$($server.Url)'").
            Replace("'test-key'", "'$($server.ApiKey)'")
        $prelude = @'
$env:PSModulePath = $env:GLADIAPS_TEST_MODULES + [IO.Path]::PathSeparator + $env:PSModulePath
function Install-PSResource { param([Parameter(Position = 0)] [string] $Name) Import-Module $Name }
function Install-Module { param([Parameter(Position = 0)] [string] $Name) Import-Module $Name }
function Get-Secret { param([Parameter(Position = 0)] [string] $Name, [switch] $AsPlainText) $env:GLADIAPS_TEST_KEY }
Set-Location -LiteralPath $env:GLADIAPS_TEST_FOLDER
if ($env:GLADIAPS_TEST_URLS) {
    # HttpClient rather than Invoke-RestMethod -Form, which Windows PowerShell 5.1 lacks.
    Add-Type -AssemblyName System.Net.Http
    $http = New-Object System.Net.Http.HttpClient
    $http.DefaultRequestHeaders.Add('x-gladia-key', $env:GLADIAPS_TEST_KEY)
    $signedUrls = Get-ChildItem .\calls\*.wav | ForEach-Object {
        $form = New-Object System.Net.Http.MultipartFormDataContent
        $form.Add((New-Object System.Net.Http.ByteArrayContent (, [IO.File]::ReadAllBytes($_.FullName))), 'audio', $_.Name)
        $response = $http.PostAsync("$env:GLADIA_API_URL/v2/upload", $form).GetAwaiter().GetResult()
        ($response.EnsureSuccessStatusCode().Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json).audio_url
    }
}
if ($env:GLADIAPS_TEST_CAPTURE) { $PSDefaultParameterValues['Send-GladiaAudio:Duration'] = [TimeSpan]::FromSeconds(2) }
$Error.Clear()
'@
        $epilogue = @'

if ($Error.Count -gt 0) { $Error | ForEach-Object { "EXAMPLE ERROR: $_" }; exit 1 }
'@
        $script = Join-Path $folder 'example.ps1'
        Set-Content -LiteralPath $script -Value ($prelude + "`n" + $code + "`n" + $epilogue)
        $env:GLADIAPS_TEST_MODULES = $moduleFolder
        $env:GLADIAPS_TEST_KEY = $server.ApiKey
        $env:GLADIAPS_TEST_FOLDER = $folder
        $env:GLADIAPS_TEST_CAPTURE = if ($Capture) { '1' } else { '' }
        $env:GLADIAPS_TEST_URLS = if ($code -match '\$signedUrls') { '1' } else { '' }
        Invoke-ExampleScript -Path $script -TimeoutSeconds $ExampleTimeoutSeconds
    }
}

AfterAll {
    if ($microphone) { & pactl unload-module $microphone }
    Remove-Item Env:GLADIAPS_TEST_MODULES, Env:GLADIAPS_TEST_KEY, Env:GLADIAPS_TEST_FOLDER, Env:GLADIAPS_TEST_CAPTURE, Env:GLADIAPS_TEST_URLS -ErrorAction SilentlyContinue
    Complete-GladiaTest $context
}

Describe 'The documented examples' {
    It 'finds the examples of README.md and about_GladiaPS, and every block it does not run is one it names' -ForEach @($counts) {
        $Readme | Should -BeGreaterOrEqual 8
        $About | Should -BeGreaterOrEqual 7
        $NotRunFound | Sort-Object | Should -Be ($NotRunNamed | Sort-Object)
    }

    It 'runs <Source>: <Name>' -ForEach $examples {
        if ($Capture -and $noDevice) { Set-ItResult -Skipped -Because 'there is no capture device (no PulseAudio server)'; return }
        $Known | Should -BeTrue -Because 'every example says what it should produce (the $Expected table)'
        $run = Invoke-Example $Code -Capture:$Capture
        $run.ExitCode | Should -Be 0 -Because $run.Output
        foreach ($word in $Words) { ($run.Output + "`n" + $run.Written) | Should -Match "\b$word\b" -Because "the example reads a file that says '$word'" }
    }
}
