# Local input as users give it: files that cannot be read, devices that do not open, paths that match nothing or are not
# files. Each is reported once, in a line that names the input and the problem, and leaves nothing behind on the server.
BeforeDiscovery {
    $hasFfmpeg = [bool](Get-Command ffmpeg -ErrorAction SilentlyContinue) -and [bool](Get-Command ffprobe -ErrorAction SilentlyContinue)
    # A Linux machine where ALSA has no card: with no PulseAudio server to ask, capture falls back to ALSA and fails to open.
    $noCaptureDevice = $false
    if ($hasFfmpeg -and $IsLinux) {
        $saved = $env:PULSE_SERVER
        $env:PULSE_SERVER = 'unix:/nonexistent/gladiaps/native'
        & ffmpeg -nostdin -loglevel quiet -f alsa -i default -t 0.1 -f null - *> $null
        $noCaptureDevice = $LASTEXITCODE -ne 0
        $env:PULSE_SERVER = $saved
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $context = Initialize-GladiaTest inputs
    $server = $context.Server
    $work = $context.Work

    function Get-ServerSessionIds { @(Invoke-TestServerApi -Server $server -Path '/emulator/sessions' | ForEach-Object { $_.id }) }

    # Runs a command, and returns its output, errors and verbose lines apart.
    function Invoke-Captured([scriptblock] $Command) {
        $VerbosePreference = 'Continue'
        $all = & $Command 2>&1 4>&1 3>$null
        [pscustomobject]@{
            Output  = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] -and $_ -isnot [System.Management.Automation.ErrorRecord] })
            Verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            Errors  = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }
}

AfterAll {
    Complete-GladiaTest $context
}

Describe 'An input is opened and read before its session is created' {
    It 'reports a file ffmpeg cannot decode in one line, ffmpeg''s whole output in -Verbose, and creates no session' -Skip:(-not $hasFfmpeg) {
        # ffprobe reads the header of this M4A, but every frame of its audio is garbled: only decoding finds out.
        $good = New-ToneWav -Path "$work/garble-source.wav" -Phrase 'alpha bravo charlie delta echo foxtrot'
        & ffmpeg -nostdin -loglevel error -y -i $good.FullName -c:a aac -movflags +faststart "$work/garbled.m4a"
        $bytes = [IO.File]::ReadAllBytes("$work/garbled.m4a")
        $data = [Text.Encoding]::ASCII.GetString($bytes).IndexOf('mdat') + 8
        for ($i = $data; $i -lt $bytes.Length; $i += 7) { $bytes[$i] = 0 }
        [IO.File]::WriteAllBytes("$work/garbled.m4a", $bytes)
        & ffprobe -v error -show_entries stream=codec_name "$work/garbled.m4a" *> $null
        $LASTEXITCODE | Should -Be 0 -Because 'the test needs a file whose header ffprobe reads'

        $before = Get-ServerSessionIds
        $run = Invoke-Captured { Send-GladiaAudio -LiteralPath "$work/garbled.m4a" }

        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 1
        $message = $run.Errors[0].ToString()
        $message | Should -Match 'garbled\.m4a'
        $message | Should -Match 'ffmpeg could not decode it'
        $message | Should -Not -Match '\n' -Because 'the error says why in one line'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        ($run.Verbose -join "`n") | Should -Match '(?s)Error while decoding.*Error while decoding' -Because '-Verbose shows what ffmpeg wrote'
        Get-ServerSessionIds | Should -Be $before -Because 'no session is created for input that cannot be read'
    }

    It 'reports a WAV file with a header and no samples, and creates no session' {
        $empty = New-ToneWav -Path "$work/no-samples.wav" -Phrase 'alpha'
        $header = [IO.File]::ReadAllBytes($empty.FullName)[0..43]
        [BitConverter]::GetBytes([int] 36).CopyTo($header, 4)
        [BitConverter]::GetBytes([int] 0).CopyTo($header, 40)
        [IO.File]::WriteAllBytes($empty.FullName, [byte[]] $header)

        $before = Get-ServerSessionIds
        $run = Invoke-Captured { Send-GladiaAudio -LiteralPath $empty.FullName }

        $run.Errors.Count | Should -Be 1
        $run.Errors[0].ToString() | Should -Match 'no-samples\.wav.*no audio'
        Get-ServerSessionIds | Should -Be $before
    }

    It 'reports a device that does not open as a device error, in one line, and creates no session' -Skip:(-not $noCaptureDevice) {
        $saved = $env:PULSE_SERVER
        $env:PULSE_SERVER = 'unix:/nonexistent/gladiaps/native'
        try {
            $before = Get-ServerSessionIds
            $run = Invoke-Captured { Send-GladiaAudio -Device default -Duration 1 }
        } finally {
            $env:PULSE_SERVER = $saved
        }

        $run.Errors.Count | Should -Be 1
        $message = $run.Errors[0].ToString()
        $message | Should -Match 'default'
        $message | Should -Not -Match '\n'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $run.Errors[0].FullyQualifiedErrorId | Should -Match '^DeviceError'
        Get-ServerSessionIds | Should -Be $before
    }
}

