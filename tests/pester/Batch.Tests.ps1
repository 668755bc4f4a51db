BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $context = Initialize-GladiaTest batch
    $server = $context.Server
    $folder = $context.Work
    $expected = @{}
    function Add-Expected($file, [string[]] $phrases) { for ($c = 0; $c -lt $phrases.Count; $c++) { $expected["$($file.FullName)|$c"] = $phrases[$c] } }
    Add-Expected (New-ToneWav -Path "$folder/pcm16-mono.wav" -Phrase 'alpha bravo charlie') @('alpha bravo charlie')
    Add-Expected (New-ToneWav -Path "$folder/pcm24-48k-stereo.wav" -Phrase 'delta echo', 'foxtrot golf' -SampleRate 48000 -BitDepth 24) @('delta echo', 'foxtrot golf')
    Add-Expected (New-ToneWav -Path "$folder/alaw-8k.wav" -Phrase 'hotel india' -SampleRate 8000 -BitDepth 8 -Encoding alaw) @('hotel india')
    Add-Expected (New-ToneWav -Path "$folder/ulaw-8k.wav" -Phrase 'juliett kilo lima' -SampleRate 8000 -BitDepth 8 -Encoding ulaw) @('juliett kilo lima')
    $source = New-ToneWav -Path (Join-Path ([IO.Path]::GetTempPath()) "mp3-source-$([guid]::NewGuid().ToString('n')).wav") -Phrase 'mike november oscar'
    & ffmpeg -nostdin -loglevel error -y -i $source.FullName -b:a 128k "$folder/speech.mp3"
    if ($LASTEXITCODE -ne 0) { throw 'ffmpeg could not write the MP3 test file' }
    Remove-Item -LiteralPath $source.FullName
    Add-Expected (Get-Item "$folder/speech.mp3") @('mike november oscar')
    Set-Content -Path "$folder/notes.wav" -Value 'this is not audio'
    $null = New-Item -ItemType File -Path "$folder/empty.wav"
}

AfterAll {
    Complete-GladiaTest $context
}

