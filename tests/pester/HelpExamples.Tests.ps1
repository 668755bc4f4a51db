# Every example of the cmdlets' own help (docs/help/<cmdlet>.md, the ```powershell blocks under EXAMPLES) runs, as
# written, against the local Gladia-compatible server, as ReadmeExamples.Tests.ps1 runs the README's: in a PowerShell
# process of its own whose current folder holds the files the examples name. An example that writes an error fails,
# unless the example is there to show that error ($ShowsError), and then it must write that one.
#
# What a test machine lacks is stood in for, and said here:
#   a session or job id (3c4b2a1e-…, 45463597-…)
#                     the id of a session (or pre-recorded job) of whiskey-xray.wav made for that example alone.
#   3c4b*             the first characters of the id of a session the example's process made before it ($Setup).
#   the sessions of "this PowerShell session" (Get-GladiaLiveSession)
#                     sessions the example's process made before it ($Setup): a user runs these after other commands.
#   $key              a key the server refuses (the example shows that refusal).
#   .\signed-urls.txt the URLs the local server gives .\calls\*.wav when they are uploaded to it.
#   D:\archive\       .\archive\ (there is no D: drive here).
#   "later"           waiting for the jobs just queued (Get-GladiaTranscription -Wait) before they are listed as done.
#   the answer Yes to a confirmation prompt
#                     $ConfirmPreference = 'None' ($Setup), since a test process cannot answer a prompt.
#   a headset, the microphone, what the computer plays
#                     a PulseAudio null source named gladiaps_help_headset and the monitor of the null sink the suite
#                     starts (tests/capture/pulseaudio.sh); -Duration 60 and -Duration 00:30:00 become 2 seconds, and
#                     capture without -Duration gets 2 seconds (for Ctrl+C). Skipped, and said so, where there is no device.
# Examples that cannot run here at all are listed in $NotRun with the reason.

