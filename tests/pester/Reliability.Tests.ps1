BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $context = Initialize-GladiaTest rel
    $server = $context.Server
    $work = $context.Work
    $phrase = 'alpha bravo | charlie delta echo | foxtrot golf hotel india | juliett kilo'
    $file = New-ToneWav -Path "$work/long.wav" -Phrase $phrase
}

AfterAll {
    Complete-GladiaTest $context
}


Describe 'Forced disconnects' {
    AfterEach { Set-TestServerFault $server @{} }

    It 'loses and doubles nothing when the server drops the connection <Drops> times (<How>)' -ForEach @(
        @{ Drops = 2; How = 'abrupt'; Fault = @{ drop_after_bytes = 24000; drops = 2 } }
        @{ Drops = 3; How = 'close 1011'; Fault = @{ drop_after_bytes = 16000; drops = 3; drop_close_code = 1011 } }
    ) {
        Set-TestServerFault $server $Fault
        $verbose = $null
        $session = Send-GladiaAudio -LiteralPath $file.FullName -PassThru -Verbose 4>&1 | Tee-Object -Variable verbose | Where-Object { $_ -is [GladiaPS.GladiaSession] }
        $session.Reconnects | Should -Be $Drops
        $session.BytesAcknowledged | Should -Be $session.BytesSent
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -match 'Reconnecting' | Should -Not -BeNullOrEmpty
        $kept = Invoke-TestServerApi -Server $server -Path "/emulator/sessions/$($session.Id)"
        $kept.kept_bytes | Should -Be ($file.Length - 44)
        ((Get-GladiaLiveResult -Id $session.Id).Utterances.Text -join ' | ') | Should -Be $phrase
    }
}

