# The module as a PowerShell user drives it: values that come from commands, objects that fit PowerShell's own tools.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $context = Initialize-GladiaTest idioms
    $server = $context.Server
    $folder = $context.Work
}

AfterAll {
    Complete-GladiaTest $context
}

Describe 'Hashtable and array parameters take values that come from commands' {
    BeforeAll {
        # Every one of these is wrapped in a PSObject by PowerShell: the way users build hashtables in scripts.
        $n = Write-Output x
        $m = Write-Output solaria-1
        $day = Get-Date -Format yyyy-MM-dd
        $when = Get-Date -Date ([datetime]::new(2026, 1, 2, 3, 4, 5, [DateTimeKind]::Utc))
        $s = New-GladiaLiveSession -CustomMetadata @{
            batch = (Get-Date -Format yyyy-MM-dd); n = $n; at = $when
            nested = @{ list = @($n, (Write-Output 2)); record = [pscustomobject]@{ k = $n } }
        } -Option @{ model = $m; realtime_processing = @{ custom_spelling = $true; custom_spelling_config = @{ spelling_dictionary = @{ Gladia = @($n) } } } } `
            -CustomVocabulary (Write-Output alpha), @{ value = $n; intensity = (Write-Output 0.5) } -CustomSpelling @{ Bravo = $n, (Write-Output brav) }
        Stop-GladiaRecording -Session $s -Wait
        $raw = (Get-GladiaLiveResult -Id $s.Id).Raw
        $sent = $raw | ConvertFrom-Json
    }

    It 'sends -CustomMetadata with command output at every depth, dates as ISO 8601' {
        $metadata = $sent.custom_metadata
        $metadata.batch | Should -Be $day
        $metadata.n | Should -Be 'x'
        # Read from the JSON text: PowerShell 7's ConvertFrom-Json turns ISO 8601 strings back into dates.
        $raw | Should -Match '"at"\s*:\s*"2026-01-02T03:04:05(\.0+)?(Z|\+00:00)"'
        $metadata.nested.list | Should -Be @('x', 2)
        $metadata.nested.record.k | Should -Be 'x'
    }

    It 'takes command output in -Option, -CustomVocabulary and -CustomSpelling' {
        $sent.request_params.model | Should -Be 'solaria-1'
        $vocabulary = $sent.request_params.realtime_processing.custom_vocabulary_config.vocabulary
        $vocabulary[0] | Should -Be 'alpha'
        $vocabulary[1].value | Should -Be 'x'
        $vocabulary[1].intensity | Should -Be 0.5
        $sent.request_params.realtime_processing.custom_spelling_config.spelling_dictionary.Bravo | Should -Be @('x', 'brav')
    }

    It 'finds the session by metadata that comes from a command' {
        $found = Get-GladiaLiveResult -CustomMetadata @{ n = $n } -First 50
        $found.Id | Should -Contain $s.Id
    }

    It 'unwraps the values of every hashtable and array parameter of every command (not pipeline input)' {
        $checked = 0
        foreach ($command in Get-Command -Module GladiaPS -CommandType Cmdlet) {
            foreach ($p in $command.Parameters.Values) {
                $fromPipeline = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipeline }
                if ($p.ParameterType -in [System.Collections.IDictionary], [hashtable], [object[]] -and -not $fromPipeline) {
                    ($p.Attributes | ForEach-Object { $_.GetType().Name }) | Should -Contain 'PlainValuesAttribute' -Because "-$($p.Name) of $($command.Name)"
                    $checked++
                }
            }
        }
        $checked | Should -BeGreaterOrEqual 11
    }

    It 'runs the README''s scheduled job line' {
        $file = New-ToneWav -Path "$folder/batch.wav" -Phrase 'alpha bravo'
        $t = Get-Item $file.FullName | Send-GladiaAudio -Language en -CustomMetadata @{ batch = (Get-Date -Format yyyy-MM-dd) } -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        $t.Text | Should -Be 'alpha bravo'
        ((Get-GladiaLiveResult -Id $t[0].SessionId).Raw | ConvertFrom-Json).custom_metadata.batch | Should -Be (Get-Date -Format yyyy-MM-dd)
    }
}

Describe 'Values this version does not know are sent, with a warning' {
    It 'sends a language Gladia may add later, warns once naming the parameter, and lets the server answer' {
        $file = New-ToneWav -Path "$folder/future.wav" -Phrase 'alpha bravo'
        $out = $null
        $refused = $null
        # An option the server refuses at session creation ends the batch with one terminating error.
        try { $out = Send-GladiaAudio -LiteralPath $file.FullName -Language 'zz' -WarningVariable warned -WarningAction SilentlyContinue }
        catch { $refused = $_ }
        $out | Should -BeNullOrEmpty
        @($warned).Count | Should -Be 1
        "$($warned[0])" | Should -Be "-Language: 'zz' is not a value this version knows; sent as given."
        # The local server knows today's list only, as Gladia's does: its 422 names the field, so the value was sent.
        $refused | Should -Not -BeNullOrEmpty
        $refused.Exception.StatusCode | Should -Be 422
        $refused.ToString() | Should -Match 'language_config\.languages'
    }

    It 'sends -SummaryType, -Model and -TranslateTo values it does not know, and -Option values past the lists' {
        $s = New-GladiaLiveSession -SummaryType limerick -TranslateTo fr -TranslationModel turbo -Option @{ model = 'solaria-9' } -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable refused -ErrorAction SilentlyContinue
        $s | Should -BeNullOrEmpty
        $warned | ForEach-Object { "$_" } | Should -Be @(
            "-Option model: 'solaria-9' is not a value this version knows; sent as given."
            "-TranslationModel: 'turbo' is not a value this version knows; sent as given."
            "-SummaryType: 'limerick' is not a value this version knows; sent as given.")
        $refused[0].Exception.StatusCode | Should -Be 422
    }

    It 'still refuses what cannot be a value: shapes and documented ranges, before any request' {
        { New-GladiaLiveSession -Language 'en', 'EN' -ErrorAction Stop } | Should -Throw -ExpectedMessage "*-Language*lowercase*"
        { New-GladiaLiveSession -SampleRate 1000 -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-SampleRate*'
        { New-GladiaLiveSession -Endpointing 11 -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-Endpointing*'
    }

    It 'refuses the audio format in -Option, pointing to the parameter, since the module writes the samples' {
        $file = New-ToneWav -Path "$folder/format.wav" -Phrase 'alpha'
        $before = @(Get-GladiaLiveSession).Count
        # Sent as given, the init would say 12 bits while the samples went out at 16: refused before any request instead.
        { Send-GladiaAudio -LiteralPath $file.FullName -Option @{ bit_depth = 12 } -WarningVariable warned -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '-Option bit_depth: the audio format is set with -Encoding, -BitDepth, -SampleRate and -Channels*use -BitDepth instead.'
        $warned | Should -BeNullOrEmpty
        # A session made for Send-GladiaAudio -Session: its format is the one the module converts to, so the same rule.
        { New-GladiaLiveSession -Option @{ sample_rate = 8000 } -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*-Option sample_rate:*use -SampleRate instead.'
        { New-GladiaLiveSession -Option @{ encoding = 'wav/alaw' } -ErrorAction Stop } | Should -Throw -ExpectedMessage '*use -Encoding instead.'
        @(Get-GladiaLiveSession).Count | Should -Be $before
        # The parameter itself refuses a size the module cannot write, and says so.
        { Send-GladiaAudio -LiteralPath $file.FullName -BitDepth 12 -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '-BitDepth 12: wav/pcm takes a bit depth of 8, 16, 24 or 32. GladiaPS encodes the audio it sends*'
    }

    It 'keeps the lists for tab completion' {
        $line = 'New-GladiaLiveSession -SummaryType bul'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'bullet_points'
    }
}

Describe 'Every init field of the live API is a parameter' {
    It 'sends the translation options and the message groups as typed parameters' {
        $s = New-GladiaLiveSession -TranslateTo fr -MatchOriginalUtterances -Lipsync -TranslationContext 'a support call' -Informal -ReceiveEvents final, post
        Stop-GladiaRecording -Session $s -Wait
        $sent = ((Get-GladiaLiveResult -Id $s.Id).Raw | ConvertFrom-Json).request_params
        $translation = $sent.realtime_processing.translation_config
        $translation.match_original_utterances | Should -BeTrue
        $translation.lipsync | Should -BeTrue
        $translation.context_adaptation | Should -BeTrue
        $translation.context | Should -Be 'a support call'
        $translation.informal | Should -BeTrue
        $messages = $sent.messages_config
        $messages.receive_final_transcripts | Should -BeTrue
        $messages.receive_post_processing_events | Should -BeTrue
        $messages.receive_pre_processing_events | Should -BeFalse
        $messages.receive_realtime_processing_events | Should -BeFalse
        $messages.receive_errors | Should -BeFalse
    }

    It 'takes -Context, the API''s name for the translation context, beside -ContextAdaptation' {
        # Without the alias -Context bound to -ContextAdaptation by prefix, and both together were "specified more than once".
        $s = New-GladiaLiveSession -TranslateTo fr -ContextAdaptation -Context 'a support call'
        Stop-GladiaRecording -Session $s -Wait
        $translation = ((Get-GladiaLiveResult -Id $s.Id).Raw | ConvertFrom-Json).request_params.realtime_processing.translation_config
        $translation.context | Should -Be 'a support call'
        $translation.context_adaptation | Should -BeTrue
        $job = Invoke-GladiaTranscription -LiteralPath (New-ToneWav -Path "$folder/context.wav" -Phrase 'alpha').FullName -TranslateTo fr -Context 'a quiz' -NoWait
        ((Get-GladiaTranscription -Id $job.Id -Wait -Timeout 30).Raw | ConvertFrom-Json).request_params.translation_config.context | Should -Be 'a quiz'
        foreach ($name in 'New-GladiaLiveSession', 'Send-GladiaAudio', 'Invoke-GladiaTranscription') {
            $claiming = (Get-Command $name).Parameters.Values | Where-Object { $_.Name -eq 'Context' -or $_.Aliases -contains 'Context' }
            $claiming.Name | Should -Be 'TranslationContext' -Because "$name has one parameter named Context"
        }
    }

    It 'completes the message groups of -ReceiveEvents' {
        $line = 'New-GladiaLiveSession -ReceiveEvents re'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'realtime'
    }
}
