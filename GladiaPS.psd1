@{
    RootModule           = 'GladiaPS.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '3f6b2a4e-8c1d-4f7a-9b2e-5d6c7a8b9e01'
    Author               = 'GladiaPS contributors'
    CompanyName          = 'GladiaPS'
    Copyright            = '(c) GladiaPS contributors. MIT License.'
    Description          = 'Real-time speech-to-text from PowerShell with the Gladia live API v2: stream audio files, read typed transcripts from the pipeline, fetch results.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    RequiredAssemblies   = @()
    FormatsToProcess     = @('GladiaPS.Format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'New-GladiaLiveSession', 'Send-GladiaAudio', 'Receive-GladiaMessage', 'Stop-GladiaRecording',
        'Get-GladiaLiveResult', 'Save-GladiaLiveAudio', 'Remove-GladiaLiveResult', 'Get-GladiaLiveSession',
        'ConvertTo-GladiaSubtitle'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Gladia', 'SpeechToText', 'Transcription', 'Realtime', 'WebSocket', 'Audio', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://www.powershellgallery.com/packages/GladiaPS'
        }
    }
}