Describe 'API errors' {
    AfterEach { Set-TestServerFault $server @{} }

    It 'retries a 429 on init and succeeds' {
        Set-TestServerFault $server @{ init_fail_status = 429; init_fail_count = 2; retry_after_seconds = 0 }
        (Send-GladiaAudio -LiteralPath $file.FullName).Count | Should -Be 4
        $inits = (Invoke-TestServerApi -Server $server -Path '/emulator/requests') | Where-Object { $_.method -eq 'POST' -and $_.path_and_query -eq '/v2/live' }
        $inits.Count | Should -BeGreaterOrEqual 3
    }

    It 'explains a refused key (401) with the status and the way to fix it' {
        # A refused key would refuse every file: the command ends with one terminating error.
        $refused = @({ Send-GladiaAudio -LiteralPath $file.FullName -ApiKey 'wrong-key' } | Should -Throw -PassThru)
        $refused[0].FullyQualifiedErrorId | Should -Match '^ApiKeyRefused'
        $refused[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $refused[0].ToString() | Should -Match '401'
        $refused[0].ErrorDetails.RecommendedAction | Should -Match 'GLADIA_API_KEY'
        $refused[0].TargetObject | Should -Be $file.FullName
    }

    It 'explains an option the server refuses (<Status>) with its message and request id' -ForEach @(
        @{ Status = 400; Option = @{ future_flag = $true } }
    ) {
        New-GladiaLiveSession -Option $Option -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused[0].ToString() | Should -Match 'future_flag'
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refused[0].Exception.StatusCode | Should -BeIn 400, 422
        $refused[0].Exception.RequestId | Should -Not -BeNullOrEmpty
        $refused[0].ToString() | Should -Match ([regex]::Escape($refused[0].Exception.RequestId))
    }

    It 'refuses an out-of-range option before any request, naming the parameter' {
        # Count the API's requests only: the test API's own calls are recorded too.
        function Get-ApiRequestCount { @(Invoke-TestServerApi -Server $server -Path '/emulator/requests' | Where-Object { $_.path_and_query -like '/v2/*' }).Count }
        $before = Get-ApiRequestCount
        $before | Should -BeGreaterThan 0
        { New-GladiaLiveSession -Endpointing 99 -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-Endpointing*'
        { New-GladiaLiveSession -SampleRate 1234 -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-SampleRate*'
        { Send-GladiaAudio -LiteralPath $file.FullName -Language 'en', 'EN' -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-Language*'
        Get-ApiRequestCount | Should -Be $before
    }

    It 'says how to give a key when there is none' {
        $saved = $env:GLADIA_API_KEY
        Remove-Item Env:GLADIA_API_KEY
        try {
            $e = { New-GladiaLiveSession -ErrorAction Stop } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -Match '^ApiKeyMissing'
            $e.Exception.Message | Should -Match '-ApiKey'
            $e.Exception.Message | Should -Match 'GLADIA_API_KEY'
        } finally { $env:GLADIA_API_KEY = $saved }
    }

    It 'takes the key as a SecureString and as a PSCredential' {
        Remove-Item Env:GLADIA_API_KEY
        try {
            $secure = ConvertTo-SecureString $server.ApiKey -AsPlainText -Force
            (Send-GladiaAudio -LiteralPath $file.FullName -ApiKey $secure).Count | Should -Be 4
            $credential = [pscredential]::new('gladia', $secure)
            (Send-GladiaAudio -LiteralPath $file.FullName -ApiKey $credential).Count | Should -Be 4
        } finally { $env:GLADIA_API_KEY = $server.ApiKey }
    }
}

Describe 'The key never shows' {
    It 'appears in no stream, error or object with -Verbose -Debug' {
        $secretServer = Start-TestServer -ApiKey 'sk-VERY-SECRET-1234567890'
        try {
            $env:GLADIA_API_URL = $secretServer.Url
            $DebugPreference = 'Continue'
            $ErrorActionPreference = 'Continue'
            $all = & {
                Send-GladiaAudio -LiteralPath $file.FullName -ApiKey 'sk-VERY-SECRET-1234567890' -PassThru -Verbose -Debug
                Send-GladiaAudio -LiteralPath "$work/missing.wav" -ApiKey 'sk-VERY-SECRET-1234567890' -Verbose -Debug
                # A refused key ends the command: its terminating error is checked like the rest.
                try { Send-GladiaAudio -LiteralPath $file.FullName -ApiKey 'sk-VERY-SECRET-1234567890-wrong' -Verbose -Debug } catch { $_ }
                $s = New-GladiaLiveSession -ApiKey 'sk-VERY-SECRET-1234567890' -Verbose -Debug
                $s; $s | Format-List * | Out-String
                $s | Stop-GladiaRecording -Wait -PassThru -Verbose -Debug | Get-GladiaLiveResult -ApiKey 'sk-VERY-SECRET-1234567890' -Verbose -Debug
            } *>&1
            $DebugPreference = 'SilentlyContinue'
            $text = ($all | ForEach-Object {
                    $_ | Out-String
                    if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.ToString(); $_.ErrorDetails | Out-String }
                    if ($_ -is [GladiaPS.GladiaSession]) { $_.Url; $_.ToString() }
                }) -join "`n"
            $text.Length | Should -BeGreaterThan 1000
            $text | Should -Match 'DEBUG|VERBOSE|Session'
            $text | Should -Not -Match 'VERY-SECRET'
        } finally {
            $env:GLADIA_API_URL = $server.Url
            Stop-TestServer $secretServer
        }
    }
}

Describe 'Ctrl+C' {
    It 'stops a real-time send within a second and closes the session it created' {
        $long = New-ToneWav -Path "$work/minute.wav" -Phrase ((1..12 | ForEach-Object { 'lima mike november' }) -join ' | ')
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $path, $url, $key)
                $env:GLADIA_API_URL = $url; $env:GLADIA_API_KEY = $key
                Import-Module $module
                Send-GladiaAudio -LiteralPath $path -Pace RealTime
            }).AddArgument((Get-ModuleUnderTest)).AddArgument($long.FullName).AddArgument($server.Url).AddArgument($server.ApiKey)
        $before = @(Invoke-TestServerApi -Server $server -Path '/emulator/sessions').id
        $async = $ps.BeginInvoke()
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            do {
                $new = @(Invoke-TestServerApi -Server $server -Path '/emulator/sessions') | Where-Object { $_.id -notin $before -and $_.received_bytes -gt 32000 }
            } until ($new -or [DateTime]::UtcNow -gt $deadline)
            $new | Should -Not -BeNullOrEmpty -Because 'the send should have started'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            do { $state = Invoke-TestServerApi -Server $server -Path "/emulator/sessions/$($new[0].id)" } until ($state.status -ne 'live' -and $state.status -ne 'connected' -or [DateTime]::UtcNow -gt $deadline)
            $state.end_reason | Should -Not -BeNullOrEmpty
            $state.status | Should -BeIn 'done', 'processing', 'ended', 'closed'
        } finally { $ps.Dispose() }
    }
}

