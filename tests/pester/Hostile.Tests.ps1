# What a server sends is data: a local server that lies (ids that are paths, a session_id that is not the session's)
# must not make the module write outside the folder it was given, nor send requests to URLs an id was not meant to name.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $context = Initialize-GladiaTest hostile
    $server = $context.Server
    $work = $context.Work
}

AfterAll {
    Complete-GladiaTest $context
}

Describe 'Ids that are paths' {
    BeforeAll {
        $inner = Join-Path $work 'a/b'
        $null = New-Item -ItemType Directory -Path $inner
        $tone = New-ToneWav -Path "$work/ids.wav" -Phrase 'golf hotel'
        $real = Send-GladiaAudio -LiteralPath $tone.FullName -PassThru
    }

    AfterEach { Set-TestServerFault $server @{} }

    It 'refuses listed ids that are not ids, writing nothing outside the folder' {
        $absolute = Join-Path $work 'abs'
        Set-TestServerFault $server @{ list_job_ids = @('../../../x', $absolute, '..') }
        Push-Location $inner
        try {
            $saved = Get-GladiaLiveResult | Save-GladiaLiveAudio -ErrorVariable refused -ErrorAction SilentlyContinue
        } finally {
            Pop-Location
        }
        $saved.Name | Should -Be "$($real.Id).wav"
        $saved.DirectoryName | Should -Be $inner
        $refused.Count | Should -Be 3
        $refused | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'InvalidId,*' }
        "$($refused[0])" | Should -Match "'\.\./\.\./\.\./x' is not an id"
        Get-ChildItem -LiteralPath $work -Recurse -File -Filter *.wav | Where-Object Name -ne 'ids.wav' |
            ForEach-Object FullName | Should -Be (Join-Path $inner "$($real.Id).wav")
        Test-Path "$absolute.wav" | Should -BeFalse
    }

    It 'names subtitle files only by ids, refusing listed ids that are not, writing nothing outside the folder' {
        $absolute = Join-Path $work 'abs-subtitles'
        Set-TestServerFault $server @{ list_job_ids = @('../../../x', $absolute, '..') }
        $folder = Join-Path $inner 'subtitles'
        $files = Get-GladiaLiveResult | ConvertTo-GladiaSubtitle -OutputFolder $folder -ErrorVariable refused -ErrorAction SilentlyContinue
        $files.Name | Should -Contain "$($real.Id).srt"
        $files | ForEach-Object { $_.Name | Should -Match '^[0-9a-f-]{36}\.srt$'; $_.DirectoryName | Should -Be $folder }
        $refused.Count | Should -Be 3
        $refused | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'NoFileName,*' }
        "$($refused[0])" | Should -Match "'\.\./\.\./\.\./x' is not an id"
        Get-ChildItem -LiteralPath $work -Recurse -File -Filter *.srt | Where-Object DirectoryName -ne $folder | Should -BeNullOrEmpty
        Test-Path "$absolute.srt" | Should -BeFalse
    }

    It 'keeps the session''s own id when messages carry another session_id' {
        Set-TestServerFault $server @{ message_session_id = '../../../ws-evil' }
        $file = New-ToneWav -Path "$work/lying.wav" -Phrase 'india juliett'
        $folder = Join-Path $inner 'lying'
        $null = New-Item -ItemType Directory -Path $folder
        Push-Location $folder
        try {
            $transcripts = Send-GladiaAudio -LiteralPath $file.FullName
            $saved = $transcripts | Save-GladiaLiveAudio
        } finally {
            Pop-Location
        }
        $transcripts.Text | Should -Be 'india juliett'
        $transcripts.SessionId | Should -Match '^[0-9a-f-]{36}$'
        $transcripts.Raw | Should -Match 'ws-evil'
        $saved.FullName | Should -Be (Join-Path $folder "$($transcripts.SessionId).wav")
        Get-ChildItem -LiteralPath $work -Recurse -Filter '*ws-evil*' | Should -BeNullOrEmpty
    }

    It 'refuses <Command> -Id <Id> before any request' -ForEach @(
        @{ Command = 'Remove-GladiaLiveResult'; Id = '..'; Extra = @{ Confirm = $false } }
        @{ Command = 'Remove-GladiaLiveResult'; Id = '.'; Extra = @{ Confirm = $false } }
        @{ Command = 'Save-GladiaLiveAudio'; Id = '.'; Extra = @{ Path = 'TestDrive:\' } }
        @{ Command = 'Get-GladiaLiveResult'; Id = 'a/../../b'; Extra = @{} }
    ) {
        $before = @(Invoke-TestServerApi -Server $server -Path '/emulator/requests').Count
        & $Command -Id $Id @Extra -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'InvalidId,*'
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refused[0].TargetObject | Should -Be $Id
        $requests = @(Invoke-TestServerApi -Server $server -Path '/emulator/requests')
        # The only requests since are this test's own reads of the request log.
        $requests | Select-Object -Skip $before | Where-Object path_and_query -NotLike '/emulator/*' | Should -BeNullOrEmpty
    }
}

Describe 'Secrets in text the server or the user chose' {
    It 'shows the API URL in -Verbose without its user information or a key in its query' {
        $saved = $env:GLADIA_API_URL
        try {
            $env:GLADIA_API_URL = ($server.Url -replace '^http://', 'http://user:hunter2@') + '/?api_key=s3cr3tvalue'
            $verbose = @(Get-GladiaLiveResult -Id 'abc' -Verbose -ErrorAction SilentlyContinue 4>&1) | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        } finally {
            $env:GLADIA_API_URL = $saved
        }
        $line = $verbose.Message | Where-Object { $_ -like 'Gladia API at *' }
        $line | Should -Not -BeNullOrEmpty
        $line | Should -Match '^Gladia API at http://\*\*\*@127\.0\.0\.1:\d+/\?api_key=\*\*\*'
        ($verbose.Message -join "`n") | Should -Not -Match 'hunter2|s3cr3tvalue'
    }
}

Describe 'A download that never ends' {
    AfterEach { Set-TestServerFault $server @{} }

    It 'stops at what the session''s audio can be, saving nothing and leaving no partial file' {
        $tone = New-ToneWav -Path "$work/endless.wav" -Phrase 'kilo lima'
        $session = Send-GladiaAudio -LiteralPath $tone.FullName -PassThru
        $folder = Join-Path $work 'endless'
        $null = New-Item -ItemType Directory -Path $folder
        Set-TestServerFault $server @{ endless_file = $true }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $saved = $session | Save-GladiaLiveAudio -Path $folder -ErrorVariable tooLong -ErrorAction SilentlyContinue
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 60
        $saved | Should -BeNullOrEmpty
        $tooLong.Count | Should -Be 1
        "$($tooLong[0])" | Should -Match 'went past the limit of \d+ bytes \(what the session''s duration at its format can be'
        Get-ChildItem -LiteralPath $folder -Force | Should -BeNullOrEmpty
    }

    It 'stops a pre-recorded job''s file at what its audio duration can be, saving nothing and leaving no partial file' {
        $tone = New-ToneWav -Path "$work/endless-job.wav" -Phrase 'kilo lima'
        $job = Invoke-GladiaTranscription -LiteralPath $tone.FullName -PassThru
        $folder = Join-Path $work 'endless-job'
        $null = New-Item -ItemType Directory -Path $folder
        Set-TestServerFault $server @{ endless_file = $true }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $saved = $job | Save-GladiaTranscriptionAudio -Path $folder -ErrorVariable tooLong -ErrorAction SilentlyContinue
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 60
        $saved | Should -BeNullOrEmpty
        $tooLong.Count | Should -Be 1
        "$($tooLong[0])" | Should -Match 'went past the limit of \d+ bytes \(what the job''s audio duration can be'
        Get-ChildItem -LiteralPath $folder -Force | Should -BeNullOrEmpty
    }
}

Describe 'Frames the protocol forbids' {
    AfterEach { Set-TestServerFault $server @{} }

    It 'ends the session once, with one clear error, when a text frame is not valid UTF-8' {
        Set-TestServerFault $server @{ send_invalid_utf8_frame = $true }
        $tone = New-ToneWav -Path "$work/utf8.wav" -Phrase 'mike november oscar'
        $before = @(Invoke-TestServerApi -Server $server -Path '/emulator/sessions').Count
        $out = Send-GladiaAudio -LiteralPath $tone.FullName -ErrorVariable broken -ErrorAction SilentlyContinue -WarningVariable warned -WarningAction SilentlyContinue
        $broken.Count | Should -Be 1
        "$($broken[0])" | Should -Match 'not valid UTF-8'
        "$($broken[0])" | Should -Match 'not resumed'
        "$($broken[0])" | Should -Not -Match '\.\.'
        $warned | Should -BeNullOrEmpty -Because 'the end is reported once, as the error'
        $sessions = @(Invoke-TestServerApi -Server $server -Path '/emulator/sessions')
        $sessions.Count | Should -Be ($before + 1)
        ($sessions | Sort-Object { $_.connections } -Descending | Select-Object -First 1).connections | Should -Be 1
    }
}

Describe 'An answer for another job' {
    BeforeAll {
        $tone = New-ToneWav -Path "$work/other-job.wav" -Phrase 'papa quebec'
        $asked = Invoke-GladiaTranscription -LiteralPath $tone.FullName -NoWait
        $other = Invoke-GladiaTranscription -LiteralPath $tone.FullName -NoWait
        $session = Send-GladiaAudio -LiteralPath $tone.FullName -PassThru
    }

    AfterEach { Set-TestServerFault $server @{} }

    It 'is refused by Get-GladiaTranscription, so a piped Remove-GladiaTranscription deletes nothing' {
        Set-TestServerFault $server @{ job_answer_id = $other.Id }
        Get-GladiaTranscription -Id $asked.Id -ErrorVariable lied -ErrorAction SilentlyContinue | Remove-GladiaTranscription -Confirm:$false
        $lied.Count | Should -Be 1
        $lied[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        "$($lied[0])" | Should -Match "another job \('$($other.Id)'\), not '$($asked.Id)'"
        Set-TestServerFault $server @{}
        (Get-GladiaTranscription -Id $other.Id).Id | Should -Be $other.Id
        (Get-GladiaTranscription -Id $asked.Id).Id | Should -Be $asked.Id
    }

    It 'is refused by Get-GladiaLiveResult, whose result never carries the server''s id' {
        Set-TestServerFault $server @{ job_answer_id = '../../../evil' }
        $result = Get-GladiaLiveResult -Id $session.Id -ErrorVariable lied -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $lied.Count | Should -Be 1
        "$($lied[0])" | Should -Match 'another job \(an id that is not an id\)'
    }

    It 'is refused while Invoke-GladiaTranscription waits for the job it created' {
        Set-TestServerFault $server @{ job_answer_id = $other.Id }
        $out = Invoke-GladiaTranscription -LiteralPath $tone.FullName -ErrorVariable lied -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $lied.Count | Should -Be 1
        $lied[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        "$($lied[0])" | Should -Match "another job \('$($other.Id)'\)"
    }
}

Describe 'By-id commands fail once when every id would fail alike' {
    BeforeAll {
        function Invoke-FailingIds([scriptblock] $Run) {
            $thrown = $null
            $all = try { & $Run 2>&1 } catch { $thrown = $_ }
            [pscustomobject]@{ Thrown = $thrown; Written = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
        }
        function Get-RequestCount { @(Invoke-TestServerApi -Server $server -Path '/emulator/requests' | Where-Object path_and_query -NotLike '/emulator/*').Count }
        $folder = Join-Path $work 'by-id'
        $null = New-Item -ItemType Directory -Path $folder
    }

    $commands = @(
        @{ Command = 'Get-GladiaTranscription'; Extra = @{} }
        @{ Command = 'Remove-GladiaTranscription'; Extra = @{ Confirm = $false } }
        @{ Command = 'Save-GladiaTranscriptionAudio'; Extra = @{ Path = 'by-id' } }
        @{ Command = 'Get-GladiaLiveResult'; Extra = @{} }
        @{ Command = 'Remove-GladiaLiveResult'; Extra = @{ Confirm = $false } }
        @{ Command = 'Save-GladiaLiveAudio'; Extra = @{ Path = 'by-id' } }
    )

    It '<Command> -Id a,b,c with a refused key: one terminating error, one request' -ForEach $commands {
        if ($Extra.Path) { $Extra.Path = Join-Path $work $Extra.Path }
        $before = Get-RequestCount
        $run = Invoke-FailingIds { & $Command -Id a, b, c -ApiKey 'not-the-key' @Extra }
        $run.Thrown | Should -Not -BeNullOrEmpty
        $run.Thrown.FullyQualifiedErrorId | Should -Match '^ApiKeyRefused'
        $run.Thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $run.Written.Count | Should -Be 0 -Because 'the refusal is said once, not once per id'
        (Get-RequestCount) - $before | Should -Be 1 -Because 'the ids after the first are not sent'
    }

    It '<Command> -Id a,b,c against an unreachable server: one ConnectionError naming the URL, without its credentials' -ForEach $commands {
        if ($Extra.Path) { $Extra.Path = Join-Path $work $Extra.Path }
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $saved = $env:GLADIA_API_URL
        $env:GLADIA_API_URL = "http://someone:secret-pw@127.0.0.1:$port/"
        try {
            $run = Invoke-FailingIds { & $Command -Id a, b, c @Extra }
        } finally { $env:GLADIA_API_URL = $saved }
        $run.Thrown | Should -Not -BeNullOrEmpty
        $run.Thrown.FullyQualifiedErrorId | Should -Match '^ServerUnreachable'
        $run.Thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
        "$($run.Thrown)" | Should -Match "Could not reach the Gladia API at http://\*\*\*@127\.0\.0\.1:$port"
        "$($run.Thrown)" | Should -Not -Match 'secret'
        $run.Written.Count | Should -Be 0
    }
}
