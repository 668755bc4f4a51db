<#
.SYNOPSIS
    Builds the module's external help (MAML) and about topics from the platyPS markdown in docs/help.

.DESCRIPTION
    Writes <OutputFolder>/GladiaPS.dll-Help.xml (named by the "external help file" of the markdown's front
    matter) and <OutputFolder>/about_*.help.txt.

    When platyPS is installed, its New-ExternalHelp does the work. Otherwise this script reads the markdown
    itself (the platyPS 0.14 schema 2.0.0 layout) and writes the same MAML. Malformed markdown stops the script
    with a message naming the file, the line and what is wrong; nothing is written then.

    Runs in Windows PowerShell 5.1 and PowerShell 7.

.EXAMPLE
    ./tools/New-GladiaMamlHelp.ps1 -MarkdownFolder docs/help -OutputFolder out/GladiaPS/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $MarkdownFolder,

    [Parameter(Mandatory = $true)]
    [string] $OutputFolder
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

$MarkdownFolder = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($MarkdownFolder)
$OutputFolder = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputFolder)
if (-not (Test-Path -LiteralPath $MarkdownFolder -PathType Container)) {
    throw "New-GladiaMamlHelp: the markdown folder '$MarkdownFolder' does not exist."
}

$platyPS = Get-Module -ListAvailable -Name platyPS | Sort-Object Version -Descending | Select-Object -First 1
if ($platyPS) {
    Import-Module $platyPS -ErrorAction Stop
    if (-not (Test-Path -LiteralPath $OutputFolder)) { $null = New-Item -ItemType Directory -Path $OutputFolder }
    New-ExternalHelp -Path $MarkdownFolder -OutputPath $OutputFolder -Force -ErrorAction Stop
    return
}

$script:CommandSections = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
$script:YamlKeys = @('Type', 'Parameter Sets', 'Aliases', 'Required', 'Position', 'Default value', 'Accept pipeline input', 'Accept wildcard characters')
$script:CommonParameterNames = @('Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction', 'ErrorVariable',
    'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable')

function Stop-Malformed {
    param([string] $File, [int] $Line, [string] $Message)
    $where = [IO.Path]::GetFileName($File)
    if ($Line -gt 0) { $where += ':' + $Line }
    throw "New-GladiaMamlHelp: malformed markdown in $where`: $Message"
}

function Read-MarkdownLines {
    param([string] $File)
    $text = [IO.File]::ReadAllText($File, [Text.Encoding]::UTF8)
    if ($text.Length -gt 0 -and $text[0] -eq [char] 0xFEFF) { $text = $text.Substring(1) }
    $text = $text.Replace("`r`n", "`n").Replace("`r", "`n")
    , ($text -split "`n")
}

# Splits lines into blocks at headings of the given level ("## "), ignoring headings inside code fences.
function Split-AtHeading {
    param([string] $File, [string[]] $Lines, [int] $Start, [int] $End, [string] $Marker)
    $blocks = New-Object System.Collections.ArrayList
    $current = $null
    $fence = $false
    for ($i = $Start; $i -lt $End; $i++) {
        $line = $Lines[$i]
        if ($line -match '^\s*```') { $fence = -not $fence }
        if (-not $fence -and $line.StartsWith($Marker) -and -not $line.StartsWith($Marker + '#')) {
            $current = @{ Title = $line.Substring($Marker.Length).Trim(); Line = $i + 1; Start = $i + 1; End = $End }
            if ($blocks.Count -gt 0) { $blocks[$blocks.Count - 1].End = $i }
            [void] $blocks.Add($current)
        }
        elseif ($null -eq $current -and $line.Trim().Length -gt 0 -and -not $fence -and $Marker -eq '## ') {
            Stop-Malformed $File ($i + 1) "text before the first '## ' section: '$line'."
        }
    }
    if ($fence) { Stop-Malformed $File $End 'a code fence (```) is not closed.' }
    , $blocks.ToArray()
}

# Paragraphs of plain text: blank lines separate them; lines of one paragraph are joined.
function Get-Paragraphs {
    param([string[]] $Lines)
    $paras = New-Object System.Collections.ArrayList
    $buffer = New-Object System.Collections.ArrayList
    $fence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') {
            $fence = -not $fence
            continue
        }
        if ($fence) { [void] $buffer.Add($line); continue }
        if ($line.Trim().Length -eq 0) {
            if ($buffer.Count -gt 0) { [void] $paras.Add(($buffer -join "`n").Trim()); $buffer.Clear() }
            continue
        }
        [void] $buffer.Add($line.TrimEnd())
    }
    if ($buffer.Count -gt 0) { [void] $paras.Add(($buffer -join "`n").Trim()) }
    , @($paras | Where-Object { $_.Length -gt 0 })
}