Describe 'A failure every input would meet ends the batch once' {
    BeforeAll {
        $batch = Join-Path $work 'batch'
        $null = New-Item -ItemType Directory -Path $batch
        1..4 | ForEach-Object { $null = New-ToneWav -Path "$batch/call$_.wav" -Phrase 'alpha bravo' }
        function Get-InitCount { @(Invoke-TestServerApi -Server $server -Path '/emulator/requests' | Where-Object { $_.method -eq 'POST' -and $_.path_and_query -like '/v2/live*' }).Count }

        # Runs a batch that must end with one terminating error: returns it, and the non-terminating errors written before it.
        function Invoke-FailingBatch([scriptblock] $Command) {
            $thrown = $null
            $all = try { & $Command 2>&1 } catch { $thrown = $_ }
            [pscustomobject]@{ Thrown = $thrown; Written = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
        }
    }

    It 'stops at the first refused key (401) with one terminating error, not one per file' {
        $before = Get-InitCount
        $run = Invoke-FailingBatch { Get-ChildItem $batch -Filter *.wav | Send-GladiaAudio -ApiKey 'not-the-key' }

        $run.Thrown | Should -Not -BeNullOrEmpty
        $run.Thrown.FullyQualifiedErrorId | Should -Match '^ApiKeyRefused'
        $run.Thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $run.Thrown.ToString() | Should -Match '401'
        $run.Written.Count | Should -Be 0 -Because 'the refusal is said once, not once per file'
        (Get-InitCount) - $before | Should -Be 1 -Because 'the files after the first are not sent'
    }

    It 'stops at an option the server refuses on init (422), once for the whole batch, with -ThrottleLimit' {
        $before = Get-InitCount
        $run = Invoke-FailingBatch { Get-ChildItem $batch -Filter *.wav | Send-GladiaAudio -Option @{ not_a_field = 1 } -ThrottleLimit 2 }

        $run.Thrown.FullyQualifiedErrorId | Should -Match '^OptionRefused'
        $run.Thrown.ToString() | Should -Match 'not_a_field'
        $run.Written.Count | Should -Be 0
        (Get-InitCount) - $before | Should -BeLessOrEqual 2 -Because 'at most the inputs already running meet it'
    }

    It 'stops Invoke-GladiaTranscription at the first refused key too, uploading nothing more' {
        function Get-UploadCount { @(Invoke-TestServerApi -Server $server -Path '/emulator/requests' | Where-Object { $_.method -eq 'POST' -and $_.path_and_query -like '/v2/upload*' }).Count }
        $before = Get-UploadCount
        $run = Invoke-FailingBatch { Get-ChildItem $batch -Filter *.wav | Invoke-GladiaTranscription -ApiKey 'not-the-key' -ThrottleLimit 1 }

        $run.Thrown.FullyQualifiedErrorId | Should -Match '^ApiKeyRefused'
        $run.Written.Count | Should -Be 0
        (Get-UploadCount) - $before | Should -Be 1
    }

    It 'says where an unreachable server was looked for, in one line, as a ConnectionError, without its credentials' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $saved = $env:GLADIA_API_URL
        $env:GLADIA_API_URL = "http://someone:secret-pw@127.0.0.1:$port/?api_key=secret-key"
        try {
            $run = Invoke-FailingBatch { Get-ChildItem $batch -Filter *.wav | Send-GladiaAudio }
        } finally { $env:GLADIA_API_URL = $saved }

        $run.Thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
        $message = $run.Thrown.ToString()
        $message | Should -Match "127\.0\.0\.1:$port"
        $message | Should -Not -Match 'secret'
        $message | Should -Not -Match '\n'
        $run.Written.Count | Should -Be 0
    }
}

