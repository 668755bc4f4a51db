# Pre-recorded transcription against the built module and the local server: upload, jobs, speakers, errors, Ctrl+C.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $context = Initialize-GladiaTest prerecorded
    $server = $context.Server
    $work = $context.Work
    $calls = Join-Path $work 'calls'
    $null = New-Item -ItemType Directory -Path $calls
    $mono = New-ToneWav -Path "$calls/mono.wav" -Phrase 'alpha bravo | charlie delta | echo'
    $stereo = New-ToneWav -Path "$calls/stereo.wav" -Phrase 'foxtrot golf', 'hotel | india' -SampleRate 8000
    $source = New-ToneWav -Path "$work/mp3-source.wav" -Phrase 'mike november oscar'
    & ffmpeg -nostdin -loglevel error -y -i $source.FullName -b:a 128k "$calls/speech.mp3"
    if ($LASTEXITCODE -ne 0) { throw 'ffmpeg could not write the MP3 test file' }
    $mp3 = Get-Item "$calls/speech.mp3"
    # The server's diarization stand-in: a channel's utterances take turns among 2 speakers, channel c starting at 2c.
    $expected = @{
        "$($mono.FullName)|0" = 'alpha bravo | echo'
        "$($mono.FullName)|1" = 'charlie delta'
        "$($stereo.FullName)|0" = 'foxtrot golf'
        "$($stereo.FullName)|2" = 'hotel'
        "$($stereo.FullName)|3" = 'india'
        "$($mp3.FullName)|0" = 'mike november oscar'
    }
    $notes = Join-Path $work 'notes.wav'
    Set-Content -Path $notes -Value 'this is not audio'
    $empty = Join-Path $work 'empty.mp3'
    $null = New-Item -ItemType File -Path $empty
    # Binary, so only the server can tell it is not audio.
    $garbage = Join-Path $work 'garbage.wav'
    [IO.File]::WriteAllBytes($garbage, [byte[]](0..4095 | ForEach-Object { ($_ * 37 + 11) % 256 }))

    function Start-Stoppable([scriptblock] $Script, [object[]] $Arguments, $PSHost) {
        $ps = [powershell]::Create()
        if ($PSHost) {
            $ps.Runspace = [runspacefactory]::CreateRunspace($PSHost)
            $ps.Runspace.Open()
        }
        $null = $ps.AddScript({
                param($module, $url, $key, $script, $arguments)
                $env:GLADIA_API_URL = $url; $env:GLADIA_API_KEY = $key
                Import-Module $module
                & ([scriptblock]::Create($script)) @arguments
            }).AddArgument((Get-ModuleUnderTest)).AddArgument($server.Url).AddArgument($server.ApiKey).AddArgument($Script.ToString()).AddArgument($Arguments)
        [pscustomobject]@{ PowerShell = $ps; Async = $ps.BeginInvoke() }
    }

    function Wait-Until([scriptblock] $Condition, [int] $Seconds = 30) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { return $false }
            Start-Sleep -Milliseconds 50
        }
        $true
    }

    function Get-Requests([string] $Like) { @(Invoke-TestServerApi -Server $server -Path '/emulator/requests') | Where-Object { "$($_.method) $($_.path_and_query)" -like $Like } }
}

AfterAll {
    Complete-GladiaTest $context
}

