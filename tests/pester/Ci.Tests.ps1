# The cross-platform CI definition: it parses, it covers the platforms the README claims, and its Linux job
# runs exactly the CI entry point that is run here.
BeforeDiscovery {
    $python = Get-Command python3 -ErrorAction SilentlyContinue
    $noYaml = $true
    if ($python) { & python3 -c 'import yaml' 2>$null; $noYaml = $LASTEXITCODE -ne 0 }
}

BeforeAll {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $workflow = Join-Path $repo '.github/workflows/ci.yml'
    function Read-Yaml([string] $path) {
        # PyYAML is a full YAML parser; the workflow is read as JSON from it.
        $json = & python3 -c 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding="utf-8"))))' $path
        if ($LASTEXITCODE -ne 0) { throw "The workflow does not parse as YAML: $path" }
        $json | ConvertFrom-Json -AsHashtable
    }
    function Get-RunLines($job) { @($job.steps | Where-Object { $_.run } | ForEach-Object { $_.run -split "`n" } | ForEach-Object { $_.Trim() } | Where-Object { $_ }) }
}

# The workflow is the same file everywhere: read once, by PowerShell 7 (ConvertFrom-Json -AsHashtable is 6+).
Describe 'The CI workflow (.github/workflows/ci.yml)' -Skip:($noYaml -or $PSVersionTable.PSEdition -eq 'Desktop') {
    BeforeAll { $ci = Read-Yaml $workflow }

    It 'parses and runs on ubuntu-latest, macos-latest and windows-latest with Windows PowerShell 5.1 and pwsh 7' {
        $ci.jobs.Keys | Should -Contain 'linux'
        ($ci.jobs.Values | ForEach-Object { $_.'runs-on' } | Sort-Object) | Should -Be @('macos-latest', 'ubuntu-latest', 'windows-latest')
        $ci.jobs.windows.strategy.matrix.shell | Should -Be @('powershell', 'pwsh')
        $ci.jobs.windows.defaults.run.shell | Should -Be '${{ matrix.shell }}'
        # Windows PowerShell 5.1 has no Start-ThreadJob of its own; some Pester tests use it.
        ($ci.jobs.windows.steps | Where-Object { $_.run -match 'Install-Module ThreadJob' }).if | Should -Be "matrix.shell == 'powershell'"
    }

    It 'runs on Linux exactly the CI entry point, .ci/run, which runs the whole suite' {
        Get-RunLines $ci.jobs.linux | Should -Be @('bash .ci/run')
        $entry = Get-Content (Join-Path $repo '.ci/run') | Where-Object { $_ -and $_ -notmatch '^\s*#' }
        $entry[-1] | Should -Be 'bash tests/run-all.sh'
    }

    It 'runs on macOS and Windows the build, the xunit tests and the same Pester steps as tests/run-all.sh' {
        $runAll = Get-Content -Raw (Join-Path $repo 'tests/run-all.sh')
        $runAll | Should -Match ([regex]::Escape('build.ps1 Build,Help'))
        $runAll | Should -Match ([regex]::Escape('tests/pester/run.ps1'))
        foreach ($name in 'macos', 'windows') {
            $lines = (Get-RunLines $ci.jobs[$name]) -join "`n"
            $lines | Should -Match ([regex]::Escape('dotnet build GladiaPS.sln -c Release')) -Because $name
            $lines | Should -Match ([regex]::Escape('dotnet test GladiaPS.sln -c Release --no-build')) -Because $name
            $lines | Should -Match ([regex]::Escape('dotnet restore tests/pester/Pester.Restore.csproj')) -Because $name
            $lines | Should -Match ([regex]::Escape('build.ps1 Build,Help')) -Because $name
            $lines | Should -Match ([regex]::Escape('tests/pester/run.ps1')) -Because $name
        }
    }
}
