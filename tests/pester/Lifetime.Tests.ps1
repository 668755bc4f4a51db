# A command closes the sessions it opened however it ends, so the server finishes them: a pipeline stopped downstream
# (Select-Object -First), and the process exiting with a session still open.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $context = Initialize-GladiaTest lifetime
    $server = $context.Server
    $work = $context.Work
    # Twelve utterances a second and a quarter apart: about 15 s of audio.
    $long = New-ToneWav -Path "$work/long.wav" -Phrase ((1..12 | ForEach-Object { 'alpha bravo' }) -join ' | ')
    $audioBytes = [GladiaPS.TestSupport.ToneWords.ToneWavReader]::Read($long.FullName).Data.Length

    function Wait-ServerSession([string] $Id, [double] $Seconds) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        do {
            $state = Invoke-TestServerApi -Server $server -Path "/emulator/sessions/$Id"
            if ($state.status -eq 'done') { return $state }
            Start-Sleep -Milliseconds 100
        } until ([DateTime]::UtcNow -gt $deadline)
        $state
    }
}

AfterAll {
    Complete-GladiaTest $context
}

Describe 'A pipeline stopped downstream' {
    It 'stops the session Send-GladiaAudio opened, so the server finishes it, instead of streaming on' {
        $first = Send-GladiaAudio -LiteralPath $long.FullName -Pace RealTime | Select-Object -First 1
        $first.Text | Should -Be 'alpha bravo'

        # Streaming on, the session would take the rest of the 15 s of audio before it could be done.
        $state = Wait-ServerSession $first.SessionId 5
        $state.status | Should -Be 'done'
        $state.end_reason | Should -BeIn 'StopRecording', 'ClientClose'
        $state.received_bytes | Should -BeLessThan ($audioBytes / 2)
        $state.drops | Should -Be 0
        (Get-GladiaLiveSession -Id $first.SessionId).Status | Should -Be 'Ended'
    }
}

Describe 'A process that exits with a session open' {
    It 'closes the session with 1000 on the way out, so the server finishes it' {
        $script = Join-Path $work 'exit.ps1'
        Set-Content -LiteralPath $script -Value @'
param($modulePath, $url, $key, $file)
$env:GLADIA_API_URL = $url; $env:GLADIA_API_KEY = $key
Import-Module $modulePath
$session = New-GladiaLiveSession -FromAudio $file
Send-GladiaAudio -Session $session -LiteralPath $file
$session.Id
'@
        $pwsh = Get-PowerShellCommand
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script, (Get-ModuleUnderTest), $server.Url, $server.ApiKey, $long.FullName)
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $id = & $pwsh[0] @arguments
        $LASTEXITCODE | Should -Be 0
        $id | Should -Match '^[0-9a-f-]{36}$'

        $state = Wait-ServerSession $id 10
        $state.status | Should -Be 'done'
        $state.end_reason | Should -Be 'ClientClose'
        $state.drops | Should -Be 0
        $state.kept_bytes | Should -Be $audioBytes
    }
}

# [IO.Path]::DirectorySeparatorChar rather than $IsWindows, which Windows PowerShell 5.1 does not define.
Describe 'A process told to terminate (SIGTERM) with a session open' -Skip:([IO.Path]::DirectorySeparatorChar -eq '\') {
    It 'closes the session with 1000 before it goes, so the server finishes it' {
        $script = Join-Path $work 'sigterm.ps1'
        $idFile = Join-Path $work 'sigterm-id.txt'
        Set-Content -LiteralPath $script -Value @'
param($modulePath, $url, $key, $file, $idFile)
$env:GLADIA_API_URL = $url; $env:GLADIA_API_KEY = $key
Import-Module $modulePath
$session = New-GladiaLiveSession -FromAudio $file
Send-GladiaAudio -Session $session -LiteralPath $file
Set-Content -LiteralPath $idFile -Value $session.Id
Start-Sleep -Seconds 120
'@
        $pwsh = Get-PowerShellCommand
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script, (Get-ModuleUnderTest), $server.Url, $server.ApiKey, $long.FullName, $idFile)
        $child = Start-Process -FilePath $pwsh[0] -ArgumentList ($arguments | ForEach-Object { '"' + $_ + '"' }) -PassThru -RedirectStandardOutput (Join-Path $work 'sigterm.out')
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not (Test-Path -LiteralPath $idFile) -and -not $child.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $id = (Get-Content -LiteralPath $idFile -ErrorAction Stop | Select-Object -First 1).Trim()
            $id | Should -Match '^[0-9a-f-]{36}$'
            (Invoke-TestServerApi -Server $server -Path "/emulator/sessions/$id").status | Should -Not -Be 'done'

            & (Get-Command kill -CommandType Application | Select-Object -First 1).Source -TERM $child.Id
            $child.WaitForExit(15000) | Should -BeTrue -Because 'SIGTERM still ends the process'
        } finally {
            if (-not $child.HasExited) { $child.Kill() }
        }

        $state = Wait-ServerSession $id 10
        $state.status | Should -Be 'done'
        $state.end_reason | Should -Be 'ClientClose'
        $state.kept_bytes | Should -Be $audioBytes
    }
}
