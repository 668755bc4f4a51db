#!/usr/bin/env bash
# The client performance comparison, side by side in one run: the same tone-word files through Gladia's JavaScript SDK,
# a bare ClientWebSocket client, the core (GladiaPS.Driver) and the module (Send-GladiaAudio in pwsh), against one local
# server; every run checked for exact transcripts and every byte acknowledged. Writes out/perf/<time>/report.md.
#   tests/perf/run.sh                 everything: 10 and 60 min mono, 10 min 48 kHz stereo, 3 rounds, stall, 8 x 1 min at real time, 64 x 10 min files
#   tests/perf/run.sh --smoke         a few seconds of audio through each client (the Pester test runs this)
#   tests/perf/run.sh [--seconds 600,3600] [--stereo-seconds 600] [--rounds 3] [--clients sdk,bare,core,module]
#                     [--suites stream,stall,realtime,many] [--stall-audio-seconds 600] [--stall-window-seconds 20]
#                     [--realtime-sessions 8] [--realtime-seconds 60] [--many-files 64] [--many-seconds 600] [--out DIR]
#                     [--driver GladiaPS.Driver.dll] (another build of the core, to compare)
# Environment: PERF_MODULE=path/GladiaPS.psd1 (another build of the module; default: published to out/perf/GladiaPS).
# Needs: the .NET 10 SDK, Node.js 20+ with npm; /usr/bin/time (package `time`) for CPU and peak RSS.
# Environment: PERF_NO_BUILD=1 skips the builds (the Pester test sets it after building once).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"

smoke=()
args=()
for a in "$@"; do
  if [ "$a" = "--smoke" ]; then
    smoke=(--seconds 4,8 --stereo-seconds 4 --rounds 1 --baseline-seconds 2 --stall-audio-seconds 20 --stall-window-seconds 2
           --realtime-sessions 2 --realtime-seconds 3 --many-files 4 --many-seconds 3 --timeout-seconds 120)
  else
    args+=("$a")
  fi
done

if [ "${PERF_NO_BUILD:-}" != 1 ]; then
  dotnet build tests/GladiaPS.Emulator -c Release -nologo -v q >/dev/null
  dotnet build tests/GladiaPS.Driver -c Release -nologo -v q >/dev/null
  dotnet build tests/perf/GladiaPS.Perf -c Release -nologo -v q >/dev/null
  dotnet publish src/GladiaPS/GladiaPS.csproj -c Release -o out/perf/GladiaPS -nologo -v q >/dev/null
  dotnet tool restore >/dev/null
fi
[ -d tests/conformance/node_modules/@gladiaio/sdk ] || (cd tests/conformance && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

# pwsh is run as `dotnet pwsh.dll` from the pinned tool package, so the measured process is pwsh itself, not the tool launcher.
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
version=$(sed -n '/"powershell"/,/}/s/.*"version": *"\([^"]*\)".*/\1/p' .config/dotnet-tools.json | head -n 1)
pwsh_dll=$(ls "$packages/powershell/$version"/tools/net*/any/unix/pwsh.dll 2>/dev/null | head -n 1 || true)
[ -n "$pwsh_dll" ] || { echo "pwsh.dll of PowerShell $version was not found under $packages (run: dotnet tool restore)" >&2; exit 1; }

module=${PERF_MODULE:-$repo/out/perf/GladiaPS/GladiaPS.psd1}
# The test projects' target framework, as tests/Directory.Build.props sets it: where their builds land.
framework=$(sed -n 's:.*<TargetFramework>\(.*\)</TargetFramework>.*:\1:p' tests/Directory.Build.props | head -n 1)
exec dotnet "tests/perf/GladiaPS.Perf/bin/Release/$framework/GladiaPS.Perf.dll" run --repo "$repo" --module "$module" --pwsh-dll "$pwsh_dll" ${smoke[@]+"${smoke[@]}"} ${args[@]+"${args[@]}"}
