BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = Import-Module (Get-ModuleUnderTest) -Force -PassThru
    function Complete([string] $line) {
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
    }
}

Describe 'The module' {
    It 'exports exactly the cmdlets the assembly defines' {
        $defined = $module.ImplementingAssembly.GetTypes() |
            Where-Object { $_.IsPublic -and -not $_.IsAbstract -and $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" }
        $module.ExportedCmdlets.Keys | Sort-Object | Should -Be ($defined | Sort-Object)
        $module.ExportedCmdlets.Keys | Should -Contain 'Send-GladiaAudio'
        $module.ExportedCmdlets.Keys | Should -Contain 'Invoke-GladiaTranscription'
        $module.ExportedCmdlets.Count | Should -Be 14
    }

    It 'declares an output type on every cmdlet' {
        foreach ($name in $module.ExportedCmdlets.Keys) {
            (Get-Command $name).OutputType | Should -Not -BeNullOrEmpty -Because $name
        }
    }

    It 'shares the session options between New-GladiaLiveSession and Send-GladiaAudio' {
        $new = (Get-Command New-GladiaLiveSession).Parameters.Keys
        $send = (Get-Command Send-GladiaAudio).Parameters.Keys
        foreach ($p in 'Language', 'Model', 'Endpointing', 'TranslateTo', 'CustomVocabulary', 'CustomMetadata', 'Option', 'PartialTranscripts', 'ApiKey', 'Region') {
            $new | Should -Contain $p
            $send | Should -Contain $p
        }
    }
}

Describe 'Tab completion' {
    It 'suggests <Expected> for "<Line>"' -ForEach @(
        @{ Line = 'Send-GladiaAudio -Language fr'; Expected = 'fr' }
        @{ Line = 'New-GladiaLiveSession -Model sol'; Expected = 'solaria-1' }
        @{ Line = 'New-GladiaLiveSession -Region eu'; Expected = 'eu-west' }
        @{ Line = 'New-GladiaLiveSession -Encoding wav/u'; Expected = 'wav/ulaw' }
        @{ Line = 'New-GladiaLiveSession -SampleRate 4'; Expected = '44100' }
        @{ Line = 'New-GladiaLiveSession -TranslateTo w'; Expected = 'wo' }
        @{ Line = 'Receive-GladiaMessage -Type post_'; Expected = 'post_final_transcript' }
    ) {
        (Complete $Line).CompletionText | Should -Contain $Expected
    }

    It 'shows the language''s name and finds a language by its name' {
        $fr = Complete 'Send-GladiaAudio -Language fr' | Where-Object CompletionText -eq 'fr'
        $fr.ToolTip | Should -Match 'French'
        (Complete 'Send-GladiaAudio -Language Germ').CompletionText | Should -Contain 'de'
    }

    It 'suggests without restricting: a value it does not know is still passed on' {
        { New-GladiaLiveSession -Model 'solaria-9' -ApiKey x -WhatIf -ErrorAction Stop } | Should -Throw -ExpectedMessage '*WhatIf*'
        $cmd = Get-Command New-GladiaLiveSession
        $cmd.Parameters['Model'].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Should -BeNullOrEmpty
    }
}

Describe 'Views and subtitles' {
    BeforeAll {
        $server = Start-TestServer
        $env:GLADIA_API_URL = $server.Url
        $env:GLADIA_API_KEY = $server.ApiKey
        $work = Join-Path ([IO.Path]::GetTempPath()) ('gladiaps-view-' + [guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $work
        $file = New-ToneWav -Path "$work/two.wav" -Phrase 'alpha bravo | charlie delta echo foxtrot golf hotel india juliett kilo lima', 'mike november'
        $transcripts = Send-GladiaAudio -LiteralPath $file.FullName
        $result = $transcripts | Get-GladiaLiveResult -Wait -Timeout 30
    }

    AfterAll {
        Stop-TestServer $server
        Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
        Remove-Item Env:GLADIA_API_URL, Env:GLADIA_API_KEY -ErrorAction SilentlyContinue
    }

    It 'shows a transcript as its time, channel and text' {
        $table = ($transcripts | Out-String -Width 120) -split "`n" | Where-Object { $_.Trim() }
        $table[0] | Should -Match '^\s*Start\s+End\s+Ch\s+Text\s*$'
        $table | Where-Object { $_ -match '^\s*\d+\.\d\d\s+\d+\.\d\d\s+1 mike november\s*$' } | Should -Not -BeNullOrEmpty
    }

    It 'shows a session''s messages and transcripts as one timeline' {
        $s = New-GladiaLiveSession -FromAudio $file.FullName -LifecycleEvents
        Send-GladiaAudio -Session $s -LiteralPath $file.FullName
        Stop-GladiaRecording -Session $s -Wait
        $text = Receive-GladiaMessage -Session $s | Out-String -Width 120
        ([regex]::Matches($text, '(?m)^\s*Start\s+End\s+Ch\s+Text\s*$')).Count | Should -Be 1
        $text | Should -Match '(?m)^\s+\[start_session\]\s*$'
        $text | Should -Match '(?m)^\s*\d+\.\d\d\s+\d+\.\d\d\s+1 mike november\s*$'
        $text | Should -Match '\[post_final_transcript\] '
    }

    It 'shows a session and a result with their few columns' {
        ($result | Out-String -Width 200) | Should -Match 'Id\s+Status\s+Audio\s+FullTranscript'
        $session = Get-GladiaLiveSession | Select-Object -Last 1
        ($session | Out-String -Width 200) | Should -Match 'Id\s+Status\s+Format\s+Audio\s+Acked\s+Reconnects'
        ($session | Out-String -Width 200) | Should -Match 'Ended\s+pcm 16-bit 16 kHz x2'
    }

    It 'writes SRT from a result, with the channel as the speaker and long utterances split' {
        $srt = $result | ConvertTo-GladiaSubtitle -MaxLineLength 20
        $blocks = ($srt.Trim() -split "`n`n")
        $blocks[0] | Should -Match '^1\n00:00:00,\d{3} --> 00:00:0\d,\d{3}\n\[Channel [01]\] '
        ($srt | Select-String -Pattern '\[Channel 1\] mike november' -AllMatches).Matches.Count | Should -Be 1
        $lines = $srt -split "`n" | Where-Object { $_ -and $_ -notmatch '^\d+$' -and $_ -notmatch '-->' }
        $lines | ForEach-Object { ($_ -replace '^\[Channel \d\] ', '').Length | Should -BeLessOrEqual 20 }
        ($lines -replace '^\[Channel \d\] ', '' -join ' ') | Should -Match 'charlie delta echo foxtrot golf hotel india juliett kilo lima'
    }

    It 'writes WebVTT from transcripts' {
        $vtt = $transcripts | ConvertTo-GladiaSubtitle -Format WebVtt
        $vtt | Should -Match '^WEBVTT\n\n'
        $vtt | Should -Match '\n00:00:\d\d\.\d{3} --> 00:00:\d\d\.\d{3}\n<v Channel 1>mike november\n'
    }

    It 'reports input that has no utterances and goes on' {
        $out = 'text', $transcripts[0] | ConvertTo-GladiaSubtitle -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -Match '^NotATranscript'
        $out | Should -Match $transcripts[0].Text
    }
}
