# A rehearsal of the PowerShell Gallery: the Package task publishes the built module to a local folder repository,
# and a fresh pwsh installs it from there into a clean module path, imports it by name and transcribes a file.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $moduleFolder = Split-Path (Get-ModuleUnderTest)
    $server = Start-TestServer
    $work = Join-Path ([IO.Path]::GetTempPath()) ('gladiaps-gallery-' + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $work
    $file = New-ToneWav -Path "$work/hello.wav" -Phrase 'alpha bravo charlie'
    $manifest = Import-PowerShellDataFile (Join-Path $moduleFolder 'GladiaPS.psd1')
}

AfterAll {
    Stop-TestServer $server
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

Describe 'The manifest' {
    It 'passes Test-ModuleManifest with explicit exports and a real version' {
        $tested = Test-ModuleManifest (Join-Path $moduleFolder 'GladiaPS.psd1')
        $tested.Version | Should -Be ([version] $manifest.ModuleVersion)
        $tested.Version | Should -BeGreaterThan ([version] '0.0.0')
        $manifest.CmdletsToExport | Should -Not -Contain '*'
        $manifest.FunctionsToExport.Count | Should -Be 0
        $manifest.VariablesToExport.Count | Should -Be 0
        $manifest.AliasesToExport.Count | Should -Be 0
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.FormatsToProcess | Should -Be @('GladiaPS.Format.ps1xml')
        $manifest.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Core'
    }

    It 'carries the version kept in Directory.Build.props' {
        $props = [xml] (Get-Content (Join-Path $repo 'Directory.Build.props') -Raw)
        $version = @($props.Project.PropertyGroup | ForEach-Object { $_.Version } | Where-Object { $_ })[0]
        $manifest.ModuleVersion | Should -Be ($version -replace '-.*$', '')
    }
}

Describe 'Installing from a repository' {
    It 'publishes a package that installs into a clean module path, imports by name and transcribes' {
        $repository = Join-Path $work 'repository'
        $modules = Join-Path $work 'modules'
        $null = New-Item -ItemType Directory -Path $repository, $modules
        $name = 'GladiaPSTest' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        Register-PSResourceRepository -Name $name -Uri $repository -Trusted
        try { Publish-PSResource -Path $moduleFolder -Repository $name }
        finally { Unregister-PSResourceRepository -Name $name }
        $package = Get-ChildItem $repository -Filter 'GladiaPS.*.nupkg'
        $package.Name | Should -Be "GladiaPS.$($manifest.ModuleVersion).nupkg"

        $out = Start-Job -ArgumentList $repository, $modules, $server.Url, $server.ApiKey, $file.FullName {
            param($repository, $modules, $url, $key, $file)
            $name = 'GladiaPSInstall' + [guid]::NewGuid().ToString('n').Substring(0, 8)
            Register-PSResourceRepository -Name $name -Uri $repository -Trusted
            try { Save-PSResource -Name GladiaPS -Repository $name -Path $modules -TrustRepository }
            finally { Unregister-PSResourceRepository -Name $name }
            $env:PSModulePath = $modules + [IO.Path]::PathSeparator + $env:PSModulePath
            Import-Module GladiaPS
            $env:GLADIA_API_URL = $url
            [pscustomobject]@{
                Base = (Get-Module GladiaPS).ModuleBase
                Commands = (Get-Command -Module GladiaPS).Count
                Text = (Send-GladiaAudio -LiteralPath $file -ApiKey $key).Text
            }
        } | Wait-Job -Timeout 180 | Receive-Job -ErrorAction Stop
        $out.Base | Should -BeLike "$modules*"
        $out.Commands | Should -Be 14
        $out.Text | Should -Be 'alpha bravo charlie'
    }
}
