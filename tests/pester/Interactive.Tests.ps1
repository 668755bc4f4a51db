BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $context = Initialize-GladiaTest flow
    $server = $context.Server
    $work = $context.Work
}

AfterAll {
    Get-GladiaLiveSession | Where-Object Status -ne 'Ended' | Stop-GladiaRecording -Wait -Timeout 10 -ErrorAction SilentlyContinue
    Complete-GladiaTest $context
}

Describe 'The interactive flow' {
    BeforeAll {
        $file = New-ToneWav -Path "$work/call.wav" -Phrase 'alpha bravo charlie delta'
        $session = New-GladiaLiveSession -FromAudio $file.FullName -Language en -CustomMetadata @{ ticket = 'T-42' }
        Send-GladiaAudio -Session $session -LiteralPath $file.FullName
        $stopped = $session | Stop-GladiaRecording -Wait -Timeout 30 -PassThru
        $messages = Receive-GladiaMessage -Session $session
    }

    It 'creates a session in the file''s format and shows it without its token' {
        $session | Should -BeOfType ([GladiaPS.GladiaSession])
        $session.Id | Should -Match '^[0-9a-f-]{36}$'
        $session.SampleRate | Should -Be 16000
        $session.Channels | Should -Be 1
        $session.Url | Should -Not -BeNullOrEmpty
        $session.Url | Should -Not -Match 'token=[^*]'
        (Get-GladiaLiveSession -Id $session.Id) | Should -Be $session
    }

    It 'stops behind the audio and ends cleanly' {
        $stopped | Should -Be $session
        $session.Status | Should -Be 'Ended'
        $session.Outcome.Succeeded | Should -BeTrue
        $session.BytesAcknowledged | Should -Be $session.BytesSent
    }

    It 'receives the typed messages that arrived, each once' {
        $final = $messages | Where-Object { $_ -is [GladiaPS.GladiaTranscript] -and $_.IsFinal }
        $final.Text | Should -Be 'alpha bravo charlie delta'
        $final.Type | Should -Be 'transcript'
        $final.SessionId | Should -Be $session.Id
        $messages.Type | Should -Contain 'post_final_transcript'
        $messages.Type | Should -Not -Contain 'audio_chunk'
        @(Receive-GladiaMessage -Session $session).Count | Should -Be 0
    }

    It 'reads the result back' {
        $result = $session | Get-GladiaLiveResult -Wait -Timeout 30
        $result | Should -BeOfType ([GladiaPS.GladiaLiveResult])
        $result.Status | Should -Be 'done'
        $result.FullTranscript | Should -Be 'alpha bravo charlie delta'
        $result.Utterances[0].Text | Should -Be 'alpha bravo charlie delta'
        $result.Utterances[0].Words.Count | Should -Be 4
        $result.CustomMetadata['ticket'] | Should -Be 'T-42'
        $result.Raw | Should -Match '"id"'
    }

    It 'saves the audio the server kept, equal to what was sent' {
        $saved = $session | Save-GladiaLiveAudio -Path $work
        $saved | Should -BeOfType ([IO.FileInfo])
        $saved.Name | Should -Be "$($session.Id).wav"
        # The provider's item, as Get-Item writes it: the file system view shows its folder, mode and size.
        $saved.PSParentPath | Should -Be (Get-Item -LiteralPath $saved.FullName).PSParentPath
        $view = $saved | Out-String -Width 200
        $view | Should -Match 'Directory: '
        $view | Should -Match "(?m)^-[-a-z]{4,}\s+.*\s$($saved.Length)\s+$([regex]::Escape($saved.Name))\s*$"
        $sent = [IO.File]::ReadAllBytes($file.FullName)
        $got = [IO.File]::ReadAllBytes($saved.FullName)
        # Both are 44-byte-header PCM WAV files of the same format: the samples must be equal.
        [Convert]::ToBase64String($got, 44, $got.Length - 44) | Should -Be ([Convert]::ToBase64String($sent, 44, $sent.Length - 44))
    }

    It 'does not overwrite a saved file without -Force' {
        $again = $session | Save-GladiaLiveAudio -Path $work -ErrorVariable exists -ErrorAction SilentlyContinue
        $again | Should -BeNullOrEmpty
        $exists[0].FullyQualifiedErrorId | Should -Match '^FileExists'
        ($session | Save-GladiaLiveAudio -Path $work -Force).Length | Should -BeGreaterThan 44
    }

    It 'lists past sessions with filters and paging' {
        $listed = Get-GladiaLiveResult -CustomMetadata @{ ticket = 'T-42' }
        $listed.Id | Should -Contain $session.Id
        @(Get-GladiaLiveResult -First 1).Count | Should -Be 1
        $all = @(Get-GladiaLiveResult)
        $counted = Get-GladiaLiveResult -Skip 1 -IncludeTotalCount
        $total = $counted | Where-Object { $_ -is [System.Management.Automation.PSObject] -and $_.PSObject.TypeNames -contains 'System.UInt64' -or $_ -is [uint64] }
        $total | Should -Be $all.Count
        @($counted | Where-Object { $_ -is [GladiaPS.GladiaLiveResult] }).Count | Should -Be ($all.Count - 1)
        # Paging belongs to the list form: with an id it is not a parameter at all.
        { Get-GladiaLiveResult -Id $session.Id -First 1 -ErrorAction Stop } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
    }

    It 'refuses to save several sessions into one file' {
        $one = "$work/one.wav"
        $two = 'hotel', 'india' | ForEach-Object { Send-GladiaAudio -InputObject (New-ToneRaw -Phrase $_) -PassThru }
        $saved = $two | Save-GladiaLiveAudio -Path $one -ErrorVariable clash -ErrorAction SilentlyContinue
        @($saved).Count | Should -Be 1
        $clash[0].FullyQualifiedErrorId | Should -Match '^SeveralSessionsOneFile'
        $clash[0].TargetObject | Should -Be $two[1].Id
    }

    It 'waits for a session still streaming here before reading its result or audio' {
        $live = New-ToneWav -Path "$work/streaming.wav" -Phrase 'kilo lima | mike november'
        $result = Send-GladiaAudio -LiteralPath $live.FullName -Pace RealTime | Get-GladiaLiveResult -Wait -Timeout 60
        @($result).Count | Should -Be 1
        $result.Status | Should -Be 'done'
        $result.FullTranscript | Should -Match 'kilo lima'
        $result.FullTranscript | Should -Match 'mike november'
        $saved = Send-GladiaAudio -LiteralPath $live.FullName -Pace RealTime | Save-GladiaLiveAudio -Path "$work/streamed/" -Wait -Timeout 60
        $saved.Length | Should -Be $live.Length
    }

    It 'fetches each session once however many transcripts are piped' {
        $many = 1..5 | ForEach-Object { [pscustomobject]@{ SessionId = $session.Id } }
        @($many | Get-GladiaLiveResult).Count | Should -Be 1
    }

    It 'removes a result only when confirmed' {
        $gone = New-ToneWav -Path "$work/gone.wav" -Phrase 'echo'
        $s = Send-GladiaAudio -LiteralPath $gone.FullName -PassThru
        Remove-GladiaLiveResult -Id $s.Id -WhatIf
        (Get-GladiaLiveResult -Id $s.Id).Id | Should -Be $s.Id
        $s | Remove-GladiaLiveResult -Confirm:$false
        Get-GladiaLiveResult -Id $s.Id -ErrorVariable notFound -ErrorAction SilentlyContinue
        $notFound[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'The files a session''s audio came from' {
    It 'names the file of each transcript of a session that several files went into, and all of them on its result' {
        $one = New-ToneWav -Path "$work/first.wav" -Phrase 'alpha bravo'
        $two = New-ToneWav -Path "$work/second.wav" -Phrase 'charlie delta'
        $session = New-GladiaLiveSession -FromAudio $one.FullName
        Send-GladiaAudio -Session $session -LiteralPath $one.FullName
        Send-GladiaAudio -Session $session -LiteralPath $two.FullName
        $null = Stop-GladiaRecording -Session $session -Wait -Timeout 30
        $finals = Receive-GladiaMessage -Session $session -FinalOnly
        $finals | ForEach-Object { '{0} <- {1}' -f $_.Text, $_.Path } | Should -Be @("alpha bravo <- $($one.FullName)", "charlie delta <- $($two.FullName)")
        ($finals | Format-Table | Out-String -Width 120) | Should -Match 'first\.wav\s+alpha bravo'
        $session.Paths | Should -Be @($one.FullName, $two.FullName)
        $result = Get-GladiaLiveResult -Id $session.Id -Wait -Timeout 30
        $result.Paths | Should -Be @($one.FullName, $two.FullName)
        $result.Path | Should -BeNullOrEmpty
        ($result | Format-List | Out-String -Width 200) | Should -Match 'Paths\s*: .*first\.wav, .*second\.wav'
    }

    It 'lists every file of an -AsChannels session, each transcript with the file of its channel' {
        $agent = New-ToneWav -Path "$work/agent.wav" -Phrase 'romeo sierra'
        $caller = New-ToneWav -Path "$work/caller.wav" -Phrase 'tango uniform'
        $ended = Send-GladiaAudio -LiteralPath $agent.FullName, $caller.FullName -AsChannels -PassThru
        $ended.Paths | Should -Be @($agent.FullName, $caller.FullName)
        $ended.Path | Should -BeNullOrEmpty
        $result = $ended | Get-GladiaLiveResult -Wait -Timeout 30
        $result.Paths | Should -Be @($agent.FullName, $caller.FullName)
        $result | Export-Csv -Path "$work/channels.csv" -NoTypeInformation
        (Import-Csv "$work/channels.csv").Paths | Should -Be "$($agent.FullName), $($caller.FullName)"
        # The same into a session of two channels: each transcript read back has the file of its channel.
        $session = New-GladiaLiveSession -Channels 2
        Send-GladiaAudio -Session $session -LiteralPath $agent.FullName, $caller.FullName -AsChannels
        $null = Stop-GladiaRecording -Session $session -Wait -Timeout 30
        Receive-GladiaMessage -Session $session -FinalOnly | Sort-Object Channel | ForEach-Object { '{0} {1} <- {2}' -f $_.Channel, $_.Text, $_.Path } |
            Should -Be @("0 romeo sierra <- $($agent.FullName)", "1 tango uniform <- $($caller.FullName)")
        $session.Paths | Should -Be @($agent.FullName, $caller.FullName)
    }

    It 'keeps the one file of a session made for one file' {
        $file = New-ToneWav -Path "$work/single.wav" -Phrase 'victor whiskey'
        $ended = Send-GladiaAudio -LiteralPath $file.FullName -PassThru
        $ended.Path | Should -Be $file.FullName
        ($ended | Get-GladiaLiveResult -Wait -Timeout 30).Path | Should -Be $file.FullName
    }
}

Describe 'A session still open in this runspace, that nothing here will end' {
    BeforeAll {
        $openFile = New-ToneWav -Path "$work/open.wav" -Phrase 'oscar papa'
        $open = New-GladiaLiveSession -FromAudio $openFile.FullName -Language en
        Send-GladiaAudio -Session $open -LiteralPath $openFile.FullName
        $manifest = Get-ModuleUnderTest

        # Runs a command in a second runspace of this process (the session registry is the process's), stopping it
        # after $Limit seconds: a command that would wait for good fails the test instead of hanging the run.
        function Invoke-Bounded([string] $Script, [double] $Limit = 30) {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$manifest'; $Script")
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $handle = $ps.BeginInvoke()
                $inTime = $handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($Limit))
                if (-not $inTime) { $ps.Stop() }
                $output = if ($inTime) { @($ps.EndInvoke($handle)) } else { @() }
                [pscustomobject]@{ InTime = $inTime; Seconds = $watch.Elapsed.TotalSeconds; Output = $output; Errors = @($ps.Streams.Error) }
            } finally {
                $ps.Dispose()
            }
        }
    }

    AfterAll {
        $open | Stop-GladiaRecording -Wait -Timeout 30 -ErrorAction SilentlyContinue
    }

    It 'gives the result''s current state at once without -Wait' {
        $run = Invoke-Bounded "Get-GladiaLiveResult -Id '$($open.Id)'"
        $run.InTime | Should -BeTrue
        $run.Errors | Should -BeNullOrEmpty
        $run.Output[0].Id | Should -Be $open.Id
        $run.Output[0].Status | Should -BeIn 'queued', 'processing'
    }

    It 'gives up after -Timeout with -Wait, with one Timeout error naming the session' {
        $run = Invoke-Bounded "Get-GladiaLiveResult -Id '$($open.Id)' -Wait -Timeout 2"
        $run.InTime | Should -BeTrue
        $run.Seconds | Should -BeGreaterOrEqual 1.9
        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'Timeout,*'
        $run.Errors[0].TargetObject | Should -Be $open.Id
        "$($run.Errors[0])" | Should -Match 'still streaming here after 2 s'
    }

    It 'saves nothing, at once, without -Wait' {
        $run = Invoke-Bounded "Save-GladiaLiveAudio -Id '$($open.Id)' -Path '$work/open-saved/'"
        $run.InTime | Should -BeTrue
        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'SessionStillStreaming,*'
        Test-Path "$work/open-saved/$($open.Id).wav" | Should -BeFalse
    }

    It 'gives up saving after -Timeout with -Wait' {
        $run = Invoke-Bounded "Save-GladiaLiveAudio -Id '$($open.Id)' -Path '$work/open-saved/' -Wait -Timeout 2"
        $run.InTime | Should -BeTrue
        $run.Seconds | Should -BeGreaterOrEqual 1.9
        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'Timeout,*'
        Get-ChildItem "$work/open-saved" -File -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'still reads the whole result once the session has ended' {
        $open | Stop-GladiaRecording -Wait -Timeout 30
        $result = $open | Get-GladiaLiveResult -Wait -Timeout 30
        $result.Status | Should -Be 'done'
        $result.FullTranscript | Should -Be 'oscar papa'
    }
}

Describe 'Receive-GladiaMessage -Wait while a ThreadJob sends at real time' {
    It 'writes the transcripts as they arrive and returns when the session ends' {
        # Three utterances over about four seconds: the first is final long before the last is sent.
        $file = New-ToneWav -Path "$work/live.wav" -Phrase 'foxtrot golf | hotel india | lima mike'
        $session = New-GladiaLiveSession -FromAudio $file.FullName -PartialTranscripts
        $module = Get-ModuleUnderTest
        $job = Start-ThreadJob -ArgumentList $module, $session, $file.FullName {
            param($module, $session, $path)
            Import-Module $module
            Send-GladiaAudio -Session $session -LiteralPath $path -Pace RealTime
            [DateTimeOffset]::Now
            Stop-GladiaRecording -Session $session
        }
        try {
            $received = Receive-GladiaMessage -Session $session -Wait -Timeout 60 -Type transcript
            $finals = $received | Where-Object IsFinal
            $finals.Text | Should -Be @('foxtrot golf', 'hotel india', 'lima mike')
            ($received | Where-Object { -not $_.IsFinal }).Count | Should -BeGreaterThan 0
            $session.Status | Should -Be 'Ended'
            $sendFinished = $job | Wait-Job -Timeout 30 | Receive-Job -ErrorAction Stop
            # Written as they arrived: the first utterance was final while the job was still streaming.
            $finals[0].ReceivedAt | Should -BeLessThan $sendFinished
        } finally { $job | Remove-Job -Force }
    }

    It 'keeps only final transcripts with -FinalOnly' {
        $file = New-ToneWav -Path "$work/final.wav" -Phrase 'juliett kilo'
        $session = New-GladiaLiveSession -PartialTranscripts
        Send-GladiaAudio -Session $session -LiteralPath $file.FullName
        Stop-GladiaRecording -Session $session
        $out = Receive-GladiaMessage -Session $session -Wait -FinalOnly -Timeout 30
        @($out).Count | Should -Be 1
        $out.Text | Should -Be 'juliett kilo'
    }
}