function Get-SectionLines {
    param([string[]] $Lines, $Block)
    if ($Block.End -le $Block.Start) { return , @() }
    , @($Lines[$Block.Start..($Block.End - 1)])
}

function Read-CommandMarkdown {
    param([string] $File)
    $lines = Read-MarkdownLines $File
    if ($lines.Count -eq 0 -or $lines[0].Trim() -ne '---') { Stop-Malformed $File 1 "it must start with YAML front matter ('---')." }
    $meta = @{}
    $i = 1
    while ($i -lt $lines.Count -and $lines[$i].Trim() -ne '---') {
        if ($lines[$i] -match '^\s*([^:]+):\s*(.*)$') { $meta[$Matches[1].Trim()] = $Matches[2].Trim() }
        elseif ($lines[$i].Trim().Length -gt 0) { Stop-Malformed $File ($i + 1) "front matter line '$($lines[$i])' is not 'key: value'." }
        $i++
    }
    if ($i -ge $lines.Count) { Stop-Malformed $File 1 "the front matter is not closed with '---'." }
    foreach ($key in 'external help file', 'Module Name', 'schema') {
        if (-not $meta.ContainsKey($key) -or -not $meta[$key]) { Stop-Malformed $File 1 "the front matter has no '$key'." }
    }
    if ($meta['schema'] -ne '2.0.0') { Stop-Malformed $File 1 "schema '$($meta['schema'])' is not 2.0.0." }
    $i++
    while ($i -lt $lines.Count -and $lines[$i].Trim().Length -eq 0) { $i++ }
    if ($i -ge $lines.Count -or $lines[$i] -notmatch '^# (\S+)\s*$') { Stop-Malformed $File ($i + 1) "the front matter must be followed by '# <command name>'." }
    $name = $Matches[1]
    $expected = [IO.Path]::GetFileNameWithoutExtension($File)
    if ($name -ne $expected) { Stop-Malformed $File ($i + 1) "the title '# $name' does not match the file name '$expected'." }
    if ($name -notmatch '^([A-Za-z]+)-(\w+)$') { Stop-Malformed $File ($i + 1) "'$name' is not a Verb-Noun command name." }
    $command = @{
        Name = $name; Verb = $Matches[1]; Noun = $Matches[2]; File = $File; HelpFile = $meta['external help file']
        OnlineVersion = $(if ($meta.ContainsKey('online version')) { $meta['online version'] } else { '' })
    }

    $sections = @{}
    foreach ($block in (Split-AtHeading $File $lines ($i + 1) $lines.Count '## ')) {
        $title = $block.Title.ToUpperInvariant()
        if ($script:CommandSections -notcontains $title) { Stop-Malformed $File $block.Line "unknown section '## $($block.Title)'; expected one of: $($script:CommandSections -join ', ')." }
        if ($sections.ContainsKey($title)) { Stop-Malformed $File $block.Line "section '## $title' appears twice." }
        $sections[$title] = $block
    }
    foreach ($title in $script:CommandSections) {
        if (-not $sections.ContainsKey($title)) { Stop-Malformed $File 0 "section '## $title' is missing." }
    }

    $command.Synopsis = (Get-Paragraphs (Get-SectionLines $lines $sections['SYNOPSIS'])) -join "`n"
    if (-not $command.Synopsis) { Stop-Malformed $File $sections['SYNOPSIS'].Line 'the SYNOPSIS is empty.' }
    $command.Description = Get-Paragraphs (Get-SectionLines $lines $sections['DESCRIPTION'])
    if ($command.Description.Count -eq 0) { Stop-Malformed $File $sections['DESCRIPTION'].Line 'the DESCRIPTION is empty.' }
    $command.Notes = Get-Paragraphs (Get-SectionLines $lines $sections['NOTES'])

    # PARAMETERS: ### -Name, its description, then one or more ```yaml blocks.
    $command.Parameters = New-Object System.Collections.ArrayList
    $seen = @{}
    $paramSection = $sections['PARAMETERS']
    foreach ($block in (Split-AtHeading $File $lines $paramSection.Start $paramSection.End '### ')) {
        if ($block.Title -eq 'CommonParameters') { continue }
        if ($block.Title -notmatch '^-(\w+)$') { Stop-Malformed $File $block.Line "parameter heading '### $($block.Title)' is not '### -Name'." }
        $pname = $Matches[1]
        if ($seen.ContainsKey($pname)) { Stop-Malformed $File $block.Line "parameter -$pname is documented twice." }
        $seen[$pname] = $true
        $body = Get-SectionLines $lines $block
        $descLines = New-Object System.Collections.ArrayList
        $yamls = New-Object System.Collections.ArrayList
        $j = 0
        while ($j -lt $body.Count) {
            if ($body[$j] -match '^\s*```yaml\s*$') {
                $yaml = @{ Line = $block.Start + $j + 1 }
                $j++
                while ($j -lt $body.Count -and $body[$j] -notmatch '^\s*```\s*$') {
                    if ($body[$j] -match '^([^:]+):\s*(.*)$') { $yaml[$Matches[1].Trim()] = $Matches[2].Trim() }
                    elseif ($body[$j].Trim().Length -gt 0) { Stop-Malformed $File ($block.Start + $j + 1) "parameter -$pname`: yaml line '$($body[$j])' is not 'key: value'." }
                    $j++
                }
                if ($j -ge $body.Count) { Stop-Malformed $File $yaml.Line "parameter -$pname`: the yaml block is not closed." }
                foreach ($key in $script:YamlKeys) {
                    if (-not $yaml.ContainsKey($key)) { Stop-Malformed $File $yaml.Line "parameter -$pname`: the yaml block has no '$key'." }
                }
                if ($yaml['Required'] -notmatch '^(True|False)$') { Stop-Malformed $File $yaml.Line "parameter -$pname`: Required is '$($yaml['Required'])', not True or False." }
                if ($yaml['Position'] -notmatch '^(Named|\d+)$') { Stop-Malformed $File $yaml.Line "parameter -$pname`: Position is '$($yaml['Position'])', not Named or a number." }
                if (-not $yaml['Type']) { Stop-Malformed $File $yaml.Line "parameter -$pname`: Type is empty." }
                [void] $yamls.Add($yaml)
            }
            elseif ($yamls.Count -eq 0) { [void] $descLines.Add($body[$j]) }
            elseif ($body[$j].Trim().Length -gt 0) { Stop-Malformed $File ($block.Start + $j + 1) "parameter -$pname`: text after its yaml block." }
            $j++
        }
        if ($yamls.Count -eq 0) { Stop-Malformed $File $block.Line "parameter -$pname has no ```yaml block." }
        $desc = Get-Paragraphs $descLines.ToArray()
        if ($desc.Count -eq 0) { Stop-Malformed $File $block.Line "parameter -$pname has no description." }
        [void] $command.Parameters.Add(@{ Name = $pname; Description = $desc; Yaml = $yamls.ToArray() })
    }

    # SYNTAX: one code block per parameter set, under "### SetName" when there are several.
    $command.Syntax = New-Object System.Collections.ArrayList
    $syntaxLines = Get-SectionLines $lines $sections['SYNTAX']
    $setName = '(All)'
    $k = 0
    while ($k -lt $syntaxLines.Count) {
        $line = $syntaxLines[$k]
        if ($line -match '^### (.+?)(\s+\(Default\))?\s*$') { $setName = $Matches[1] }
        elseif ($line -match '^\s*```') {
            $k++
            $text = New-Object System.Collections.ArrayList
            while ($k -lt $syntaxLines.Count -and $syntaxLines[$k] -notmatch '^\s*```') { [void] $text.Add($syntaxLines[$k]); $k++ }
            $joined = ($text -join ' ').Trim()
            if (-not $joined.StartsWith($name + ' ') -and $joined -ne $name) { Stop-Malformed $File ($sections['SYNTAX'].Start + $k) "a syntax block does not start with '$name'." }
            $names = @([regex]::Matches($joined, '(?<![\w-])-(\w+)') | ForEach-Object { $_.Groups[1].Value })
            foreach ($n in $names) {
                if (-not $seen.ContainsKey($n)) { Stop-Malformed $File ($sections['SYNTAX'].Start + $k) "the syntax of set '$setName' names -$n, which has no '### -$n' in PARAMETERS." }
            }
            [void] $command.Syntax.Add(@{ Set = $setName; Parameters = $names })
        }
        $k++
    }
    if ($command.Syntax.Count -eq 0) { Stop-Malformed $File $sections['SYNTAX'].Line 'the SYNTAX has no code block.' }

    # EXAMPLES: ### title, optional introduction, a code block, remarks.
    $command.Examples = New-Object System.Collections.ArrayList
    $exSection = $sections['EXAMPLES']
    foreach ($block in (Split-AtHeading $File $lines $exSection.Start $exSection.End '### ')) {
        $body = Get-SectionLines $lines $block
        $intro = New-Object System.Collections.ArrayList
        $code = New-Object System.Collections.ArrayList
        $remarks = New-Object System.Collections.ArrayList
        $state = 'intro'
        foreach ($line in $body) {
            if ($line -match '^\s*```') {
                if ($state -eq 'code') { $state = 'remarks' } else { $state = 'code'; if ($code.Count -gt 0) { [void] $code.Add('') } }
                continue
            }
            if ($state -eq 'intro') { [void] $intro.Add($line) }
            elseif ($state -eq 'code') { [void] $code.Add($line) }
            else { [void] $remarks.Add($line) }
        }
        if ($code.Count -eq 0) { Stop-Malformed $File $block.Line "example '$($block.Title)' has no code block." }
        [void] $command.Examples.Add(@{
                Title = $block.Title; Introduction = (Get-Paragraphs $intro.ToArray())
                Code = ($code -join "`n").Trim("`n"); Remarks = (Get-Paragraphs $remarks.ToArray())
            })
    }

    $command.Inputs = Read-TypeList $File $lines $sections['INPUTS']
    $command.Outputs = Read-TypeList $File $lines $sections['OUTPUTS']

    $command.Links = New-Object System.Collections.ArrayList
    foreach ($line in (Get-SectionLines $lines $sections['RELATED LINKS'])) {
        if ($line.Trim().Length -eq 0) { continue }
        if ($line.Trim() -notmatch '^\[([^\]]+)\]\(([^)]*)\)$') { Stop-Malformed $File 0 "related link '$line' is not '[text](uri)'." }
        [void] $command.Links.Add(@{ Text = $Matches[1]; Uri = $Matches[2] })
    }
    $command
}