# [IO.Path]::DirectorySeparatorChar rather than $IsWindows, which Windows PowerShell 5.1 does not define.
Describe 'Paths that are not regular files' -Skip:([IO.Path]::DirectorySeparatorChar -eq '\') {
    BeforeAll {
        $fifo = Join-Path $work 'pipe.wav'
        & mkfifo $fifo
        $link = Join-Path $work 'link-to-pipe.wav'
        $null = New-Item -ItemType SymbolicLink -Path $link -Target $fifo

        # Runs a command in a runspace of its own with a time limit: opening a FIFO that nothing writes to never returns,
        # so the test must not wait for it. What the command wrote is returned; a command still running fails the test.
        function Invoke-Bounded([string] $Script, [object[]] $Arguments) {
            $ps = [powershell]::Create()
            $null = $ps.AddScript("param(`$m, `$u, `$k, `$p) `$env:GLADIA_API_URL = `$u; `$env:GLADIA_API_KEY = `$k; Import-Module `$m; $Script").
                AddArgument((Get-ModuleUnderTest)).AddArgument($server.Url).AddArgument($server.ApiKey)
            foreach ($a in $Arguments) { $null = $ps.AddArgument($a) }
            $handle = $ps.BeginInvoke()
            $done = $handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(15))
            if (-not $done) {
                # Unblock the open() by writing to the pipe, so the runspace can end.
                $writer = Start-ThreadJob { param($p) [IO.File]::WriteAllText($p, 'x') } -ArgumentList $fifo
                $null = $handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(10))
                $writer | Remove-Job -Force
            }
            $output = try { $ps.EndInvoke($handle) } catch { $_ }
            [pscustomobject]@{ Done = $done; Output = @($output); Errors = @($ps.Streams.Error) }
        }
    }

    It 'refuses a named pipe given to <Command> before opening it, naming it' -ForEach @(
        @{ Command = 'Send-GladiaAudio -LiteralPath'; Script = 'Send-GladiaAudio -LiteralPath $p'; Advice = 'pass the stream with -Stream' }
        @{ Command = 'Send-GladiaAudio -Path (wildcard)'; Script = 'Send-GladiaAudio -Path ($p -replace ''pipe\.wav$'', ''pip*.wav'')'; Advice = 'pass the stream with -Stream' }
        @{ Command = 'Invoke-GladiaTranscription'; Script = 'Invoke-GladiaTranscription -LiteralPath $p'; Advice = 'copy it to a regular file first\.$' }
        @{ Command = 'New-GladiaLiveSession -FromAudio'; Script = 'try { New-GladiaLiveSession -FromAudio $p } catch { Write-Error -ErrorRecord $_ }'; Advice = 'or the format itself \(-Encoding' }
        @{ Command = 'Send-GladiaAudio (a symbolic link to it)'; Script = 'Send-GladiaAudio -LiteralPath ($p -replace ''pipe\.wav$'', ''link-to-pipe.wav'')'; Advice = 'pass the stream with -Stream' }
    ) {
        $run = Invoke-Bounded $Script @($fifo)
        $run.Done | Should -BeTrue -Because 'a named pipe must not be opened'
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Match '^NotAFile'
        $run.Errors[0].ToString() | Should -Match 'named pipe'
        $run.Errors[0].ToString() | Should -Match 'pipe\.wav'
        $run.Errors[0].ToString() | Should -Match $Advice -Because 'each command says what it can take instead'
    }

    It 'still reads a symbolic link to a regular file' {
        $tone = New-ToneWav -Path "$work/linked-target.wav" -Phrase 'kilo lima'
        $null = New-Item -ItemType SymbolicLink -Path "$work/linked.wav" -Target $tone.FullName
        (Send-GladiaAudio -LiteralPath "$work/linked.wav").Text -join ' ' | Should -Be 'kilo lima'
    }
}

