# The objects the commands write, in PowerShell's own tools: Export-Csv and ConvertTo-Csv give readable columns (no
# type names, no raw JSON), ConvertTo-Json a small document (seconds as numbers, names for states), Raw one name away.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $context = Initialize-GladiaTest objects
    $work = $context.Work
    $file = New-ToneWav -Path "$work/two.wav" -Phrase 'alpha bravo'
    $live = @(Send-GladiaAudio -LiteralPath $file.FullName)
    $result = $live | Get-GladiaLiveResult -Wait -Timeout 30
    $session = Get-GladiaLiveSession | Where-Object Id -eq $live[0].SessionId
    $prerecorded = @(Invoke-GladiaTranscription -LiteralPath $file.FullName -Diarization)
    $job = Invoke-GladiaTranscription -LiteralPath $file.FullName -PassThru

    # Export-Csv to a file and Import-Csv back: the columns and cells a spreadsheet would see.
    function Read-BackCsv([object[]] $InputObject, [string] $Name) {
        $path = Join-Path $work "$Name.csv"
        $InputObject | Export-Csv -LiteralPath $path -NoTypeInformation
        Import-Csv -LiteralPath $path
    }

    function Should-HaveNoTypeNames([object[]] $Rows) {
        foreach ($row in $Rows) {
            foreach ($p in $row.PSObject.Properties) {
                $p.Value | Should -Not -Match 'System\.|GladiaPS\.|Generic' -Because "column $($p.Name) should be readable"
            }
        }
    }
}

AfterAll {
    Complete-GladiaTest $context
}

Describe 'Export-Csv and ConvertTo-Csv' {
    It 'writes a live transcript with its words as text and without the raw JSON' {
        $rows = @(Read-BackCsv $live 'live')
        $rows.Count | Should -Be 1
        $rows[0].Text | Should -Be 'alpha bravo'
        $rows[0].Words | Should -Be 'alpha bravo'
        $rows[0].Path | Should -Be $file.FullName
        $rows[0].SessionId | Should -Be $live[0].SessionId
        [double] $rows[0].Start | Should -Be $live[0].Start
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'Raw'
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'StartTime'
        Should-HaveNoTypeNames $rows
        ($live | ConvertTo-Csv)[0] | Should -Not -Match '"Raw"'
    }

    It 'writes a pre-recorded transcript with its speaker and job' {
        $rows = @(Read-BackCsv $prerecorded 'prerecorded')
        $rows[0].Words | Should -Be 'alpha bravo'
        $rows[0].Speaker | Should -Be '0'
        $rows[0].JobId | Should -Be $prerecorded[0].JobId
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'Raw'
        Should-HaveNoTypeNames $rows
    }

    It 'writes a live result''s utterances and languages as text' {
        $rows = @(Read-BackCsv $result 'result')
        $rows[0].Utterances | Should -Be '[0.30-0.74 ch0] alpha bravo'
        $rows[0].Languages | Should -Be 'en'
        $rows[0].Path | Should -Be $file.FullName
        $rows[0].Translations | Should -Be ''
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'Raw'
        Should-HaveNoTypeNames $rows
    }

    It 'writes a pre-recorded result as text, without the typed result or the raw JSON' {
        $rows = @(Read-BackCsv $job 'job')
        $rows[0].Utterances | Should -Be '[0.30-0.74 ch0] alpha bravo'
        $rows[0].Languages | Should -Be 'en'
        $rows[0].Path | Should -Be $file.FullName
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'Raw'
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'Result'
        Should-HaveNoTypeNames $rows
    }

    It 'leaves Speakers empty when diarization did not run, and counts them when it did' {
        $job.Speakers | Should -BeNullOrEmpty
        (Read-BackCsv $job 'no-diarization')[0].Speakers | Should -Be ''
        ($job | ConvertTo-Json -Depth 2 | ConvertFrom-Json).Speakers | Should -BeNullOrEmpty
        $diarized = Invoke-GladiaTranscription -LiteralPath $file.FullName -Diarization -PassThru
        $diarized.Speakers | Should -Be 1
        (Read-BackCsv $diarized 'diarization')[0].Speakers | Should -Be '1'
        ($diarized | Format-Table -View Files | Out-String -Width 200) | Should -Match '\bdone\s+\d+\.\d s\s+1\b'
    }

    It 'writes custom metadata as its pairs' {
        $tagged = Invoke-GladiaTranscription -LiteralPath $file.FullName -CustomMetadata @{ batch = 'week-12' } -PassThru
        (Read-BackCsv $tagged 'tagged').CustomMetadata | Should -Be 'batch=week-12'
    }

    It 'keeps the raw JSON one name away, out of Get-Member unless -Force' {
        ($live[0].Raw | ConvertFrom-Json).data.utterance.text | Should -Be 'alpha bravo'
        ($result.Raw | ConvertFrom-Json).id | Should -Be $result.Id
        ($job.Raw | ConvertFrom-Json).id | Should -Be $job.Id
        $job.Result.FullTranscript | Should -Be 'alpha bravo'
        ($live[0] | Get-Member -MemberType Property).Name | Should -Not -Contain 'Raw'
        ($live[0] | Get-Member -MemberType Property -Force).Name | Should -Contain 'Raw'
        ($live[0] | Format-List * | Out-String) | Should -Not -Match 'Raw\s*:'
    }
}