function Read-TypeList {
    param([string] $File, [string[]] $Lines, $Section)
    $list = New-Object System.Collections.ArrayList
    $body = Get-SectionLines $Lines $Section
    foreach ($line in $body) {
        if ($line.Trim().Length -gt 0 -and -not $line.StartsWith('### ')) {
            if ($list.Count -eq 0) { Stop-Malformed $File $Section.Line "## $($Section.Title): text before the first '### <type>'." }
            break
        }
        if ($line.StartsWith('### ')) { break }
    }
    foreach ($block in (Split-AtHeading $File $Lines $Section.Start $Section.End '### ')) {
        [void] $list.Add(@{ Type = $block.Title; Description = (Get-Paragraphs (Get-SectionLines $Lines $block)) })
    }
    , $list.ToArray()
}

# ---- MAML -------------------------------------------------------------------------------------------------

$script:MamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$script:CommandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$script:DevNs = 'http://schemas.microsoft.com/maml/dev/2004/10'

function Write-TypeList($w, [string] $listName, [string] $itemName, $types) {
    # INPUTS and OUTPUTS share one shape: a type name and its description.
    $w.WriteStartElement('command', $listName, $script:CommandNs)
    foreach ($t in $types) {
        $w.WriteStartElement('command', $itemName, $script:CommandNs)
        $w.WriteStartElement('dev', 'type', $script:DevNs)
        $w.WriteElementString('maml', 'name', $script:MamlNs, $t.Type)
        $w.WriteEndElement()
        Write-Paras $w $t.Description
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
}

function Write-Paras {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    $Writer.WriteStartElement('maml', 'description', $script:MamlNs)
    foreach ($p in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $script:MamlNs, $p) }
    $Writer.WriteEndElement()
}