Describe 'Invoke-GladiaTranscription over a folder of mixed files' {
    BeforeAll {
        Set-TestServerFault $server @{}
        $errors = $null
        $uploadsBefore = @(Get-Requests 'POST /v2/upload*').Count
        $transcripts = @(Get-ChildItem $calls -File) + (Get-Item $notes, $empty, $garbage) | Invoke-GladiaTranscription -Diarization -ErrorVariable errors -ErrorAction SilentlyContinue
        $uploads = @(Get-Requests 'POST /v2/upload*').Count - $uploadsBefore
    }

    It 'writes each file''s utterances word for word, per speaker' {
        $got = @{}
        foreach ($t in $transcripts | Sort-Object Path, Start) {
            $key = "$($t.Path)|$($t.Speaker)"
            $got[$key] = (@($got[$key]) + $t.Text | Where-Object { $_ }) -join ' | '
        }
        $got.Keys | Sort-Object | Should -Be ($expected.Keys | Sort-Object)
        foreach ($key in $expected.Keys) { $got[$key] | Should -Be $expected[$key] -Because $key }
    }

    It 'writes the live commands'' transcript type, with the job id that binds to Get-GladiaTranscription' {
        $transcripts | ForEach-Object { $_ | Should -BeOfType ([GladiaPS.GladiaTranscript]) }
        $transcripts | ForEach-Object { $_.IsFinal | Should -BeTrue; $_.Words.Count | Should -BeGreaterThan 0 }
        ($transcripts | Select-Object -ExpandProperty JobId -Unique).Count | Should -Be 3
        $results = $transcripts | Get-GladiaTranscription
        @($results).Count | Should -Be 3
        $results | ForEach-Object { $_.Status | Should -Be 'done' }
        ($results | Where-Object FileName -eq 'stereo.wav').Channels | Should -Be 2
    }

    It 'reports each file that cannot be audio as one non-terminating error naming it, before uploading it' {
        $errors.Count | Should -Be 3
        $uploads | Should -Be 4 -Because 'the three calls and the binary file the server refuses are uploaded; the text and the empty file are not'
        $text = $errors | Where-Object TargetObject -eq $notes
        "$text" | Should -Be "'$notes': the file is text, not audio or video."
        $text.FullyQualifiedErrorId | Should -BeLike 'InvalidAudio*'
        "$($errors | Where-Object TargetObject -eq $empty)" | Should -Be "'$empty': the file is empty (0 bytes); there is no audio to transcribe."
    }

    It 'reports the file the server cannot read as one non-terminating error naming it' {
        $refused = $errors | Where-Object TargetObject -eq $garbage
        "$refused" | Should -Match 'garbage\.wav'
        "$refused" | Should -Match '415'
    }

    It 'makes CSV rows with the speaker and the file' {
        $transcripts | Export-Csv -Path "$work/calls.csv" -NoTypeInformation -ErrorAction Stop
        $rows = Import-Csv "$work/calls.csv"
        $rows.Count | Should -Be $transcripts.Count
        ($rows | Where-Object { $_.Text -eq 'charlie delta' }).Speaker | Should -Be '1'
        ($rows | Where-Object { $_.Text -eq 'charlie delta' }).Path | Should -Be $mono.FullName
    }
}

