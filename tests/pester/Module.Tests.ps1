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

    It 'points every cmdlet''s online help (HelpUri) at its own page in the project''s docs/help' {
        $manifest = Import-PowerShellDataFile (Get-ModuleUnderTest)
        $project = $manifest.PrivateData.PSData.ProjectUri.TrimEnd('/')
        $docs = Join-Path $PSScriptRoot '../../docs/help'
        foreach ($name in $module.ExportedCmdlets.Keys) {
            (Get-Command $name).HelpUri | Should -Be "$project/blob/main/docs/help/$name.md" -Because $name
            Join-Path $docs "$name.md" | Should -Exist
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
        @{ Line = 'ConvertTo-GladiaSubtitle -Format W'; Expected = 'WebVtt' }
        @{ Line = 'Invoke-GladiaTranscription -Model solaria-'; Expected = 'solaria-fusion' }
        @{ Line = 'Invoke-GladiaTranscription -Model solaria-'; Expected = 'solaria-3' }
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

    It 'shows a transcript as its time, channel, file and text' {
        $table = ($transcripts | Out-String -Width 120) -split "`n" | Where-Object { $_.Trim() }
        $table[0] | Should -Match '^\s*Start\s+End\s+Ch\s+File\s+Text\s*$'
        $table | Where-Object { $_ -match '^\s*\d+\.\d\d\s+\d+\.\d\d\s+1 two\.wav\s+mike november\s*$' } | Should -Not -BeNullOrEmpty
    }

    It 'tells the files of a batch apart in the transcript table, live and pre-recorded' {
        $other = New-ToneWav -Path "$work/other.wav" -Phrase 'oscar papa'
        $batch = @(Send-GladiaAudio -LiteralPath $file.FullName, $other.FullName -ThrottleLimit 2) + @(Invoke-GladiaTranscription -LiteralPath $other.FullName -Diarization)
        $text = $batch | Out-String -Width 120
        $text | Should -Match '(?m)^\s*\d+\.\d\d\s+\d+\.\d\d\s+1 two\.wav\s+mike november\s*$'
        ([regex]::Matches($text, '(?m)^\s*\d+\.\d\d\s+\d+\.\d\d\s+0 other\.wav\s+oscar papa\s*$')).Count | Should -Be 1
        $text | Should -Match '(?m)^\s*\d+\.\d\d\s+\d+\.\d\d\s+0 other\.wav\s+Speaker 0: oscar papa\s*$'
    }

    It 'shows a session''s messages and transcripts as one timeline' {
        $s = New-GladiaLiveSession -FromAudio $file.FullName -LifecycleEvents
        Send-GladiaAudio -Session $s -LiteralPath $file.FullName
        Stop-GladiaRecording -Session $s -Wait
        $text = Receive-GladiaMessage -Session $s | Out-String -Width 120
        ([regex]::Matches($text, '(?m)^\s*Start\s+End\s+Ch\s+File\s+Text\s*$')).Count | Should -Be 1
        $text | Should -Match '(?m)^\s+\[start_session\]\s*$'
        # The file sent into the session names its transcripts, as for a session made for the file.
        $text | Should -Match '(?m)^\s*\d+\.\d\d\s+\d+\.\d\d\s+1 two\.wav\s+mike november\s*$'
        $text | Should -Match '\[post_final_transcript\] '
    }

    It 'shows a session and a result with their few columns' {
        ($result | Out-String -Width 200) | Should -Match 'Id\s+Status\s+Audio\s+FullTranscript'
        ($result | Format-Table -View Files | Out-String -Width 200) | Should -Match '(?m)^two\.wav\s+done\s+\d+\.\d s\s+'
        $session = Get-GladiaLiveSession | Select-Object -Last 1
        ($session | Out-String -Width 200) | Should -Match 'Id\s+Status\s+Format\s+Audio\s+Acked\s+Reconnects'
        ($session | Out-String -Width 200) | Should -Match 'Ended\s+pcm 16-bit 16 kHz x2'
    }

    It 'shows results at 80 columns with the transcript on the line, cut rather than squeezed' {
        $short = New-ToneWav -Path "$work/short.wav" -Phrase 'oscar papa'
        $live = Send-GladiaAudio -LiteralPath $short.FullName -PassThru | Get-GladiaLiveResult -Wait -Timeout 30
        $job = Invoke-GladiaTranscription -LiteralPath $short.FullName -Diarization -PassThru
        foreach ($r in $live, $job) {
            $lines = ($r | Out-String -Width 80) -split "`n" | Where-Object { $_.Trim() }
            $lines.Count | Should -Be 3 -Because 'a header, its rule and one row'
            $lines[2] | Should -Match ('^{0}\s+done\s+\d+\.\d s oscar papa\s*$' -f $r.Id)
            $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        }
        # A transcript longer than the line is cut at the edge with an ellipsis, its words still on the row.
        $long = ($result | Out-String -Width 80) -split "`n" | Where-Object { $_ -match '^[0-9a-f-]{36} ' }
        $long | Should -Match '^[0-9a-f-]{36}\s+done\s+\d+\.\d s alpha bravo \S.*…$'
        $long.Length | Should -Be 80
        # The files, and the speakers of a pre-recorded job, in the Files view.
        ($job | Format-Table -View Files | Out-String -Width 80) | Should -Match '(?m)^short\.wav\s+done\s+\d+\.\d s\s+1 oscar papa\s*$'
        ($live | Format-Table -View Files | Out-String -Width 80) | Should -Match '(?m)^short\.wav\s+done\s+\d+\.\d s oscar papa\s*$'
    }

    It 'writes SRT from a result, with the channel as the speaker and long utterances split' {
        $srt = ($result | ConvertTo-GladiaSubtitle -MaxLineLength 20).Text
        $blocks = ($srt.Trim() -split "`n`n")
        $blocks[0] | Should -Match '^1\n00:00:00,\d{3} --> 00:00:0\d,\d{3}\n\[Channel [01]\] '
        ($srt | Select-String -Pattern '\[Channel 1\] mike november' -AllMatches).Matches.Count | Should -Be 1
        $lines = $srt -split "`n" | Where-Object { $_ -and $_ -notmatch '^\d+$' -and $_ -notmatch '-->' }
        $lines | ForEach-Object { ($_ -replace '^\[Channel \d\] ', '').Length | Should -BeLessOrEqual 20 }
        ($lines -replace '^\[Channel \d\] ', '' -join ' ') | Should -Match 'charlie delta echo foxtrot golf hotel india juliett kilo lima'
    }

    It 'writes WebVTT from transcripts' {
        $vtt = ($transcripts | ConvertTo-GladiaSubtitle -Format WebVtt).Text
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

Describe 'Subtitle documents' {
    BeforeAll {
        $server = Start-TestServer
        $env:GLADIA_API_URL = $server.Url
        $env:GLADIA_API_KEY = $server.ApiKey
        $work = Join-Path ([IO.Path]::GetTempPath()) ('gladiaps-subtitles-' + [guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path "$work/calls"
        $phrases = @{ 'one.wav' = 'alpha bravo | charlie'; 'two.wav' = 'delta echo | foxtrot'; 'three.wav' = 'golf hotel | india' }
        foreach ($name in $phrases.Keys) { $null = New-ToneWav -Path "$work/calls/$name" -Phrase $phrases[$name] }
        # Three sessions at once: their transcripts come down the pipeline interleaved.
        $transcripts = Get-ChildItem "$work/calls" -File | Send-GladiaAudio -ThrottleLimit 3
        function Get-Phrase([string] $path) { $phrases[(Split-Path -Leaf $path)] -replace ' \| ', ' ' }
    }

    AfterAll {
        Stop-TestServer $server
        Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
        Remove-Item Env:GLADIA_API_URL, Env:GLADIA_API_KEY -ErrorAction SilentlyContinue
    }

    It 'makes one document per session from the interleaved transcripts of three, each with its own words only' {
        @($transcripts.SessionId | Select-Object -Unique).Count | Should -Be 3
        $documents = @($transcripts | ConvertTo-GladiaSubtitle -Format WebVtt)
        $documents.Count | Should -Be 3
        $documents | Should -BeOfType ([GladiaPS.GladiaSubtitle])
        foreach ($document in $documents) {
            $own = $transcripts | Where-Object SessionId -eq $document.Id
            $document.Path | Should -Be ($own.Path | Select-Object -Unique)
            $document.Format | Should -Be 'WebVtt'
            ($document | ConvertTo-Json | ConvertFrom-Json).Format | Should -Be 'WebVtt'
            $document.Text | Should -Match '^WEBVTT\n\n'
            $words = ($document.Text -split "`n" | Where-Object { $_ -and $_ -ne 'WEBVTT' -and $_ -notmatch '-->' }) -join ' '
            $words | Should -Be (Get-Phrase $document.Path)
        }
    }

    It 'makes one document per result, named by its id, with the file its session was sent from' {
        $results = $transcripts | Get-GladiaLiveResult -Wait -Timeout 30
        $documents = @($results | ConvertTo-GladiaSubtitle)
        $documents.Id | Should -Be $results.Id
        $documents.Path | Should -Be $results.Path
        $results | ForEach-Object { $_.Path | Should -Be ($transcripts | Where-Object SessionId -eq $_.Id)[0].Path }
        foreach ($document in $documents) {
            $path = ($transcripts | Where-Object SessionId -eq $document.Id)[0].Path
            ($document.Text -split "`n" | Where-Object { $_ -match '^[a-z]' }) -join ' ' | Should -Be (Get-Phrase $path)
        }
    }

    It 'writes exactly the document''s text when one document goes to Set-Content' {
        $document = $transcripts | Where-Object Path -like '*two.wav' | ConvertTo-GladiaSubtitle
        $document | Set-Content -LiteralPath "$work/two.srt"
        # Set-Content ends the file with a line break, which ToString() leaves off: the file is the text (LF inside, as Text has).
        ("$document" + "`n") | Should -BeExactly $document.Text
        [IO.File]::ReadAllText("$work/two.srt") | Should -BeExactly ("$document" + [Environment]::NewLine)
    }

    It 'writes a file per document with -OutputFolder, named by id, as the file system''s items' {
        $documents = @($transcripts | ConvertTo-GladiaSubtitle -Format WebVtt)
        $files = @($transcripts | ConvertTo-GladiaSubtitle -Format WebVtt -OutputFolder "$work/subtitles")
        $files.Count | Should -Be 3
        $files | Should -BeOfType ([IO.FileInfo])
        $files.Name | Sort-Object | Should -Be ($documents.Id | ForEach-Object { "$_.vtt" } | Sort-Object)
        $files[0].PSParentPath | Should -BeLike 'Microsoft.PowerShell.Core\FileSystem::*subtitles'
        ($files | Out-String) | Should -Match 'Directory: .*subtitles'
        foreach ($document in $documents) {
            [IO.File]::ReadAllText((Join-Path "$work/subtitles" "$($document.Id).vtt")) | Should -BeExactly $document.Text
        }
        $again = $transcripts | ConvertTo-GladiaSubtitle -Format WebVtt -OutputFolder "$work/subtitles" -ErrorVariable exists -ErrorAction SilentlyContinue
        $again | Should -BeNullOrEmpty
        $exists.Count | Should -Be 3
        $exists[0].FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
        @($transcripts | ConvertTo-GladiaSubtitle -Format WebVtt -OutputFolder "$work/subtitles" -Force).Count | Should -Be 3
    }

    It 'refuses to write several sessions into one -Path file, naming them, and writes nothing' {
        $out = $transcripts | ConvertTo-GladiaSubtitle -Path "$work/all.srt" -ErrorVariable mixed -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $mixed.Count | Should -Be 1
        $mixed[0].FullyQualifiedErrorId | Should -BeLike 'SeveralDocumentsOneFile,*'
        "$($mixed[0])" | Should -Match '3 sessions or jobs'
        "$($mixed[0])" | Should -Match ([regex]::Escape($transcripts[0].SessionId))
        "$($mixed[0])" | Should -Match '-OutputFolder'
        Test-Path "$work/all.srt" | Should -BeFalse
    }

    It 'writes one session to one -Path file' {
        $one = $transcripts | Where-Object Path -like '*one.wav'
        $file = $one | ConvertTo-GladiaSubtitle -Path "$work/one.srt"
        $file.FullName | Should -Be (Join-Path $work 'one.srt')
        [IO.File]::ReadAllText($file.FullName) | Should -BeExactly ($one | ConvertTo-GladiaSubtitle).Text
    }

    It 'makes one document per pre-recorded job, from results and from their transcripts' {
        $files = Get-ChildItem "$work/calls" -File | Where-Object Name -ne 'three.wav'
        $jobs = @($files | Invoke-GladiaTranscription -PassThru)
        $documents = @($jobs | ConvertTo-GladiaSubtitle)
        $documents.Id | Should -Be $jobs.Id
        $documents.Path | Should -Be $jobs.Path
        $fromTranscripts = @($files | Invoke-GladiaTranscription | ConvertTo-GladiaSubtitle)
        $fromTranscripts.Count | Should -Be 2
        foreach ($document in $fromTranscripts) {
            ($document.Text -split "`n" | Where-Object { $_ -match '^[a-z]' }) -join ' ' | Should -Be (Get-Phrase $document.Path)
        }
    }
}