BeforeDiscovery {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

    # The ```powershell blocks of a help file's EXAMPLES section, each named by its heading ("Send-GladiaAudio: Example 3").
    function Get-HelpExamples([string] $path) {
        $command = [IO.Path]::GetFileNameWithoutExtension($path)
        $text = (Get-Content -Raw $path) -replace "`r`n", "`n"
        $section = [regex]::Match($text, '(?ms)^## EXAMPLES\n(.*?)(?=^## )').Groups[1].Value
        foreach ($m in [regex]::Matches($section, '(?ms)^### (Example \d+)[^\n]*\n(?:[^`][^\n]*\n|\n)*?```(\w*)\n(.*?)^```')) {
            [pscustomobject]@{ Name = "${command}: $($m.Groups[1].Value)"; Title = ($m.Value -split "`n")[0] -replace '^### Example \d+:\s*'; Language = $m.Groups[2].Value; Code = $m.Groups[3].Value.TrimEnd() }
        }
    }

    $NotRun = @{}

    # Example => what its output or the files it writes must hold: the tone words of the fixtures it reads (New-Fixtures),
    # or a word its output shows. An empty list: the example writes nothing by design (the reason beside it).
    $Expected = @{
        'ConvertTo-GladiaSubtitle: Example 1'      = 'sierra', 'tango'
        'ConvertTo-GladiaSubtitle: Example 2'      = 'echo', 'foxtrot', 'quebec', 'romeo'
        'ConvertTo-GladiaSubtitle: Example 3'      = 'echo', 'foxtrot', 'quebec', 'romeo'
        'ConvertTo-GladiaSubtitle: Example 4'      = 'sierra', 'tango'
        'ConvertTo-GladiaSubtitle: Example 5'      = 'Channel 0\] whiskey xray'
        'ConvertTo-GladiaSubtitle: Example 6'      = @()   # shows the error of several sessions in one file
        'Get-GladiaAudioDevice: Example 1'         = 'gladiaps_help_headset'
        'Get-GladiaAudioDevice: Example 2'         = 'gladiaps_help_headset'
        'Get-GladiaAudioDevice: Example 3'         = 'Loopback'
        'Get-GladiaLiveResult: Example 1'          = 'golf', 'hotel'
        'Get-GladiaLiveResult: Example 2'          = 'whiskey', 'xray'
        'Get-GladiaLiveResult: Example 3'          = @()   # no session of the server has the ticket T-42
        'Get-GladiaLiveResult: Example 4'          = 'done'
        'Get-GladiaLiveSession: Example 1'         = 'Ended'
        'Get-GladiaLiveSession: Example 2'         = @()   # stops the open session, writes nothing
        'Get-GladiaLiveSession: Example 3'         = 'call\.wav'
        'Get-GladiaTranscription: Example 1'       = 'alpha', 'bravo', 'charlie', 'delta'
        'Get-GladiaTranscription: Example 2'       = @()   # no job of the server failed
        'Invoke-GladiaTranscription: Example 1'    = 'echo', 'foxtrot', 'quebec', 'romeo'
        'Invoke-GladiaTranscription: Example 2'    = 'echo', 'foxtrot'
        'Invoke-GladiaTranscription: Example 3'    = 'quebec', 'romeo'
        'Invoke-GladiaTranscription: Example 4'    = 'oscar', 'papa'
        'New-GladiaLiveSession: Example 1'         = 'golf', 'hotel'
        'New-GladiaLiveSession: Example 2'         = 'wav/ulaw'
        'New-GladiaLiveSession: Example 3'         = @()   # creates a session, writes nothing
        'New-GladiaLiveSession: Example 4'         = @()   # shows the error of a refused key
        'Receive-GladiaMessage: Example 1'         = 'golf', 'hotel', 'post_final_transcript'
        'Receive-GladiaMessage: Example 2'         = 'golf', 'hotel'
        'Receive-GladiaMessage: Example 3'         = 'speech_start', 'translation'
        'Remove-GladiaLiveResult: Example 1'       = 'What if'
        'Remove-GladiaLiveResult: Example 2'       = @()   # nothing on the server is 30 days old
        'Remove-GladiaTranscription: Example 1'    = 'What if'
        'Remove-GladiaTranscription: Example 2'    = 'echo', 'foxtrot', 'quebec', 'romeo'
        'Save-GladiaLiveAudio: Example 1'          = 'wrote [0-9a-f-]{36}\.wav'
        'Save-GladiaLiveAudio: Example 2'          = 'What if'
        'Save-GladiaTranscriptionAudio: Example 1' = @()   # no job of the server has the batch week-12
        'Save-GladiaTranscriptionAudio: Example 2' = 'call\.mp3'
        'Send-GladiaAudio: Example 1'              = 'alpha', 'bravo', 'charlie', 'delta'
        'Send-GladiaAudio: Example 2'              = 'alpha', 'bravo', 'charlie', 'delta'
        'Send-GladiaAudio: Example 3'              = 'kilo', 'lima', 'mike', 'november'
        'Send-GladiaAudio: Example 4'              = 'sierra', 'tango'
        'Send-GladiaAudio: Example 5'              = @()   # captures silence
        'Send-GladiaAudio: Example 6'              = 'india', 'juliett', 'golf', 'hotel'
        'Stop-GladiaRecording: Example 1'          = 'golf', 'hotel'
        'Stop-GladiaRecording: Example 2'          = @()   # stops the open session, writes nothing
    }

    # Example => the error it is there to show (its FullyQualifiedErrorId starts with this).
    $ShowsError = @{
        'ConvertTo-GladiaSubtitle: Example 6' = 'SeveralDocumentsOneFile'
        'New-GladiaLiveSession: Example 4'    = 'ApiKeyRefused'
    }

    # Example => what a user would have done before it in the same PowerShell session (see the header).
    $Setup = @{
        'ConvertTo-GladiaSubtitle: Example 6' = '$null = Send-GladiaAudio -Path .\call.wav, .\talk.wav -PassThru'
        'Get-GladiaLiveSession: Example 1'    = '$null = Send-GladiaAudio -Path .\call.wav -PassThru'
        'Get-GladiaLiveSession: Example 2'    = '$null = New-GladiaLiveSession'
        'Get-GladiaLiveSession: Example 3'    = '$sent = Send-GladiaAudio -Path .\call.wav -PassThru'
        'New-GladiaLiveSession: Example 4'    = '$key = ''not-the-key'''
        'Remove-GladiaLiveResult: Example 1'  = '$ConfirmPreference = ''None'''
        'Remove-GladiaTranscription: Example 1' = '$ConfirmPreference = ''None'''
        'Stop-GladiaRecording: Example 2'     = '$null = New-GladiaLiveSession'
    }

    $blocks = @(Get-ChildItem (Join-Path $repo 'docs/help') -Filter *.md | Where-Object Name -notlike 'about_*' | ForEach-Object { Get-HelpExamples $_.FullName })
    $examples = @($blocks | Where-Object { -not $NotRun.ContainsKey($_.Name) } | ForEach-Object {
        @{
            Name = $_.Name; Title = $_.Title; Language = $_.Language; Code = $_.Code
            Capture = $_.Code -match '-Device|-Loopback|Get-GladiaAudioDevice'
            Known = $Expected.ContainsKey($_.Name); Words = @($Expected[$_.Name]); ShowsError = $ShowsError[$_.Name]; Setup = $Setup[$_.Name]
        }
    })
    $counts = @{ Found = $blocks.Count; Names = @($blocks.Name); Listed = @($Expected.Keys) + @($NotRun.Keys) }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $context = Initialize-GladiaTest helpexamples
    $server = $context.Server
    $work = $context.Work
    $moduleFolder = Split-Path (Split-Path (Get-ModuleUnderTest))
    # As ReadmeExamples.Tests.ps1: a PulseAudio server (tests/run-all.sh starts one with a null sink), required in CI on Linux.
    $pulse = Test-PulseAudio
    $noDevice = Test-CaptureSkipped
    $ExampleTimeoutSeconds = 180
    $headset = if ($pulse) { & pactl load-module module-null-source source_name=gladiaps_help_headset } else { $null }
    $placeholderSession = '3c4b2a1e-5d6f-4a8b-9c0d-1e2f3a4b5c6d'
    $placeholderJob = '45463597-20b7-4af7-b3b3-f5fb778203ab'

    # The files the examples name, as tone-word audio the local server transcribes.
    function New-Fixtures([string] $root) {
        foreach ($folder in 'inbox', 'calls', 'archive') { $null = New-Item -ItemType Directory -Force -Path (Join-Path $root $folder) }
        $null = New-ToneWav -Path "$root/inbox/first.wav" -Phrase 'alpha bravo'
        $null = New-ToneWav -Path "$root/inbox/second.wav" -Phrase 'charlie delta'
        $null = New-ToneWav -Path "$root/calls/one.wav" -Phrase 'echo foxtrot'
        $call = New-ToneWav -Path "$root/call.wav" -Phrase 'golf hotel'
        [IO.File]::WriteAllBytes("$root/call.raw", (New-ToneRaw -Phrase 'india juliett' -SampleRate 8000))
        $null = New-ToneWav -Path "$root/agent.wav" -Phrase 'kilo lima'
        $null = New-ToneWav -Path "$root/caller.wav" -Phrase 'mike november'
        $null = New-ToneWav -Path "$root/meeting.wav" -Phrase 'oscar papa'
        $null = New-ToneWav -Path "$root/talk.wav" -Phrase 'sierra tango'
        $null = New-ToneWav -Path "$root/whiskey-xray.wav" -Phrase 'whiskey xray'
        $source = New-ToneWav -Path "$root/source.wav" -Phrase 'quebec romeo'
        foreach ($target in "$root/calls/two.mp3", "$root/interview.mp4") {
            & ffmpeg -nostdin -loglevel error -y -i $source.FullName $target
            if ($LASTEXITCODE -ne 0) { throw "ffmpeg could not write $target" }
        }
        & ffmpeg -nostdin -loglevel error -y -i $call.FullName "$root/call.mp3"
        if ($LASTEXITCODE -ne 0) { throw 'ffmpeg could not write call.mp3' }
        Remove-Item -LiteralPath $source.FullName
    }

    function Invoke-Example([string] $code, [string] $setup, [switch] $Capture) {
        $folder = Join-Path $work ([guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $folder
        New-Fixtures $folder
        if ($code.Contains($placeholderSession)) {
            $code = $code.Replace($placeholderSession, (Send-GladiaAudio -LiteralPath "$folder/whiskey-xray.wav" -PassThru).Id)
        }
        if ($code.Contains($placeholderJob)) {
            $code = $code.Replace($placeholderJob, (Invoke-GladiaTranscription -LiteralPath "$folder/whiskey-xray.wav" -PassThru).Id)
        }
        $code = $code.Replace('-Id 3c4b*', '-Id "$($sent.Id.Substring(0, 4))*"').
            Replace('D:\archive\', '.\archive\').
            Replace('-Duration 00:30:00', '-Duration 00:00:02').
            Replace('-Duration 60', '-Duration 2').
            Replace('# later, or from another machine:', '$null = $jobs | Get-GladiaTranscription -Wait -Timeout 60   # later, or from another machine:')
        $prelude = @'
$env:PSModulePath = $env:GLADIAPS_TEST_MODULES + [IO.Path]::PathSeparator + $env:PSModulePath
Import-Module GladiaPS
# Plain text, as a file or a log gets it: the words are read without the console's colour codes between them.
if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }
Set-Location -LiteralPath $env:GLADIAPS_TEST_FOLDER
if ($env:GLADIAPS_TEST_URLS) {
    # The URLs the server's storage gives the uploaded calls, as a user's list of signed URLs.
    Get-ChildItem .\calls\*.wav | ForEach-Object {
        $form = [System.Net.Http.MultipartFormDataContent]::new()
        $form.Add([System.Net.Http.ByteArrayContent]::new([IO.File]::ReadAllBytes($_.FullName)), 'audio', $_.Name)
        $http = [System.Net.Http.HttpClient]::new()
        $http.DefaultRequestHeaders.Add('x-gladia-key', $env:GLADIA_API_KEY)
        ($http.PostAsync("$env:GLADIA_API_URL/v2/upload", $form).GetAwaiter().GetResult().EnsureSuccessStatusCode().Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json).audio_url
    } | Set-Content .\signed-urls.txt
}
if ($env:GLADIAPS_TEST_CAPTURE) { $PSDefaultParameterValues['Send-GladiaAudio:Duration'] = [TimeSpan]::FromSeconds(2) }
'@
        $epilogue = @'

if ($Error.Count -gt 0) { $Error | ForEach-Object { "EXAMPLE ERROR [$($_.FullyQualifiedErrorId)]: $_" }; exit 1 }
'@
        $script = Join-Path $folder 'example.ps1'
        Set-Content -LiteralPath $script -Value ($prelude + "`n" + $setup + "`n`$Error.Clear()`n" + $code + "`n" + $epilogue)
        $env:GLADIAPS_TEST_MODULES = $moduleFolder
        $env:GLADIAPS_TEST_FOLDER = $folder
        $env:GLADIAPS_TEST_CAPTURE = if ($Capture) { '1' } else { '' }
        $env:GLADIAPS_TEST_URLS = if ($code -match 'signed-urls\.txt') { '1' } else { '' }
        Invoke-ExampleScript -Path $script -TimeoutSeconds $ExampleTimeoutSeconds
    }
}

AfterAll {
    if ($headset) { & pactl unload-module $headset }
    Remove-Item Env:GLADIAPS_TEST_MODULES, Env:GLADIAPS_TEST_FOLDER, Env:GLADIAPS_TEST_CAPTURE, Env:GLADIAPS_TEST_URLS -ErrorAction SilentlyContinue
    Complete-GladiaTest $context
}

Describe 'The examples of the cmdlets'' help' {
    It 'finds every example, each a powershell block, and says of each what it should produce' -ForEach @($counts) {
        $Found | Should -BeGreaterOrEqual 40
        $Names | Sort-Object | Should -Be ($Listed | Sort-Object)
    }

    It 'runs <Name> (<Title>)' -ForEach $examples {
        if ($Capture -and $noDevice) { Set-ItResult -Skipped -Because 'there is no capture device (no PulseAudio server)'; return }
        $Language | Should -Be 'powershell'
        $Known | Should -BeTrue -Because 'every example says what it should produce (the $Expected table)'
        $run = Invoke-Example $Code $Setup -Capture:$Capture
        if ($ShowsError) {
            $run.Output | Should -Match ([regex]::Escape("EXAMPLE ERROR [$ShowsError")) -Because $run.Output
        } else {
            $run.ExitCode | Should -Be 0 -Because $run.Output
        }
        foreach ($word in $Words) { ($run.Output + "`n" + $run.Written) | Should -Match "\b$word\b" -Because "the example should show '$word'" }
    }
}
