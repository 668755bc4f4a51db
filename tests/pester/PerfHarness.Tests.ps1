# The performance harness (tests/perf/run.sh) in its smoke form: a few seconds of tone words through each client
# (Gladia's JavaScript SDK, the bare ClientWebSocket client, the core's driver, Send-GladiaAudio) against the local server,
# in every suite, so the harness keeps working. It measures nothing here; it asserts that every run was exact.
BeforeDiscovery {
    # The harness reads memory and processes from Linux's /proc, and runs through bash and Node.js.
    $notLinux = -not ($IsLinux -eq $true)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    if (-not ($IsLinux -eq $true)) { return }
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $out = Join-Path ([IO.Path]::GetTempPath()) ('gladiaps-perf-' + [guid]::NewGuid().ToString('n'))
    & dotnet build (Join-Path $repo 'tests/perf/GladiaPS.Perf') -c Release -nologo -v q | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'tests/perf/GladiaPS.Perf did not build' }
    # The solution build (tests/run-all.sh) has built the server and the driver; the module under test is the built one.
    $env:PERF_NO_BUILD = '1'
    $env:PERF_MODULE = Get-ModuleUnderTest
    try {
        $log = & bash (Join-Path $repo 'tests/perf/run.sh') --smoke --out $out 2>&1
        $exit = $LASTEXITCODE
    } finally {
        Remove-Item Env:PERF_NO_BUILD, Env:PERF_MODULE -ErrorAction SilentlyContinue
    }
    $resultsFile = Join-Path $out 'results.json'
    $results = if (Test-Path $resultsFile) { Get-Content -Raw $resultsFile | ConvertFrom-Json } else { @() }
    function Get-Runs([string] $Suite, [string] $Client) { @($results | Where-Object { $_.Suite -eq $Suite -and (-not $Client -or $_.Client -eq $Client) }) }
}

AfterAll {
    if ($out) { Remove-Item -Recurse -Force $out -ErrorAction SilentlyContinue }
}

Describe 'The performance harness, smoke run' -Skip:$notLinux {
    It 'finishes with every run exact' {
        $exit | Should -Be 0 -Because ($log | Select-Object -Last 30 | Out-String)
        $results.Count | Should -BeGreaterThan 0
        Join-Path $out 'report.md' | Should -Exist
    }

    It 'streams every file through <_> exactly, every byte acknowledged' -ForEach 'sdk', 'bare', 'core', 'module' {
        $runs = Get-Runs 'stream' $_
        $runs.Count | Should -Be 4 -Because 'a baseline, two mono lengths and the 48 kHz stereo file'
        foreach ($run in $runs) {
            $run.Failures | Should -BeNullOrEmpty -Because "$($run.Client) $($run.Label)"
            $run.Sessions | Should -Be 1
            $run.Wall | Should -BeGreaterThan 0
        }
    }

    It 'recovers every client from stalled acknowledgments with the transcript exact' {
        $runs = Get-Runs 'stall'
        ($runs.Client | Sort-Object) | Should -Be @('bare', 'core', 'module', 'sdk')
        foreach ($run in $runs) { $run.Failures | Should -BeNullOrEmpty -Because $run.Client }
    }

    It 'measures transcript latency for concurrent real-time sessions of each client' {
        $runs = Get-Runs 'realtime'
        $runs.Count | Should -Be 4
        foreach ($run in $runs) {
            $run.Failures | Should -BeNullOrEmpty -Because $run.Client
            $run.Sessions | Should -Be 2
            $run.LatenciesMs.Count | Should -Be 4 -Because "$($run.Client): two utterances in each of two sessions"
        }
    }

    It 'sends several files at once through one Send-GladiaAudio -ThrottleLimit' {
        $run = Get-Runs 'many' 'module'
        $run.Count | Should -Be 1
        $run[0].Failures | Should -BeNullOrEmpty
        $run[0].Sessions | Should -Be 4
    }
}