Describe 'Options and results' {
    BeforeAll { Set-TestServerFault $server @{} }

    It 'redacts the PII stand-in (digit words) and returns the server''s subtitles and sentences with -PassThru' {
        $file = New-ToneWav -Path "$work/pii.wav" -Phrase 'alpha one two | bravo'
        $result = Invoke-GladiaTranscription -LiteralPath $file.FullName -PiiRedaction -Sentences -SubtitleFormat vtt -PassThru
        $result | Should -BeOfType ([GladiaPS.GladiaTranscription])
        $result.FullTranscript | Should -Be 'alpha [NUMERICAL_PII] [NUMERICAL_PII] bravo'
        $result.Sentences.Text | Should -Be @('Alpha [NUMERICAL_PII] [NUMERICAL_PII].', 'Bravo.')
        $result.Subtitles[0].Format | Should -Be 'vtt'
        $result.Subtitles[0].Text | Should -Match '^WEBVTT'
        $result.Path | Should -Be $file.FullName
    }

    It 'gives each utterance''s sentiment as Sentiments, in CSV as text, without changing the table view' {
        $result = Invoke-GladiaTranscription -LiteralPath $mono.FullName -SentimentAnalysis -PassThru
        @($result.Sentiments).Count | Should -Be 3
        $result.Sentiments.Text | Should -Be @('alpha bravo', 'charlie delta', 'echo')
        $result.Sentiments | ForEach-Object { $_.Sentiment | Should -Be 'neutral'; $_.Emotion | Should -Be 'neutral' }
        $result.Sentiments[1].Start | Should -Be $result.Utterances[1].Start
        ($result | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv).Sentiments | Should -BeLike 'neutral/neutral: alpha bravo*echo'
        ($result | Format-Table | Out-String -Width 200) -split "`n" | Where-Object { $_ -match '^Id\s' } | Should -Match '^Id\s+Status\s+Audio\s+FullTranscript\s*$'
        (Invoke-GladiaTranscription -LiteralPath $mono.FullName -PassThru).Sentiments | Should -BeNullOrEmpty
    }

    It 'labels subtitle cues by speaker' {
        $srt = Invoke-GladiaTranscription -LiteralPath $mono.FullName -Speakers 2 | ConvertTo-GladiaSubtitle
        $srt | Should -Match '\[Speaker 0\] alpha bravo'
        $srt | Should -Match '\[Speaker 1\] charlie delta'
        $result = Invoke-GladiaTranscription -LiteralPath $mono.FullName -Diarization -PassThru
        $vtt = $result | ConvertTo-GladiaSubtitle -Format WebVtt
        $vtt | Should -Match '<v Speaker 1>charlie delta'
        # The extensions, in any case, as -SubtitleFormat takes them.
        ($result | ConvertTo-GladiaSubtitle -Format vtt -ErrorAction Stop).Text | Should -Be $vtt.Text
        ($result | ConvertTo-GladiaSubtitle -Format SRT -ErrorAction Stop).Format | Should -Be 'Srt'
        { $result | ConvertTo-GladiaSubtitle -Format ass -ErrorAction Stop } | Should -Throw '*Srt, WebVtt*'
    }

    It 'refuses a bad option before anything is uploaded, naming the parameter' {
        $before = @(Get-Requests 'POST /v2/upload*').Count
        { Invoke-GladiaTranscription -LiteralPath $mono.FullName -MinSpeakers 3 -MaxSpeakers 2 -ErrorAction Stop } | Should -Throw '*-MinSpeakers*'
        { Invoke-GladiaTranscription -LiteralPath $mono.FullName -SubtitleFormat ' ' -ErrorAction Stop } | Should -Throw '*-SubtitleFormat*'
        @(Get-Requests 'POST /v2/upload*').Count | Should -Be $before
    }

    It 'sends a value this version does not know as given, with a warning naming the parameter' {
        $job = Invoke-GladiaTranscription -LiteralPath $mono.FullName -SummaryType haiku -Language xx -NoWait -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 2
        "$($warnings[0])" | Should -Be "-Language: 'xx' is not a value this version knows; sent as given."
        "$($warnings[1])" | Should -Be "-SummaryType: 'haiku' is not a value this version knows; sent as given."
        $sent = (Invoke-RestMethod -Uri "$($server.Url)/v2/pre-recorded/$($job.Id)" -Headers @{ 'x-gladia-key' = $server.ApiKey }).request_params
        $sent.summarization_config.type | Should -Be 'haiku'
        $sent.language_config.languages | Should -Be @('xx')
    }

    It 'takes a URL without uploading anything' {
        $uploaded = Send-TestUpload -Server $server -Path $stereo.FullName
        $before = @(Get-Requests 'POST /v2/upload*').Count
        $transcripts = Invoke-GladiaTranscription -Url $uploaded.audio_url
        ($transcripts | Where-Object Channel -eq 0).Text | Should -Be 'foxtrot golf'
        ($transcripts | Where-Object Channel -eq 1).Text | Should -Be @('hotel', 'india')
        $transcripts | ForEach-Object { $_.Path | Should -BeNullOrEmpty }
        @(Get-Requests 'POST /v2/upload*').Count | Should -Be $before
    }

    It 'takes URLs piped as text, given by position, or by a Url property (Import-Csv), without uploading anything' {
        $stereoUrl = (Send-TestUpload -Server $server -Path $stereo.FullName).audio_url
        $monoUrl = (Send-TestUpload -Server $server -Path $mono.FullName).audio_url
        $before = @(Get-Requests 'POST /v2/upload*').Count

        $piped = $stereoUrl | Invoke-GladiaTranscription -ErrorAction Stop
        ($piped | Where-Object Channel -eq 0).Text | Should -Be 'foxtrot golf'

        $positional = Invoke-GladiaTranscription $monoUrl -PassThru -ErrorAction Stop
        $positional.FullTranscript | Should -Be 'alpha bravo charlie delta echo'

        "Url,Batch`n$monoUrl,csv`n$stereoUrl,csv" | Set-Content -Path "$work/urls.csv"
        $jobs = Import-Csv "$work/urls.csv" | Invoke-GladiaTranscription -NoWait -ErrorAction Stop
        @($jobs).Count | Should -Be 2
        ($jobs | Get-GladiaTranscription -Wait -Timeout 60).FullTranscript | Sort-Object | Should -Be @('alpha bravo charlie delta echo', 'foxtrot golf hotel india')

        @(Get-Requests 'POST /v2/upload*').Count | Should -Be $before
    }
}

