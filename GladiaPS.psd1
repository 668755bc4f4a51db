@{
    RootModule             = 'GladiaPS.dll'
    # The version is kept once, in Directory.Build.props: the build writes it into the published manifest.
    ModuleVersion          = '0.0.0'
    GUID                   = '3f6b2a4e-8c1d-4f7a-9b2e-5d6c7a8b9e01'
    Author                 = 'GladiaPS contributors'
    CompanyName            = 'GladiaPS'
    Copyright              = '(c) GladiaPS contributors. MIT License.'
    Description            = 'Speech-to-text from PowerShell with the Gladia API v2: transcribe files and URLs as pre-recorded jobs (speaker diarization, subtitles, PII redaction, translation, summaries) or stream files, bytes, streams and sound devices into live sessions that survive dropped connections; typed transcripts on the pipeline, results, audio and subtitles.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('GladiaPS.Format.ps1xml')
    FunctionsToExport      = @()
    CmdletsToExport        = @(
        'New-GladiaLiveSession', 'Send-GladiaAudio', 'Receive-GladiaMessage', 'Stop-GladiaRecording',
        'Get-GladiaLiveResult', 'Save-GladiaLiveAudio', 'Remove-GladiaLiveResult', 'Get-GladiaLiveSession',
        'ConvertTo-GladiaSubtitle', 'Get-GladiaAudioDevice',
        'Invoke-GladiaTranscription', 'Get-GladiaTranscription', 'Remove-GladiaTranscription', 'Save-GladiaTranscriptionAudio'
    )
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Gladia', 'SpeechToText', 'Transcription', 'Realtime', 'Live', 'WebSocket', 'Audio', 'Subtitles', 'Diarization', 'PreRecorded', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://github.com/GladiaPS/GladiaPS'
            ReleaseNotes = @'
First release of the cmdlets: New-GladiaLiveSession, Send-GladiaAudio (files, wildcards, pipeline from Get-ChildItem,
bytes, streams; one session per file or into a session; -ThrottleLimit; -AsChannels), Receive-GladiaMessage,
Stop-GladiaRecording, Get-GladiaLiveResult, Save-GladiaLiveAudio, Remove-GladiaLiveResult, Get-GladiaLiveSession and
ConvertTo-GladiaSubtitle. Sessions resume after dropped connections without losing or doubling audio.
Pre-recorded transcription: Invoke-GladiaTranscription (files streamed to /v2/upload, or -Url; diarization, subtitles,
PII redaction, sentences, audio-to-LLM prompts; -ThrottleLimit, -NoWait, -CallbackUrl), Get-GladiaTranscription,
Remove-GladiaTranscription and Save-GladiaTranscriptionAudio.
'@
        }
    }
}
