#!/usr/bin/env bash
# Upload benchmark (not part of CI): a large WAV file sent to the local server's POST /v2/upload by
# Invoke-GladiaTranscription -NoWait and by `curl -F`, on the same file and the same server, alternately.
# Reports each run's wall time and the client process's peak RSS (/usr/bin/time -v).
#   tests/perf/prerecorded-upload.sh [size-in-MiB (default 1024)] [runs (default 2)]
# Needs: the solution built in Release, the module built (build.ps1 Build), ffmpeg, curl, /usr/bin/time.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
size_mib="${1:-1024}"
runs="${2:-2}"
work="$(mktemp -d)"
key="bench-$RANDOM$RANDOM"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# Silence at 48 kHz stereo 16-bit (192000 bytes/s): the server reads the header only at upload.
seconds=$(( size_mib * 1024 * 1024 / 192000 ))
ffmpeg -nostdin -loglevel error -f lavfi -i "anullsrc=r=48000:cl=stereo" -t "$seconds" -c:a pcm_s16le "$work/big.wav"
bytes=$(stat -c %s "$work/big.wav")

mkfifo "$work/server.out"
framework=$(sed -n 's:.*<TargetFramework>\(.*\)</TargetFramework>.*:\1:p' "$repo/tests/Directory.Build.props" | head -n 1)
dotnet "$repo/tests/GladiaPS.Emulator/bin/Release/$framework/GladiaPS.Emulator.dll" --port 0 --api-key "$key" --temp-dir "$work" > "$work/server.out" 2>&1 &
server_pid=$!
read -r line < "$work/server.out"
url="${line#listening }"
url="${url%% *}"
# Jobs stay queued: only the upload is measured.
curl -s -X PUT -H "x-gladia-key: $key" -H 'content-type: application/json' -d '{"job_seconds":3600}' "$url/emulator/faults" > /dev/null

echo "file: $bytes bytes; server: $url; machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
# The same pwsh with the module imported and nothing uploaded: what the upload adds is the difference.
GLADIA_API_URL="$url" GLADIA_API_KEY="$key" /usr/bin/time -v -o "$work/baseline.time" dotnet pwsh -NoProfile -Command "Import-Module '$repo/out/GladiaPS/GladiaPS.psd1'; \$null = Get-Command Invoke-GladiaTranscription" > /dev/null
echo "baseline: pwsh with the module imported, no upload: peak RSS $(awk -F: '/Maximum resident/ {print $2/1024}' "$work/baseline.time") MiB"
for run in $(seq 1 "$runs"); do
  /usr/bin/time -v -o "$work/curl.time" curl -s -o /dev/null -w '%{time_total}\n' -H "x-gladia-key: $key" -F "audio=@$work/big.wav" "$url/v2/upload" > "$work/curl.out"
  echo "run $run curl:   $(cat "$work/curl.out") s, peak RSS $(awk -F: '/Maximum resident/ {print $2/1024}' "$work/curl.time") MiB"
  rm -f "$work"/*.decoded.wav "$work"/gladiaps-emulator-uploads-*/* 2>/dev/null || true

  GLADIA_API_URL="$url" GLADIA_API_KEY="$key" /usr/bin/time -v -o "$work/module.time" dotnet pwsh -NoProfile -Command "
    Import-Module '$repo/out/GladiaPS/GladiaPS.psd1'
    \$t = Measure-Command { \$null = Invoke-GladiaTranscription -LiteralPath '$work/big.wav' -NoWait -ErrorAction Stop }
    '{0:0.###}' -f \$t.TotalSeconds" > "$work/module.out"
  echo "run $run module: $(tail -n1 "$work/module.out") s (upload, create, one GET), peak RSS of pwsh $(awk -F: '/Maximum resident/ {print $2/1024}' "$work/module.time") MiB"
  rm -f "$work"/gladiaps-emulator-uploads-*/* 2>/dev/null || true
done