Describe '-NoWait, then Get-GladiaTranscription -Wait, then Remove-GladiaTranscription' {
    It 'queues jobs, collects them later, and deletes them' {
        Set-TestServerFault $server @{ job_seconds = 2 }
        $jobs = Get-ChildItem $calls -Filter *.wav | Invoke-GladiaTranscription -NoWait -CustomMetadata @{ batch = 'nowait' }
        @($jobs).Count | Should -Be 2
        $jobs | ForEach-Object { $_.Status | Should -BeIn 'queued', 'processing'; $_.Path | Should -Not -BeNullOrEmpty }

        $listed = Get-GladiaTranscription -CustomMetadata @{ batch = 'nowait' }
        @($listed).Count | Should -Be 2

        $done = $jobs | Get-GladiaTranscription -Wait -Timeout 60
        $done | ForEach-Object { $_.Status | Should -Be 'done' }
        # Read again, each job still names the file it was made from here.
        ($done | Where-Object FileName -eq 'mono.wav').Path | Should -Be $mono.FullName
        ($listed | Where-Object Id -eq ($done | Where-Object FileName -eq 'mono.wav').Id).Path | Should -Be $mono.FullName
        ($done | Where-Object FileName -eq 'mono.wav').FullTranscript | Should -Be 'alpha bravo charlie delta echo'

        $saved = $done | Select-Object -First 1 | Save-GladiaTranscriptionAudio -Path "$work/saved/"
        $saved.Length | Should -BeGreaterThan 1000
        # Named by the job, with the extension of the file it transcribed; written as Get-Item writes it.
        $saved.Name | Should -Be "$(($done | Select-Object -First 1).Id).wav"
        $saved.PSParentPath | Should -Be (Get-Item -LiteralPath $saved.FullName).PSParentPath
        ($saved | Out-String -Width 200) | Should -Match 'Directory: '

        $done | Remove-GladiaTranscription -Confirm:$false
        $errors = $null
        $jobs | Get-GladiaTranscription -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 2
        $errors[0].ToString() | Should -Match '404'
    }

    It 'saves a job''s audio with the extension of its file, and with the name -Path gives' {
        $job = Invoke-GladiaTranscription -LiteralPath $mp3.FullName -PassThru
        $saved = $job | Save-GladiaTranscriptionAudio -Path "$work/saved-mp3/"
        $saved.Name | Should -Be "$($job.Id).mp3"
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($saved.FullName)) | Should -Be ([Convert]::ToBase64String([IO.File]::ReadAllBytes($mp3.FullName)))
        $named = $job | Save-GladiaTranscriptionAudio -Path "$work/saved-mp3/call.bin"
        $named.Name | Should -Be 'call.bin'
        $named.Length | Should -Be $mp3.Length
    }

    It 'refuses an id that is not an id before any request' {
        $before = @(Get-Requests 'GET /v2/pre-recorded/*').Count
        $errors = $null
        Get-GladiaTranscription -Id '../live' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Match '^InvalidId'
        @(Get-Requests 'GET /v2/pre-recorded/*').Count | Should -Be $before
    }
}

Describe 'Faults' {
    AfterEach { Set-TestServerFault $server @{} }

    It 'reports a job that ends in error among good ones, naming the file and the error code, and goes on' {
        Set-TestServerFault $server @{ job_error_code = 500; job_error_match = 'broken' }
        $broken = New-ToneWav -Path "$work/broken.wav" -Phrase 'papa quebec'
        $errors = $null
        $transcripts = $mono, $broken, $stereo | Invoke-GladiaTranscription -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].ToString() | Should -Match 'broken\.wav'
        $errors[0].ToString() | Should -Match 'error_code 500'
        ($transcripts | Select-Object -ExpandProperty Path -Unique | Sort-Object) | Should -Be (@($mono.FullName, $stereo.FullName) | Sort-Object)
    }

    It 'waits out a 429 on create as Retry-After says, saying so on the verbose stream at each wait, and never fails the file' {
        # Four refusals: more than the HTTP layer's own retries (3), so both the retries and the waits after them are seen.
        Set-TestServerFault $server @{ create_fail_status = 429; create_fail_count = 4; retry_after_seconds = 1 }
        $before = @(Get-Requests 'POST /v2/pre-recorded').Count
        $out = Invoke-GladiaTranscription -LiteralPath $mp3.FullName -ErrorAction Stop -Verbose 4>&1
        ($out | Where-Object { $_ -is [GladiaPS.GladiaTranscript] }).Text | Should -Be 'mike november oscar'
        @(Get-Requests 'POST /v2/pre-recorded').Count - $before | Should -Be 5
        $waits = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*(429)*' } | ForEach-Object Message)
        $waits | Should -Be (@(1..4 | ForEach-Object { "$($mp3.FullName): the account has too many jobs (429); asking again in 1 s." }))
    }

    It 'reports an upload the server finds too large, naming the file and the limit' {
        Set-TestServerFault $server @{ upload_max_bytes = 10000 }
        $errors = $null
        Invoke-GladiaTranscription -LiteralPath $mono.FullName -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].ToString() | Should -Match 'mono\.wav'
        $errors[0].ToString() | Should -Match 'the limit is 10000 bytes'
    }
}