function Get-YamlFor {
    param($Parameter, [string] $Set)
    foreach ($yaml in $Parameter.Yaml) {
        $sets = @($yaml['Parameter Sets'] -split ',\s*' | ForEach-Object { $_.Trim() })
        if ($Set -eq '(All)' -or $sets -contains '(All)' -or $sets -contains $Set) { return $yaml }
    }
    $Parameter.Yaml[0]
}

function Write-Parameter {
    param([System.Xml.XmlWriter] $Writer, $Parameter, $Yaml, [bool] $InSyntax)
    $type = $Yaml['Type']
    $aliases = $Yaml['Aliases']
    if (-not $aliases) { $aliases = 'none' }
    $position = $Yaml['Position']
    if ($position -eq 'Named') { $position = 'named' }
    $isSwitch = $type -eq 'SwitchParameter' -or $type -eq 'System.Management.Automation.SwitchParameter'
    $Writer.WriteStartElement('command', 'parameter', $script:CommandNs)
    $Writer.WriteAttributeString('required', $Yaml['Required'].ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', 'true')
    $Writer.WriteAttributeString('globbing', $Yaml['Accept wildcard characters'].ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Yaml['Accept pipeline input'])
    $Writer.WriteAttributeString('position', $position)
    $Writer.WriteAttributeString('aliases', $aliases)
    $Writer.WriteElementString('maml', 'name', $script:MamlNs, $Parameter.Name)
    Write-Paras $Writer $Parameter.Description
    if ($Yaml.ContainsKey('Accepted values') -and $Yaml['Accepted values']) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $script:CommandNs)
        foreach ($value in ($Yaml['Accepted values'] -split ',\s*')) {
            $Writer.WriteStartElement('command', 'parameterValue', $script:CommandNs)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('command', 'variableLength', $script:CommandNs, 'false')
            $Writer.WriteString($value.Trim())
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    if (-not ($isSwitch -and $InSyntax)) {
        $Writer.WriteStartElement('command', 'parameterValue', $script:CommandNs)
        $Writer.WriteAttributeString('required', $(if ($isSwitch) { 'false' } else { 'true' }))
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($type)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $script:DevNs)
    $Writer.WriteElementString('maml', 'name', $script:MamlNs, $type)
    $Writer.WriteElementString('maml', 'uri', $script:MamlNs, '')
    $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $script:DevNs, $Yaml['Default value'])
    $Writer.WriteEndElement()
}

