<#
.SYNOPSIS
    The module as a user runs it: Get-Item FILES | Send-GladiaAudio, one session per file, in one pwsh process.
    Prints the driver's output format, one JSON line per final transcript (with its session and, for -Pace RealTime,
    the time it reached the pipeline), then one summary line per session. Reads the server from
    $env:GLADIA_API_URL and $env:GLADIA_API_KEY.
#>
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $ListFile,
    [ValidateSet('Max', 'RealTime')] [string] $Pace = 'Max',
    [int] $ThrottleLimit = 1,
    [int] $SampleRate = 0,
    [int] $Channels = 0
)
Import-Module $Module -ErrorAction Stop
$files = [IO.File]::ReadAllLines($ListFile)
$send = @{ Pace = $Pace; ThrottleLimit = $ThrottleLimit; ErrorVariable = 'sendErrors'; ErrorAction = 'SilentlyContinue' }
if ($SampleRate) { $send.SampleRate = $SampleRate }
if ($Channels) { $send.Channels = $Channels }

$stamped = [System.Collections.Generic.List[object]]::new()
if ($Pace -eq 'RealTime') {
    Get-Item -LiteralPath $files | Send-GladiaAudio @send |
        ForEach-Object { $stamped.Add([pscustomobject]@{ T = $_; At = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() }) }
} else {
    $transcripts = Get-Item -LiteralPath $files | Send-GladiaAudio @send
    foreach ($t in $transcripts) { $stamped.Add([pscustomobject]@{ T = $t; At = 0 }) }
}

$inv = [cultureinfo]::InvariantCulture
$out = [Text.StringBuilder]::new()
foreach ($s in $stamped) {
    $t = $s.T
    $null = $out.Append('{"type":"transcript","session_id":"').Append($t.SessionId).Append('","channel":').Append($t.Channel).
        Append(',"start":').Append($t.Start.ToString('R', $inv)).Append(',"end":').Append($t.End.ToString('R', $inv)).
        Append(',"text":"').Append($t.Text.Replace('\', '\\').Replace('"', '\"')).Append('","at_ms":').Append($s.At).Append("}`n")
}
foreach ($session in Get-GladiaLiveSession) {
    $null = $out.Append('{"summary":{"session_id":"').Append($session.Id).Append('","bytes_sent":').Append($session.BytesSent).
        Append(',"bytes_acked":').Append($session.BytesAcknowledged).Append(',"created_ms":').Append($session.CreatedAt.ToUnixTimeMilliseconds()).
        Append(',"status":"').Append($session.Status).Append('"}}').Append("`n")
}
[Console]::Out.Write($out.ToString())
[Console]::Out.Flush()
if ($sendErrors) {
    foreach ($e in $sendErrors) { [Console]::Error.WriteLine("module-client: $e") }
    exit 1
}
exit 0