Describe 'Ctrl+C' {
    AfterEach { Set-TestServerFault $server @{} }

    It 'stops an upload within a second' {
        $big = New-ToneWav -Path "$work/big.wav" -Phrase ((1..10 | ForEach-Object { 'lima mike november' }) -join ' | ') -SampleRate 48000
        Set-TestServerFault $server @{ upload_read_bytes_per_second = 50000 }
        $before = @(Get-Requests 'POST /v2/upload*').Count
        $run = Start-Stoppable { param($p) Invoke-GladiaTranscription -LiteralPath $p } @($big.FullName)
        try {
            Wait-Until { @(Get-Requests 'POST /v2/upload*').Count -gt $before } | Should -BeTrue -Because 'the upload should have started'
            Start-Sleep -Milliseconds 300
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $run.PowerShell.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
            $run.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        } finally { $run.PowerShell.Dispose() }
    }

    It 'stops a wait within a second, leaving the job to run on the server' {
        Set-TestServerFault $server @{ job_seconds = 120 }
        $before = @(Get-Requests 'POST /v2/pre-recorded').Count
        $run = Start-Stoppable { param($p) Invoke-GladiaTranscription -LiteralPath $p } @($mono.FullName)
        try {
            Wait-Until { @(Get-Requests 'GET /v2/pre-recorded/*').Count -gt 0 -and @(Get-Requests 'POST /v2/pre-recorded').Count -gt $before } | Should -BeTrue
            Start-Sleep -Milliseconds 300
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $run.PowerShell.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
            $run.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        } finally { $run.PowerShell.Dispose() }
        @(Get-GladiaTranscription -Status processing, queued).Count | Should -BeGreaterThan 0
    }

    It 'says with -Verbose which jobs it leaves running on the server, by id and file' {
        Set-TestServerFault $server @{ job_seconds = 120 }
        $recorder = New-RecordingHost
        $run = Start-Stoppable { param($a, $b) Invoke-GladiaTranscription -LiteralPath $a, $b -CustomMetadata @{ test = 'stop-verbose' } -Verbose } @($mono.FullName, $stereo.FullName) $recorder
        try {
            # The command's own 'job ... created.' lines: both jobs exist, and the command knows their ids.
            Wait-Until { @($recorder.Lines | Where-Object { $_ -like 'VERBOSE: *: job * created.' }).Count -eq 2 } | Should -BeTrue -Because 'both jobs should have been created'
            $run.PowerShell.Stop()
            $run.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        } finally { $run.PowerShell.Runspace.Dispose(); $run.PowerShell.Dispose() }
        # Once stopped, PowerShell takes no more verbose records: the host's verbose line is where it is said.
        $said = @($recorder.Lines)
        $jobs = @(Get-GladiaTranscription -CustomMetadata @{ test = 'stop-verbose' })
        foreach ($job in $jobs) {
            $line = @($said | Where-Object { $_ -like "*$($job.Id)*" -and $_ -notlike "*job $($job.Id) created." })
            $line.Count | Should -Be 1 -Because "job $($job.Id) should be named once in: $($said -join ' / ')"
            $line[0] | Should -BeLike "VERBOSE: *$($job.FileName)*: job $($job.Id) goes on on the server*"
        }
    }

    It 'says nothing of the jobs without -Verbose' {
        Set-TestServerFault $server @{ job_seconds = 120 }
        $recorder = New-RecordingHost
        $run = Start-Stoppable { param($a) Invoke-GladiaTranscription -LiteralPath $a -CustomMetadata @{ test = 'stop-quiet' } } @($mono.FullName) $recorder
        try {
            Wait-Until { @(Get-GladiaTranscription -CustomMetadata @{ test = 'stop-quiet' }).Count -eq 1 } | Should -BeTrue
            $run.PowerShell.Stop()
        } finally { $run.PowerShell.Runspace.Dispose(); $run.PowerShell.Dispose() }
        @($recorder.Lines) | Should -BeNullOrEmpty
    }
}

Describe '-ThrottleLimit' {
    It 'runs several files at once, faster than one at a time' {
        Set-TestServerFault $server @{ job_seconds = 1.5 }
        try {
            $files = 1..4 | ForEach-Object { New-ToneWav -Path "$work/t$_.wav" -Phrase 'sierra tango' }
            $serial = Measure-Command { $one = $files | Invoke-GladiaTranscription -ThrottleLimit 1 }
            $parallel = Measure-Command { $four = $files | Invoke-GladiaTranscription -ThrottleLimit 4 }
            @($one).Count | Should -Be 4
            @($four).Count | Should -Be 4
            $four | ForEach-Object { $_.Text | Should -Be 'sierra tango' }
            $parallel.TotalSeconds | Should -BeLessThan ($serial.TotalSeconds * 0.6)
        } finally { Set-TestServerFault $server @{} }
    }
}