Describe 'Send-GladiaAudio over a folder (one session per file)' {
    BeforeAll {
        $errors = $null
        $transcripts = Get-ChildItem $folder | Send-GladiaAudio -ErrorVariable errors -ErrorAction SilentlyContinue
    }

    It 'writes each file''s transcript word for word, per channel' {
        $got = @{}
        foreach ($t in $transcripts) { $got["$($t.Path)|$($t.Channel)"] = (@($got["$($t.Path)|$($t.Channel)"]) + $t.Text | Where-Object { $_ }) -join ' ' }
        $got.Keys | Sort-Object | Should -Be ($expected.Keys | Sort-Object)
        foreach ($key in $expected.Keys) { $got[$key] | Should -Be $expected[$key] -Because $key }
    }

    It 'writes typed final transcripts that carry their file and session' {
        $transcripts | ForEach-Object { $_ | Should -BeOfType ([GladiaPS.GladiaTranscript]) }
        $transcripts | ForEach-Object { $_.IsFinal | Should -BeTrue }
        ($transcripts | Select-Object -ExpandProperty SessionId -Unique).Count | Should -Be 5
        $transcripts | ForEach-Object { $_.Words.Count | Should -BeGreaterThan 0 }
    }

    It 'reports the bad and the empty file as non-terminating errors naming the file, and goes on' {
        $errors.Count | Should -Be 2
        $byTarget = @{}; $errors | ForEach-Object { $byTarget[[IO.Path]::GetFileName([string] $_.TargetObject)] = $_ }
        $byTarget.Keys | Sort-Object | Should -Be @('empty.wav', 'notes.wav')
        $byTarget['empty.wav'].ToString() | Should -Match 'empty'
        $byTarget['empty.wav'].FullyQualifiedErrorId | Should -Match '^InvalidAudio'
        $byTarget['notes.wav'].ToString() | Should -Match 'notes\.wav'
    }

    It 'gives the same transcripts with -ThrottleLimit 4' {
        $parallel = Get-ChildItem $folder -Filter *.wav | Send-GladiaAudio -ThrottleLimit 4 -ErrorAction SilentlyContinue
        $parallel.Count | Should -Be ($transcripts | Where-Object { $_.Path -like '*.wav' }).Count
        foreach ($t in $parallel) { $expected["$($t.Path)|$($t.Channel)"] | Should -Be $t.Text }
    }

    It 'writes the ended sessions with -PassThru, ready for Get-GladiaLiveResult and Save-GladiaLiveAudio' {
        $sessions = Get-ChildItem $folder -Filter 'pcm*.wav' | Send-GladiaAudio -PassThru
        $sessions.Count | Should -Be 2
        $sessions | ForEach-Object { $_.Status | Should -Be 'Ended'; $_.Outcome.Succeeded | Should -BeTrue; $_.BytesAcknowledged | Should -Be $_.BytesSent }
        $results = $sessions | Get-GladiaLiveResult -Wait -Timeout 30
        ($results | Where-Object Id -eq ($sessions | Where-Object Path -like '*mono.wav').Id).FullTranscript | Should -Be 'alpha bravo charlie'
    }

    It 'expands wildcards in -Path and takes literal paths with brackets' {
        $odd = New-ToneWav -Path "$folder/[take 1].wav" -Phrase 'papa quebec'
        try {
            (Send-GladiaAudio -LiteralPath $odd.FullName).Text | Should -Be 'papa quebec'
            (Send-GladiaAudio -Path "$folder/pcm16-*.wav").Text | Should -Be 'alpha bravo charlie'
        } finally { Remove-Item -LiteralPath $odd.FullName }
    }

    It 'reports a path that does not exist and goes on with the next' {
        $out = Send-GladiaAudio -Path "$folder/missing.wav", "$folder/pcm16-mono.wav" -ErrorVariable missing -ErrorAction SilentlyContinue
        $out.Text | Should -Be 'alpha bravo charlie'
        $missing.Count | Should -Be 1
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Send-GladiaAudio -AsChannels' {
    It 'makes the files of one call the channels of one session, in the order given' {
        $a = New-ToneWav -Path "$folder/../agent-$([guid]::NewGuid().ToString('n')).wav" -Phrase 'romeo sierra'
        $b = New-ToneWav -Path "$folder/../caller-$([guid]::NewGuid().ToString('n')).wav" -Phrase 'tango uniform victor' -SampleRate 8000
        try {
            $out = Send-GladiaAudio -LiteralPath $a.FullName, $b.FullName -AsChannels
            ($out | Select-Object -ExpandProperty SessionId -Unique).Count | Should -Be 1
            ($out | Where-Object Channel -eq 0).Text | Should -Be 'romeo sierra'
            ($out | Where-Object Channel -eq 1).Text | Should -Be 'tango uniform victor'
            ($out | Where-Object Channel -eq 0).Path | Should -Be $a.FullName
            ($out | Where-Object Channel -eq 1).Path | Should -Be $b.FullName
        } finally { Remove-Item -LiteralPath $a.FullName, $b.FullName }
    }
}

Describe 'Send-GladiaAudio with bytes and streams' {
    It 'sends raw bytes in the session format as one session' {
        $bytes = New-ToneRaw -Phrase 'whiskey xray'
        (Send-GladiaAudio -InputObject $bytes).Text | Should -Be 'whiskey xray'
    }

    It 'reads a WAV stream by its header' {
        $stream = [IO.File]::OpenRead("$folder/pcm24-48k-stereo.wav")
        try { (Send-GladiaAudio -Stream $stream | Sort-Object Channel).Text | Should -Be @('delta echo', 'foxtrot golf') }
        finally { $stream.Dispose() }
    }

    It 'reads a process''s output, which cannot seek, by what it holds: <Name>' -ForEach @(
        @{ Name = 'a WAV header'; File = 'pcm24-48k-stereo.wav'; Expected = @('delta echo', 'foxtrot golf'); Format = '24-bit PCM, 48000 Hz, stereo' }
        @{ Name = 'an MP3 (ffmpeg)'; File = 'speech.mp3'; Expected = @('mike november oscar'); Format = $null }
    ) {
        $start = if ([IO.Path]::DirectorySeparatorChar -eq '\') { [Diagnostics.ProcessStartInfo]::new('cmd.exe', "/c type `"$folder\$File`"") }
                 else { [Diagnostics.ProcessStartInfo]::new('cat', "$folder/$File") }
        $start.UseShellExecute = $false; $start.RedirectStandardOutput = $true
        $process = [Diagnostics.Process]::Start($start)
        try {
            $process.StandardOutput.BaseStream.CanSeek | Should -BeFalse
            $out = Send-GladiaAudio -Stream $process.StandardOutput.BaseStream -Verbose 4>&1
            ($out | Where-Object { $_ -is [GladiaPS.GladiaTranscript] } | Sort-Object Channel).Text | Should -Be $Expected
            $said = ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
            if ($Format) { $said | Should -Match "read as $([regex]::Escape($Format))" }
        } finally { $process.WaitForExit(); $process.Dispose() }
    }

    It 'reads the bytes of a WAV file passed as -InputObject by their header' {
        $bytes = [IO.File]::ReadAllBytes("$folder/pcm24-48k-stereo.wav")
        (Send-GladiaAudio -InputObject $bytes | Sort-Object Channel).Text | Should -Be @('delta echo', 'foxtrot golf')
    }
}
