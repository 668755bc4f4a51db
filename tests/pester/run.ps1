<#
.SYNOPSIS
    Runs the module's Pester tests against the built module (out/GladiaPS unless $env:GLADIAPS_MODULE_PATH says otherwise)
    and ends with the line "Pester: N passed, N failed". Pester 5.7.1 comes from the NuGet package cache
    (dotnet restore tests/pester/Pester.Restore.csproj) or from the installed modules.
#>
[CmdletBinding()]
param(
    [string[]] $Path = $PSScriptRoot,
    [string] $ResultFile
)
# No global $ErrorActionPreference here: the tests check non-terminating errors as users see them.

$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
$fromNuGet = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
if (Test-Path $fromNuGet) {
    Import-Module $fromNuGet -Force -ErrorAction Stop
} else {
    $installed = Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0.0' | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $installed) { throw "Pester 5 was not found: run 'dotnet restore tests/pester/Pester.Restore.csproj' (or Install-PSResource Pester)." }
    Import-Module $installed -Force -ErrorAction Stop
}

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
if ($ResultFile) {
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = $ResultFile
}

$result = Invoke-Pester -Configuration $config
# A container that failed to run (BeforeAll threw) counts its tests as failed, not as missing.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
"Pester: $($result.PassedCount) passed, $failed failed"
exit ([int]($failed -gt 0))
