# How the built module loads: its layout, its dependencies isolated from other versions in the same process,
# removal and re-import, and two runspaces at once. Each case that loads other assemblies runs in a fresh process (a job).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $modulePath = Get-ModuleUnderTest
    $moduleFolder = Split-Path $modulePath
    $server = Start-TestServer
    $work = Join-Path ([IO.Path]::GetTempPath()) ('gladiaps-load-' + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $work
    $first = New-ToneWav -Path "$work/first.wav" -Phrase 'alpha bravo charlie'
    $second = New-ToneWav -Path "$work/second.wav" -Phrase 'delta echo foxtrot'
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $otherPolly = Join-Path $packages 'polly.core/8.1.0/lib/netstandard2.0/Polly.Core.dll'
    $otherJson = Join-Path $packages 'system.text.json/6.0.0/lib/netstandard2.0/System.Text.Json.dll'

    function Invoke-Fresh([scriptblock] $Script, [object[]] $ArgumentList) {
        # A job is a new pwsh process: nothing loaded by this one is in it.
        Start-Job -ScriptBlock $Script -ArgumentList $ArgumentList | Wait-Job -Timeout 120 | Receive-Job -ErrorAction Stop
    }
}

AfterAll {
    Stop-TestServer $server
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

Describe 'The built module''s layout' {
    It 'keeps only its own assembly at the top and every dependency in dependencies/' {
        (Get-ChildItem $moduleFolder -File -Filter *.dll).Name | Should -Be 'GladiaPS.dll'
        $dependencies = (Get-ChildItem (Join-Path $moduleFolder 'dependencies') -Filter *.dll).Name
        $dependencies | Should -Contain 'GladiaPS.Core.dll'
        $dependencies | Should -Contain 'Polly.Core.dll'
        $dependencies | Should -Contain 'System.Text.Json.dll'
        Test-Path (Join-Path $moduleFolder 'GladiaPS.Format.ps1xml') | Should -BeTrue
    }
}

Describe 'Loading beside other versions of its dependencies' {
    It 'works after another Polly.Core is loaded, and keeps its own copy apart' {
        Test-Path $otherPolly | Should -BeTrue -Because 'tests/pester/Pester.Restore.csproj restores Polly.Core 8.1.0'
        $out = Invoke-Fresh {
            param($modulePath, $otherPolly, $url, $key, $file)
            $env:GLADIA_API_URL = $url
            Add-Type -Path $otherPolly
            Import-Module $modulePath
            $transcript = Send-GladiaAudio -LiteralPath $file -ApiKey $key
            $pollies = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Polly.Core' } | ForEach-Object {
                [pscustomobject]@{
                    FileVersion = [Diagnostics.FileVersionInfo]::GetVersionInfo($_.Location).FileVersion
                    Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).GetType().Name
                }
            }
            [pscustomobject]@{ Text = $transcript.Text; Pollies = $pollies }
        } -ArgumentList $modulePath, $otherPolly, $server.Url, $server.ApiKey, $first.FullName
        $out.Text | Should -Be 'alpha bravo charlie'
        $out.Pollies.Count | Should -Be 2
        ($out.Pollies | Where-Object Context -eq 'IsolatedLoadContext').FileVersion | Should -Match '^8\.9\.1'
        ($out.Pollies | Where-Object Context -ne 'IsolatedLoadContext').FileVersion | Should -Match '^8\.1\.0'
    }

    It 'works after another System.Text.Json was asked for' {
        $out = Invoke-Fresh {
            param($modulePath, $otherJson, $url, $key, $file)
            $env:GLADIA_API_URL = $url
            # PowerShell 7 already runs on its own System.Text.Json; asking for 6.0 either fails or returns the runtime's.
            try { Add-Type -Path $otherJson -ErrorAction Stop } catch { }
            Import-Module $modulePath
            (Send-GladiaAudio -LiteralPath $file -ApiKey $key).Text
        } -ArgumentList $modulePath, $otherJson, $server.Url, $server.ApiKey, $first.FullName
        $out | Should -Be 'alpha bravo charlie'
    }
}

Describe 'Removing and importing again' {
    It 'works again after Remove-Module and Import-Module, and the removal closes open sessions' {
        $out = Invoke-Fresh {
            param($modulePath, $url, $key, $file)
            $env:GLADIA_API_URL = $url; $env:GLADIA_API_KEY = $key
            Import-Module $modulePath
            $before = (Send-GladiaAudio -LiteralPath $file).Text
            $open = New-GladiaLiveSession
            Remove-Module GladiaPS
            Import-Module $modulePath
            $after = (Send-GladiaAudio -LiteralPath $file).Text
            [pscustomobject]@{ Before = $before; After = $after; OpenId = $open.Id; OpenStatus = [string] $open.Status }
        } -ArgumentList $modulePath, $server.Url, $server.ApiKey, $first.FullName
        $out.Before | Should -Be 'alpha bravo charlie'
        $out.After | Should -Be 'alpha bravo charlie'
        $out.OpenStatus | Should -Be 'Ended'
        (Invoke-TestServerApi -Server $server -Path "/emulator/sessions/$($out.OpenId)").end_reason | Should -Not -BeNullOrEmpty
    }
}

Describe 'Two runspaces at once' {
    It 'transcribes in both, each its own file' {
        $jobs = foreach ($file in $first, $second) {
            Start-ThreadJob -ArgumentList $modulePath, $server.Url, $server.ApiKey, $file.FullName {
                param($modulePath, $url, $key, $file)
                Import-Module $modulePath
                $env:GLADIA_API_URL = $url
                1..3 | ForEach-Object { (Send-GladiaAudio -LiteralPath $file -ApiKey $key).Text }
            }
        }
        $results = $jobs | Wait-Job -Timeout 120 | ForEach-Object { , @($_ | Receive-Job -ErrorAction Stop) }
        $jobs | Remove-Job -Force
        $results[0] | Should -Be (@('alpha bravo charlie') * 3)
        $results[1] | Should -Be (@('delta echo foxtrot') * 3)
    }
}