Describe 'Nothing happens in silence' {
    It 'says so when a wildcard matches no file, for <_>' -ForEach 'Send-GladiaAudio', 'Invoke-GladiaTranscription' {
        $pattern = Join-Path $work 'no-such-*.mp3'
        $errors = $null
        $out = & $_ -Path $pattern -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Match '^FileNotFound'
        $errors[0].ToString() | Should -Match ([regex]::Escape($pattern))
    }

    It 'warns that -Type names no message type it knows, listing those it does' {
        $session = New-GladiaLiveSession
        try {
            $warnings = $null
            $null = Receive-GladiaMessage -Session $session -Type bogus, transcript -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings.Count | Should -Be 1
            "$($warnings[0])" | Should -Match "'bogus'"
            "$($warnings[0])" | Should -Match 'post_final_transcript'
        } finally { $session | Stop-GladiaRecording -Wait }
    }

    It 'says why a session Send-GladiaAudio created has no messages left to receive, and where its result is' {
        $tone = New-ToneWav -Path "$work/passthru.wav" -Phrase 'mike november'
        $warnings = $null
        $out = Send-GladiaAudio -LiteralPath $tone.FullName -PassThru | Receive-GladiaMessage -WarningVariable warnings -WarningAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'Get-GladiaLiveResult'
        "$($warnings[0])" | Should -Match 'passthru\.wav'
    }
}

Describe 'Errors say what kind of failure they are' {
    AfterEach { Set-TestServerFault $server @{} }

    It 'reports an upload the server finds too large (413) as a limit exceeded, not a connection error' {
        $tone = New-ToneWav -Path "$work/large.wav" -Phrase 'oscar papa'
        Set-TestServerFault $server @{ upload_max_bytes = 1000 }
        $errors = $null
        Invoke-GladiaTranscription -LiteralPath $tone.FullName -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $errors[0].FullyQualifiedErrorId | Should -Match '^TooLarge'
        $errors[0].ToString() | Should -Match '413'
        $errors[0].ToString() | Should -Match 'the limit is 1000 bytes'
    }
}