function Write-Command {
    param([System.Xml.XmlWriter] $Writer, $Command)
    $w = $Writer
    $w.WriteStartElement('command', 'command', $script:CommandNs)
    $w.WriteAttributeString('xmlns', 'maml', 'http://www.w3.org/2000/xmlns/', $script:MamlNs)
    $w.WriteAttributeString('xmlns', 'command', 'http://www.w3.org/2000/xmlns/', $script:CommandNs)
    $w.WriteAttributeString('xmlns', 'dev', 'http://www.w3.org/2000/xmlns/', $script:DevNs)
    $w.WriteAttributeString('xmlns', 'MSHelp', 'http://www.w3.org/2000/xmlns/', 'http://msdn.microsoft.com/mshelp')

    $w.WriteStartElement('command', 'details', $script:CommandNs)
    $w.WriteElementString('command', 'name', $script:CommandNs, $Command.Name)
    $w.WriteElementString('command', 'verb', $script:CommandNs, $Command.Verb)
    $w.WriteElementString('command', 'noun', $script:CommandNs, $Command.Noun)
    Write-Paras $w @($Command.Synopsis)
    $w.WriteEndElement()

    Write-Paras $w $Command.Description

    $byName = @{}
    foreach ($p in $Command.Parameters) { $byName[$p.Name] = $p }

    $w.WriteStartElement('command', 'syntax', $script:CommandNs)
    foreach ($item in $Command.Syntax) {
        $w.WriteStartElement('command', 'syntaxItem', $script:CommandNs)
        $w.WriteElementString('maml', 'name', $script:MamlNs, $Command.Name)
        foreach ($n in $item.Parameters) {
            $p = $byName[$n]
            Write-Parameter $w $p (Get-YamlFor $p $item.Set) $true
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $script:CommandNs)
    foreach ($p in $Command.Parameters) {
        # A parameter mandatory in some parameter sets is shown as required; its set-by-set detail is in the syntax.
        $yaml = $p.Yaml[0]
        foreach ($candidate in $p.Yaml) { if ($candidate['Required'] -eq 'True') { $yaml = $candidate; break } }
        Write-Parameter $w $p $yaml $false
    }
    $w.WriteEndElement()

    Write-TypeList $w 'inputTypes' 'inputType' $Command.Inputs
    Write-TypeList $w 'returnValues' 'returnValue' $Command.Outputs

    $w.WriteStartElement('maml', 'alertSet', $script:MamlNs)
    $w.WriteStartElement('maml', 'alert', $script:MamlNs)
    foreach ($p in $Command.Notes) { $w.WriteElementString('maml', 'para', $script:MamlNs, $p) }
    $w.WriteEndElement()
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'examples', $script:CommandNs)
    foreach ($ex in $Command.Examples) {
        $w.WriteStartElement('command', 'example', $script:CommandNs)
        $w.WriteElementString('maml', 'title', $script:MamlNs, "-------------------------- $($ex.Title) --------------------------")
        if ($ex.Introduction.Count -gt 0) {
            $w.WriteStartElement('maml', 'introduction', $script:MamlNs)
            foreach ($p in $ex.Introduction) { $w.WriteElementString('maml', 'para', $script:MamlNs, $p) }
            $w.WriteEndElement()
        }
        $w.WriteElementString('dev', 'code', $script:DevNs, $ex.Code)
        $w.WriteStartElement('dev', 'remarks', $script:DevNs)
        foreach ($p in $ex.Remarks) { $w.WriteElementString('maml', 'para', $script:MamlNs, $p) }
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('maml', 'relatedLinks', $script:MamlNs)
    if ($Command.OnlineVersion) {
        $w.WriteStartElement('maml', 'navigationLink', $script:MamlNs)
        $w.WriteElementString('maml', 'linkText', $script:MamlNs, 'Online Version:')
        $w.WriteElementString('maml', 'uri', $script:MamlNs, $Command.OnlineVersion)
        $w.WriteEndElement()
    }
    foreach ($link in $Command.Links) {
        $w.WriteStartElement('maml', 'navigationLink', $script:MamlNs)
        $w.WriteElementString('maml', 'linkText', $script:MamlNs, $link.Text)
        # Links to the other markdown files name commands: Get-Help shows the text; only web links keep a uri.
        $uri = ''
        if ($link.Uri -match '^[a-z]+://') { $uri = $link.Uri }
        $w.WriteElementString('maml', 'uri', $script:MamlNs, $uri)
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteEndElement()
}

# ---- About topics -----------------------------------------------------------------------------------------

function Format-Wrapped {
    param([string] $Text, [string] $Indent, [string] $FirstIndent, [int] $Width = 80)
    $out = New-Object System.Collections.ArrayList
    $line = $FirstIndent
    $empty = $true
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        if (-not $empty -and ($line.Length + 1 + $word.Length) -gt $Width) {
            [void] $out.Add($line)
            $line = $Indent + $word
        }
        elseif ($empty) { $line += $word }
        else { $line += ' ' + $word }
        $empty = $false
    }
    if (-not $empty) { [void] $out.Add($line) }
    $out.ToArray()
}

function Convert-AboutMarkdown {
    param([string] $File)
    $lines = Read-MarkdownLines $File
    $i = 0
    while ($i -lt $lines.Count -and $lines[$i].Trim().Length -eq 0) { $i++ }
    if ($i -lt $lines.Count -and $lines[$i].Trim() -eq '---') {
        $i++
        while ($i -lt $lines.Count -and $lines[$i].Trim() -ne '---') { $i++ }
        if ($i -ge $lines.Count) { Stop-Malformed $File 1 "the front matter is not closed with '---'." }
        $i++
        while ($i -lt $lines.Count -and $lines[$i].Trim().Length -eq 0) { $i++ }
    }
    $expected = [IO.Path]::GetFileNameWithoutExtension($File)
    if ($i -ge $lines.Count -or $lines[$i] -notmatch '^# (about_\w+)\s*$') { Stop-Malformed $File ($i + 1) "an about topic must start with '# $expected'." }
    if ($Matches[1] -ne $expected) { Stop-Malformed $File ($i + 1) "the title '# $($Matches[1])' does not match the file name '$expected'." }
    $sectionsSeen = @{}
    $out = New-Object System.Collections.ArrayList
    [void] $out.Add('TOPIC')
    [void] $out.Add('    ' + $expected)
    $para = New-Object System.Collections.ArrayList
    $flush = {
        if ($para.Count -gt 0) {
            $text = ($para -join ' ')
            if ($text -match '^\s*[-*] (.*)$') {
                foreach ($l in (Format-Wrapped $Matches[1] '      ' '    - ')) { [void] $out.Add($l) }
            }
            else {
                foreach ($l in (Format-Wrapped $text '    ' '    ')) { [void] $out.Add($l) }
            }
            [void] $out.Add('')
            $para.Clear()
        }
    }
    $fence = $false
    $inCode = $false
    for ($i = $i + 1; $i -lt $lines.Count; $i++) {
        $line = $lines[$i].TrimEnd()
        if ($line -match '^\s*```') {
            & $flush
            $fence = -not $fence
            if (-not $fence) { [void] $out.Add('') }
            continue
        }
        if ($fence) { [void] $out.Add('        ' + $line); continue }
        if ($line -match '^(#{2,6}) (.+)$') {
            & $flush
            if ($inCode) { [void] $out.Add(''); $inCode = $false }
            $heading = $Matches[2].Trim()
            if ($Matches[1] -eq '##') {
                $sectionsSeen[$heading.ToUpperInvariant()] = $true
                if ($out[$out.Count - 1] -ne '') { [void] $out.Add('') }
                [void] $out.Add($heading.ToUpperInvariant())
            }
            else {
                if ($out[$out.Count - 1] -ne '') { [void] $out.Add('') }
                [void] $out.Add('  ' + $heading.ToUpperInvariant())
            }
            continue
        }
        if ($line -match '^# ') { Stop-Malformed $File ($i + 1) "a second '# ' title: '$line'." }
        if ($line -match '^(    |\t)(.*)$' -and $para.Count -eq 0) {
            # An indented code block.
            [void] $out.Add('        ' + $Matches[2])
            $inCode = $true
            continue
        }
        if ($line.Length -eq 0) {
            & $flush
            if ($inCode) { [void] $out.Add(''); $inCode = $false }
            continue
        }
        if ($line -match '^\s*[-*] ' -and $para.Count -gt 0) { & $flush }
        [void] $para.Add($line.Trim())
    }
    if ($fence) { Stop-Malformed $File $lines.Count 'a code fence (```) is not closed.' }
    & $flush
    foreach ($required in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        if (-not $sectionsSeen.ContainsKey($required)) { Stop-Malformed $File 0 "an about topic needs a '## $required' section." }
    }
    # Collapse runs of blank lines.
    $final = New-Object System.Collections.ArrayList
    foreach ($l in $out) {
        if ($l -eq '' -and $final.Count -gt 0 -and $final[$final.Count - 1] -eq '') { continue }
        [void] $final.Add($l)
    }
    (($final -join [Environment]::NewLine).TrimEnd()) + [Environment]::NewLine
}

# ---- Main ---------------------------------------------------------------------------------------------------

$files = @(Get-ChildItem -LiteralPath $MarkdownFolder -Filter '*.md' -File | Sort-Object Name)
$commandFiles = @($files | Where-Object { $_.Name -notlike 'about_*' })
$aboutFiles = @($files | Where-Object { $_.Name -like 'about_*' })
if ($commandFiles.Count -eq 0) { throw "New-GladiaMamlHelp: no command markdown (*.md) in '$MarkdownFolder'." }

$commands = @(foreach ($f in $commandFiles) { Read-CommandMarkdown $f.FullName })
$abouts = @(foreach ($f in $aboutFiles) { @{ Name = $f.BaseName; Text = (Convert-AboutMarkdown $f.FullName) } })

if (-not (Test-Path -LiteralPath $OutputFolder)) { $null = New-Item -ItemType Directory -Path $OutputFolder }
$utf8 = New-Object System.Text.UTF8Encoding($false)
foreach ($group in ($commands | Group-Object { $_.HelpFile })) {
    $settings = New-Object System.Xml.XmlWriterSettings
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.Encoding = $utf8
    $settings.NewLineChars = [Environment]::NewLine
    $target = Join-Path $OutputFolder $group.Name
    $stream = New-Object System.IO.MemoryStream
    $writer = [System.Xml.XmlWriter]::Create($stream, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($command in $group.Group) { Write-Command $writer $command }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
        $writer.Flush()
    }
    finally { $writer.Close() }
    [IO.File]::WriteAllBytes($target, $stream.ToArray())
    Get-Item -LiteralPath $target
}
foreach ($about in $abouts) {
    $target = Join-Path $OutputFolder ($about.Name + '.help.txt')
    [IO.File]::WriteAllText($target, $about.Text, $utf8)
    Get-Item -LiteralPath $target
}