Describe 'ConvertTo-Json' {
    It 'writes a 2-word transcript as a small document, seconds as numbers' {
        foreach ($transcript in $live[0], $prerecorded[0]) {
            $json = $transcript | ConvertTo-Json -Depth 5
            [Text.Encoding]::UTF8.GetByteCount($json) | Should -BeLessThan 1500
            $json | Should -Not -Match 'Ticks|TotalSeconds'
            $back = $json | ConvertFrom-Json
            $back.Start | Should -BeOfType ([double])
            $back.Start | Should -Be $transcript.Start
            @($back.Words).Count | Should -Be 2
            $back.Words[0].PSObject.Properties.Name | Should -Be @('Text', 'Start', 'End', 'Confidence')
            $back.Words[1].End | Should -Be $transcript.End
        }
    }

    It 'writes results without expanded durations' {
        foreach ($r in $result, $job) {
            $json = $r | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
            $json | Should -Not -Match 'Ticks|TotalSeconds'
            ($json | ConvertFrom-Json).Status | Should -Be 'done'
        }
    }

    It 'writes a session''s status and end reason by name, and its times as seconds' {
        $session.Status | Should -Be 'Ended'
        $json = $session | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
        $json | Should -Not -Match 'Ticks|TotalSeconds'
        $back = $json | ConvertFrom-Json
        $back.Status | Should -Be 'Ended'
        $back.Outcome.Reason | Should -Be 'Completed'
        $back.Outcome.Succeeded | Should -BeTrue
        $back.Statistics.ElapsedSeconds | Should -BeOfType ([double])
        $back.Statistics.ElapsedSeconds | Should -BeGreaterThan 0
        "$($session.Outcome)" | Should -Be 'Completed (1000)'
        (Read-BackCsv $session 'session').Outcome | Should -Be 'Completed (1000)'
    }
}

Describe 'Views' {
    It 'shows times as seconds, rounded, never as a TimeSpan''s ticks' {
        foreach ($o in $live[0], $prerecorded[0]) {
            ($o | Format-List * | Out-String) | Should -Not -Match '\d\d:\d\d:\d\d\.\d{5,}'
            ($o | Out-String) | Should -Not -Match '\d\d:\d\d:\d\d\.\d{5,}'
        }
        ($session | Format-List * | Out-String) | Should -Not -Match '\d\d:\d\d:\d\d\.\d{5,}'
    }
}
