# The module's help: docs/help (platyPS markdown) built into MAML by tools/New-GladiaMamlHelp.ps1 and read by Get-Help.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    # The manifest's list: the module is not imported in this process, so the copy with help can be (a binary module's
    # assembly loads once per process, and Get-Help looks for its help beside the assembly that was loaded).
    $manifest = Import-PowerShellDataFile (Get-ModuleUnderTest)
    $commandCases = @($manifest.CmdletsToExport + $manifest.FunctionsToExport | Where-Object { $_ } | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $docs = Join-Path $repo 'docs/help'
    $generator = Join-Path $repo 'tools/New-GladiaMamlHelp.ps1'

    # A copy of the built module with the help generated into its en-US folder.
    $built = Split-Path -Parent (Get-ModuleUnderTest)
    $root = Join-Path ([IO.Path]::GetTempPath()) ('gladiaps-help-' + [guid]::NewGuid().ToString('n'))
    $copy = Join-Path $root 'GladiaPS'
    $null = New-Item -ItemType Directory -Path $root
    Copy-Item -LiteralPath $built -Destination $copy -Recurse
    Remove-Item -LiteralPath (Join-Path $copy 'en-US') -Recurse -Force -ErrorAction SilentlyContinue
    & $generator -MarkdownFolder $docs -OutputFolder (Join-Path $copy 'en-US') | Out-Null

    # Get-Help runs in a fresh process that imports only the copy: this process may hold the built module already.
    $job = Start-Job -ArgumentList (Join-Path $copy 'GladiaPS.psd1') -ScriptBlock {
        param($manifest)
        $ErrorActionPreference = 'Stop'
        $module = Import-Module $manifest -Force -PassThru
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $commands = @{}
        foreach ($command in Get-Command -Module GladiaPS) {
            $help = Get-Help $command.Name -Full
            $meta = @{}
            foreach ($p in $command.Parameters.Values) {
                $sets = @($p.ParameterSets.Values)
                $meta[$p.Name] = @{
                    Mandatory = @($sets | Where-Object IsMandatory).Count -gt 0
                    Wildcards = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                    ByValue = @($sets | Where-Object ValueFromPipeline).Count -gt 0
                    ByName = @($sets | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
                    Position = @($sets | Where-Object { $_.Position -ge 0 } | ForEach-Object { [string] $_.Position }) + 'named' | Select-Object -First 1
                    Aliases = $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' })
                }
            }
            $commands[$command.Name] = @{
                Synopsis = [string] $help.Synopsis
                Description = ($help.description | Out-String).Trim()
                Parameters = @(foreach ($p in @($help.parameters.parameter)) {
                        if ($null -eq $p) { continue }
                        @{ Name = [string] $p.name; Description = ($p.description | Out-String).Trim(); Required = [string] $p.required
                            Globbing = [string] $p.globbing; PipelineInput = [string] $p.pipelineInput; Position = [string] $p.position; Aliases = [string] $p.aliases }
                    })
                Examples = @(foreach ($e in @($help.examples.example)) { if ($e) { @{ Code = [string] $e.code; Remarks = ($e.remarks | Out-String).Trim() } } })
                SyntaxItems = @($help.syntax.syntaxItem).Count
                ParameterSets = @($command.ParameterSets).Count
                Syntax = [string] (Get-Command $command.Name -Syntax)
                Expected = @($command.Parameters.Keys | Where-Object { $_ -in 'WhatIf', 'Confirm' -or $common -notcontains $_ })
                Meta = $meta
            }
        }
        @{ ModuleBase = $module.ModuleBase; Exported = @($module.ExportedCommands.Keys); About = (Get-Help about_GladiaPS | Out-String); Commands = $commands }
    }
    $data = $job | Wait-Job -Timeout 300 | Receive-Job
    $job | Remove-Job -Force
    if (-not $data) { throw 'The help could not be read in a child process.' }

    # The ### -Name headings of a command's markdown PARAMETERS section.
    function Get-DocumentedParameter([string] $Name) {
        $text = [IO.File]::ReadAllText((Join-Path $docs "$Name.md"))
        $section = [regex]::Match($text, '(?ms)^## PARAMETERS\s*$(.*?)^## INPUTS\s*$').Groups[1].Value
        @([regex]::Matches($section, '(?m)^### -(\w+)\s*$') | ForEach-Object { $_.Groups[1].Value })
    }

    function Invoke-Generator([string] $Markdown) {
        $folder = Join-Path $root ('bad-' + [guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $folder
        [IO.File]::WriteAllText((Join-Path $folder 'Get-Thing.md'), $Markdown)
        & $generator -MarkdownFolder $folder -OutputFolder (Join-Path $folder 'out')
    }
}

AfterAll {
    Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The generated help files' {
    It 'writes the MAML and the about topic into the module''s en-US folder' {
        Join-Path $copy 'en-US/GladiaPS.dll-Help.xml' | Should -Exist
        Join-Path $copy 'en-US/about_GladiaPS.help.txt' | Should -Exist
        $data.ModuleBase | Should -Be $copy
        $xml = [xml] [IO.File]::ReadAllText((Join-Path $copy 'en-US/GladiaPS.dll-Help.xml'))
        $names = @($xml.helpItems.command | ForEach-Object { $_.details.name })
        $names | Sort-Object | Should -Be @($data.Exported | Sort-Object)
    }

    It 'is built by build.ps1 without a listing of its files in the output (./build.ps1 Demo shows only the demo)' -Skip:(-not (Test-Path (Join-Path $PSScriptRoot '../../out/GladiaPS/GladiaPS.psd1'))) {
        # The Demo task builds the help first: anything the Help task writes to the output stream lands before the demo.
        $out = & (Join-Path $repo 'build.ps1') -Task Help 6> $null
        $out | Should -BeNullOrEmpty
    }

    It 'has a markdown file for every exported command and none for a command that does not exist' {
        $files = @(Get-ChildItem $docs -Filter *.md | Where-Object Name -notlike 'about_*' | ForEach-Object BaseName)
        $files | Sort-Object | Should -Be @($data.Exported | Sort-Object)
        $manifest = Import-PowerShellDataFile (Get-ModuleUnderTest)
        @($data.Exported | Sort-Object) | Should -Be @($manifest.CmdletsToExport + $manifest.FunctionsToExport | Where-Object { $_ } | Sort-Object)
    }
}

Describe 'Get-Help <Name>' -ForEach $commandCases {
    BeforeAll {
        $help = $data.Commands[$Name]
        if (-not $help) { throw "$Name is not exported by the module." }
    }

    It 'has a synopsis, not the syntax stub PowerShell makes up without help' {
        $text = [IO.File]::ReadAllText((Join-Path $docs "$Name.md")).Replace("`r`n", "`n")
        $synopsis = [regex]::Match($text, '(?ms)^## SYNOPSIS\s*$(.*?)^## SYNTAX\s*$').Groups[1].Value.Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -Match '\{\{'
        $help.Synopsis.Trim() | Should -Be $synopsis
        $help.Synopsis | Should -Not -Match 'CommonParameters'
    }

    It 'has a description' {
        $help.Description.Length | Should -BeGreaterThan 80
    }

    It 'describes every parameter' {
        $described = @{}
        foreach ($p in $help.Parameters) { $described[$p.Name] = $p.Description }
        foreach ($p in $help.Expected) {
            $described.ContainsKey($p) | Should -BeTrue -Because "-$p of $Name needs help"
            $described[$p] | Should -Not -BeNullOrEmpty -Because "-$p of $Name needs a description"
            $described[$p] | Should -Not -Match '\{\{' -Because "-$p of $Name has a placeholder"
        }
    }

    It 'has at least two examples, each with code and a remark' {
        $help.Examples.Count | Should -BeGreaterOrEqual 2
        foreach ($e in $help.Examples) {
            $e.Code | Should -Match $Name.Split('-')[1] -Because "an example of $Name should use it"
            $e.Remarks | Should -Not -BeNullOrEmpty
        }
    }

    It 'shows the real syntax, one item per parameter set' {
        $real = @($help.Syntax -split '\r?\n' | Where-Object { $_.Trim() } | ForEach-Object { ($_.Trim() -replace '<[^>]+>', '<>').ToLowerInvariant() })
        $text = [IO.File]::ReadAllText((Join-Path $docs "$Name.md"))
        $section = [regex]::Match($text, '(?ms)^## SYNTAX\s*$(.*?)^## DESCRIPTION\s*$').Groups[1].Value
        $documented = @([regex]::Matches($section, '(?m)^' + [regex]::Escape($Name) + ' .*$') |
                ForEach-Object { ($_.Value.Trim() -replace '<[^>]+>', '<>').ToLowerInvariant() })
        $documented | Should -Be $real
        $help.SyntaxItems | Should -Be $help.ParameterSets
    }

    It 'documents exactly the parameters the command has, with their real metadata' {
        $documented = Get-DocumentedParameter $Name
        $expected = @($help.Expected)
        @($documented | Where-Object { $_ -notin $expected }) | Should -BeNullOrEmpty -Because 'documented parameters that the command no longer has are stale'
        @($expected | Where-Object { $_ -notin $documented }) | Should -BeNullOrEmpty -Because 'every parameter needs a ### heading'
        ($documented | Group-Object | Where-Object Count -gt 1) | Should -BeNullOrEmpty

        foreach ($p in $help.Parameters) {
            $meta = $help.Meta[$p.Name]
            [bool]::Parse($p.Required) | Should -Be $meta.Mandatory -Because "-$($p.Name) Required"
            [bool]::Parse($p.Globbing) | Should -Be $meta.Wildcards -Because "-$($p.Name) wildcards"
            ($p.PipelineInput -match 'ByValue') | Should -Be $meta.ByValue -Because "-$($p.Name) pipeline input by value"
            ($p.PipelineInput -match 'ByPropertyName') | Should -Be $meta.ByName -Because "-$($p.Name) pipeline input by property name"
            $p.Position | Should -Be $meta.Position -Because "-$($p.Name) Position"
            if ($p.Name -notin 'WhatIf', 'Confirm') { $p.Aliases | Should -Be $meta.Aliases -Because "-$($p.Name) aliases" }
        }
    }
}

Describe 'Get-Help about_GladiaPS' {
    It 'finds the about topic and explains the key and the settings' {
        $about = $data.About
        $about | Should -Match 'about_GladiaPS'
        $about | Should -Match 'GLADIA_API_KEY'
        $about | Should -Match 'GLADIA_API_URL'
        $about | Should -Match 'GLADIA_REGION'
        $about | Should -Match 'GladiaPS\.Emulator'
        $about | Should -Match 'ffmpeg'
    }
}

Describe 'New-GladiaMamlHelp on malformed markdown' {
    BeforeAll {
        $good = @'
---
external help file: GladiaPS.dll-Help.xml
Module Name: GladiaPS
online version:
schema: 2.0.0
---

# Get-Thing

## SYNOPSIS
Gets a thing.

## SYNTAX

```
Get-Thing [-Name] <String> [<CommonParameters>]
```

## DESCRIPTION
Gets a thing by its name.

## EXAMPLES

### Example 1: one
```powershell
Get-Thing -Name a
```

Gets a.

## PARAMETERS

### -Name
The name.

```yaml
Type: String
Parameter Sets: (All)
Aliases:

Required: True
Position: 0
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### None

## OUTPUTS

### System.Object

## NOTES

## RELATED LINKS
'@
    }

    It 'accepts a well-formed file' {
        $out = Invoke-Generator $good
        $out.Name | Should -Contain 'GladiaPS.dll-Help.xml'
    }

    It 'stops with a message naming the file and the problem when <Problem>' -ForEach @(
        @{ Problem = 'a section is missing'; From = '## NOTES'; To = '## NOTE'; Message = 'NOTE' }
        @{ Problem = 'a parameter has no yaml block'; From = '```yaml'; To = '```text'; Message = 'has no*yaml block' }
        @{ Problem = 'a yaml key is missing'; From = 'Position: 0'; To = ''; Message = "no 'Position'" }
        @{ Problem = 'the syntax names an undocumented parameter'; From = '[-Name] <String>'; To = '[-Name] <String> [-Other]'; Message = '-Other' }
        @{ Problem = 'an example has no code'; From = "``````powershell`nGet-Thing -Name a`n``````"; To = 'Get-Thing -Name a'; Message = 'no code block' }
        @{ Problem = 'a code fence is not closed'; From = "Gets a.`n"; To = "Gets a.`n``````"; Message = 'not closed' }
        @{ Problem = 'the title does not match the file'; From = '# Get-Thing'; To = '# Get-Other'; Message = 'does not match' }
        @{ Problem = 'there is no front matter'; From = "---`nexternal"; To = 'external'; Message = 'front matter' }
    ) {
        $bad = $good.Replace("`r`n", "`n").Replace($From, $To)
        $bad | Should -Not -Be $good.Replace("`r`n", "`n")
        { Invoke-Generator $bad } | Should -Throw -ExpectedMessage "*Get-Thing.md*$Message*"
    }
}