Describe 'Longer than one session' {
    It 'rolls a long file over to new sessions at pauses, nothing lost or doubled, times continuous' {
        $words = 'alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november oscar papa'.Split(' ')
        $phrase = (0..7 | ForEach-Object { $words[(2 * $_)..(2 * $_ + 1)] -join ' ' }) -join ' | '
        $long = New-ToneWav -Path "$work/eight-utterances.wav" -Phrase $phrase
        $single = Send-GladiaAudio -LiteralPath $long.FullName
        # Sessions overlap on the server, but their transcripts come out in the file's time order, as Export-Csv wants them.
        $rolled = @(Send-GladiaAudio -LiteralPath $long.FullName -SessionLimit 3)
        for ($i = 1; $i -lt $rolled.Count; $i++) { $rolled[$i].Start | Should -BeGreaterOrEqual $rolled[$i - 1].Start }
        $sessions = $rolled | Select-Object -ExpandProperty SessionId -Unique
        $sessions.Count | Should -BeGreaterOrEqual 2
        ($rolled.Text -join ' | ') | Should -Be $phrase
        for ($i = 0; $i -lt $single.Count; $i++) {
            [math]::Abs($rolled[$i].Start - $single[$i].Start) | Should -BeLessThan 0.03 -Because "utterance $i starts where it does in the file"
            [math]::Abs($rolled[$i].Words[0].Start - $single[$i].Words[0].Start) | Should -BeLessThan 0.03
        }
        ($rolled | Where-Object Offset -gt 0).Count | Should -BeGreaterThan 0
        # Every session of the input, including one that held only silence and so wrote no transcript.
        $all = Send-GladiaAudio -LiteralPath $long.FullName -SessionLimit 3 -PassThru
        $all.Count | Should -BeGreaterOrEqual $sessions.Count
        $all | ForEach-Object { $_.Outcome.Succeeded | Should -BeTrue }
        $kept = $all | ForEach-Object { (Invoke-TestServerApi -Server $server -Path "/emulator/sessions/$($_.Id)").kept_bytes } | Measure-Object -Sum
        $kept.Sum | Should -Be ($long.Length - 44)
    }

    It 'deletes on the server the session it opened ahead when the input ends before needing it' {
        $short = New-ToneWav -Path "$work/spare.wav" -Phrase 'sierra tango'
        # The next session opens at 5/8 of the limit, the switch window starts at 3/4: the file ends between them.
        $limit = (($short.Length - 44) / 32000) / 0.7
        $out = Send-GladiaAudio -LiteralPath $short.FullName -SessionLimit $limit -Verbose 4>&1
        ($out | Where-Object { $_ -is [GladiaPS.GladiaTranscript] }).Text | Should -Be 'sierra tango'
        $said = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $spare = @($said | Where-Object { $_ -match 'session (\S+) was opened ahead .* deleted on the server' })
        $spare.Count | Should -Be 1 -Because ($said -join "`n")
        $null = $spare[0] -match 'session (\S+) was opened ahead'
        { Get-GladiaLiveResult -Id $Matches[1] -ErrorAction Stop } | Should -Throw '*404*'
    }
}
