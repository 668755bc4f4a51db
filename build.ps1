<#
.SYNOPSIS
    Builds, tests and packages the GladiaPS module.
.DESCRIPTION
    Tasks:
      Build    publishes src/GladiaPS into out/GladiaPS: the module folder (manifest, assemblies, help).
      Test     runs the xunit suites (dotnet test) and, when Pester 5 is installed, tests/Pester.
      Help     builds MAML help from the platyPS markdown in docs/help (needs platyPS).
      Package  builds a .nupkg for the PowerShell Gallery into out/package.
      All      Build, Help, Test, Package.
.EXAMPLE
    ./build.ps1 -Task Build
.EXAMPLE
    ./build.ps1 -Task Test -Configuration Debug
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Help', 'Package', 'All')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$moduleOut = Join-Path $root 'out/GladiaPS'

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-BuildTask {
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/GladiaPS/GladiaPS.csproj'), '-c', $Configuration, '-o', $moduleOut)
    Write-Host "Module built in $moduleOut"
}

function Invoke-HelpTask {
    $helpSource = Join-Path $root 'docs/help'
    if (-not (Test-Path $helpSource)) { Write-Warning "No help markdown in $helpSource"; return }
    if (-not (Get-Module -ListAvailable platyPS)) { throw 'The Help task needs platyPS: Install-Module platyPS -Scope CurrentUser' }
    Import-Module platyPS
    $null = New-ExternalHelp -Path $helpSource -OutputPath (Join-Path $moduleOut 'en-US') -Force
}

function Invoke-TestTask {
    Invoke-Native dotnet @('test', (Join-Path $root 'GladiaPS.sln'), '-c', $Configuration)
    $pesterTests = Join-Path $root 'tests/Pester'
    if (Test-Path $pesterTests) {
        $pester = Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0.0' | Select-Object -First 1
        if (-not $pester) { throw 'The Pester tests need Pester 5: Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser' }
        Import-Module $pester
        $config = New-PesterConfiguration
        $config.Run.Path = $pesterTests
        $config.Run.Exit = $false
        $config.Run.Throw = $true
        $config.Output.Verbosity = 'Detailed'
        $env:GLADIAPS_MODULE_PATH = Join-Path $moduleOut 'GladiaPS.psd1'
        Invoke-Pester -Configuration $config
    }
}

function Invoke-PackageTask {
    $packageOut = Join-Path $root 'out/package'
    New-Item -ItemType Directory -Force -Path $packageOut | Out-Null
    $repoName = 'GladiaPSLocal'
    if (Get-PSRepository -Name $repoName -ErrorAction SilentlyContinue) { Unregister-PSRepository -Name $repoName }
    Register-PSRepository -Name $repoName -SourceLocation $packageOut -PublishLocation $packageOut -InstallationPolicy Trusted
    try { Publish-Module -Path $moduleOut -Repository $repoName }
    finally { Unregister-PSRepository -Name $repoName }
}

$order = if ($Task -contains 'All') { 'Build', 'Help', 'Test', 'Package' } else { $Task }
foreach ($name in $order) {
    Write-Host "== $name"
    switch ($name) {
        'Build'   { Invoke-BuildTask }
        'Help'    { Invoke-HelpTask }
        'Test'    { Invoke-TestTask }
        'Package' { Invoke-PackageTask }
    }
}