Describe 'Where ffmpeg is' -Skip:(-not $hasFfmpeg) {
    BeforeAll {
        $ffmpeg = (Get-Command ffmpeg).Source
        $source = New-ToneWav -Path "$work/mp3-source.wav" -Phrase 'quebec romeo sierra'
        & $ffmpeg -nostdin -loglevel error -y -i $source.FullName -b:a 128k "$work/speech.mp3"
        Set-Content -Path "$work/notes.wav" -Value 'meeting notes, not audio'
        $null = New-Item -ItemType File -Path "$work/empty-track.wav"
        $savedPath = $env:PATH
        $savedFfmpeg = $env:GLADIA_FFMPEG
    }
    AfterEach {
        $env:PATH = $savedPath
        if ($null -eq $savedFfmpeg) { Remove-Item Env:GLADIA_FFMPEG -ErrorAction SilentlyContinue } else { $env:GLADIA_FFMPEG = $savedFfmpeg }
    }

    It 'finds ffmpeg (and ffprobe beside it) through $env:GLADIA_FFMPEG when it is not on PATH' {
        $env:PATH = Join-Path $work 'no-tools-here'
        Remove-Item Env:GLADIA_FFMPEG -ErrorAction SilentlyContinue
        $errors = $null
        $null = Send-GladiaAudio -LiteralPath "$work/speech.mp3" -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].ToString() | Should -Match 'GLADIA_FFMPEG' -Because 'the error says how to point at ffmpeg'

        $env:GLADIA_FFMPEG = $ffmpeg
        (Send-GladiaAudio -LiteralPath "$work/speech.mp3").Text -join ' ' | Should -Be 'quebec romeo sierra'
    }

    It 'calls a text file named .wav not a WAV or audio file, even without ffmpeg' {
        $env:PATH = Join-Path $work 'no-tools-here'
        Remove-Item Env:GLADIA_FFMPEG -ErrorAction SilentlyContinue
        $errors = $null
        $null = Send-GladiaAudio -LiteralPath "$work/notes.wav" -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].ToString() | Should -Match 'notes\.wav.*not a WAV or audio file'
    }

    It 'says an empty file among -AsChannels is empty' {
        $tone = New-ToneWav -Path "$work/track-a.wav" -Phrase 'tango'
        $errors = $null
        $null = Send-GladiaAudio -LiteralPath $tone.FullName, "$work/empty-track.wav" -AsChannels -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].ToString() | Should -Match 'empty-track\.wav.*empty'
        $errors[0].ToString() | Should -Not -Match 'ffprobe'
    }
}

Describe '-AsChannels with a file of several channels' {
    It 'warns that the file''s channels are mixed into its one track, naming it' {
        $stereo = New-ToneWav -Path "$work/stereo-track.wav" -Phrase 'uniform victor', 'whiskey xray'
        $mono = New-ToneWav -Path "$work/mono-track.wav" -Phrase 'yankee zulu'
        $warnings = $null
        $out = Send-GladiaAudio -LiteralPath $stereo.FullName, $mono.FullName -AsChannels -WarningVariable warnings -WarningAction SilentlyContinue
        $out | Should -Not -BeNullOrEmpty
        @($warnings | Where-Object { "$_" -match 'stereo-track\.wav' -and "$_" -match 'mixed' }).Count | Should -Be 1
        @($warnings | Where-Object { "$_" -match 'mono-track\.wav' }).Count | Should -Be 0
    }
}

Describe 'Paging belongs to the list form' {
    It '<_> offers -First, -Skip and -IncludeTotalCount in its list form only' -ForEach 'Get-GladiaLiveResult', 'Get-GladiaTranscription' {
        foreach ($set in (Get-Command $_).ParameterSets) {
            $names = $set.Parameters.Name
            if ($set.Name -eq 'List') {
                $names | Should -Contain 'First'
                $names | Should -Contain 'IncludeTotalCount'
            } else {
                $names | Should -Not -Contain 'First' -Because "the $($set.Name) form reads by id"
                $names | Should -Not -Contain 'Skip'
                $names | Should -Not -Contain 'IncludeTotalCount'
            }
        }
    }

    It 'counts the whole list with -IncludeTotalCount, never "Unknown total count"' {
        $tone = New-ToneWav -Path "$work/count.wav" -Phrase 'alpha'
        $null = Send-GladiaAudio -LiteralPath $tone.FullName
        $null = Send-GladiaAudio -LiteralPath $tone.FullName
        $all = @(Get-GladiaLiveResult)
        $out = @(Get-GladiaLiveResult -First 1 -IncludeTotalCount)
        $out.Count | Should -Be 2
        $out[-1].ToString() | Should -Be "Total count: $($all.Count)"
        ($out[-1] | Out-String).Trim() | Should -Be "Total count: $($all.Count)"
        $out[-1] | Should -Be $all.Count
    }
}
