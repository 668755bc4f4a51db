#!/usr/bin/env bash
# Runs every test suite of the repository and prints, as its last line, "N passed, N failed".
#   - the xunit projects of GladiaPS.sln (dotnet test, results read from TRX files);
#   - the module's Pester tests, in the pinned PowerShell (.config/dotnet-tools.json) against the built module;
#   - the conformance check that drives the local server with Gladia's own JavaScript SDK.
# Needs: the .NET 10 SDK, ffmpeg on PATH, Node.js 20+ with npm (the script installs the npm packages and
# restores PowerShell and Pester from NuGet).
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="$repo/out/TestResults"
rm -rf "$results"
mkdir -p "$results"
cd "$repo"

passed=0
failed=0
status=0

echo "== dotnet build (GladiaPS.sln, Release)"
if ! dotnet build GladiaPS.sln -c Release; then
  echo "the build failed" >&2
  echo "$passed passed, $((failed + 1)) failed"
  exit 1
fi

# Each test project writes its own TRX file; the counts are summed from them, so a crashed test host
# (no file) is counted as a failure rather than ignored.
for project in tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  echo "== dotnet test $name"
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results/dotnet" || status=1
  trx="$results/dotnet/$name.trx"
  if [ ! -f "$trx" ]; then
    echo "$name wrote no test results (its test host failed)" >&2
    failed=$((failed + 1))
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  for field in passed failed error timeout aborted; do
    value=$(sed -n "s/.* $field=\"\([0-9]*\)\".*/\1/p" <<<"$counters")
    if [ "$field" = passed ]; then passed=$((passed + ${value:-0})); else failed=$((failed + ${value:-0})); fi
  done
done

echo "== Pester (the module, in the pinned PowerShell)"
# Capture is tested on a private PulseAudio server's null sink (skipped, and said so, where PulseAudio is missing).
source tests/capture/pulseaudio.sh start
trap 'source "$repo/tests/capture/pulseaudio.sh" stop' EXIT
pester_log="$results/pester.log"
if dotnet tool restore >/dev/null && dotnet restore tests/pester/Pester.Restore.csproj >/dev/null \
   && dotnet pwsh -NoProfile -NonInteractive -File build.ps1 Build,Help >/dev/null; then
  dotnet pwsh -NoProfile -NonInteractive -File tests/pester/run.ps1 -ResultFile "$results/pester.xml" 2>&1 | tee "$pester_log"
else
  echo "PowerShell, Pester or the module could not be prepared" | tee "$pester_log" >&2
fi
summary=$(grep -aE '^Pester: [0-9]+ passed, [0-9]+ failed' "$pester_log" | tail -n 1)
if [ -z "$summary" ]; then
  echo "the Pester tests did not finish" >&2
  failed=$((failed + 1))
  status=1
else
  passed=$((passed + $(cut -d' ' -f2 <<<"$summary")))
  failed=$((failed + $(cut -d' ' -f4 <<<"$summary")))
fi

if [ -f tests/conformance/package.json ]; then
  echo "== conformance with @gladiaio/sdk"
  conformance_log="$results/conformance.log"
  (cd tests/conformance && npm ci --no-audit --no-fund --loglevel=error && node conformance.mjs) 2>&1 | tee "$conformance_log"
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$conformance_log" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "the conformance check did not finish" >&2
    failed=$((failed + 1))
    status=1
  else
    passed=$((passed + $(cut -d' ' -f1 <<<"$summary")))
    failed=$((failed + $(cut -d' ' -f3 <<<"$summary")))
  fi
fi

[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
