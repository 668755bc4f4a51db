#!/usr/bin/env bash
# Runs every test suite of the repository and prints, as its last line, "N passed, N failed".
#   - the xunit projects of GladiaPS.sln (dotnet test, results read from TRX files);
#   - the conformance check that drives the local server with Gladia's own JavaScript SDK.
# Needs: the .NET 10 SDK, ffmpeg on PATH, Node.js 20+ with npm (the script installs the npm packages).
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="$repo/out/TestResults"
rm -rf "$results"
mkdir -p "$results"
cd "$repo"

passed=0
failed=0
status=0

echo "== dotnet test (GladiaPS.sln, Release)"
if ! dotnet test GladiaPS.sln -c Release --logger "trx" --results-directory "$results/dotnet"; then
  status=1
fi

shopt -s nullglob
trx_files=("$results"/dotnet/*.trx)
if [ ${#trx_files[@]} -eq 0 ]; then
  echo "no test results were written (the build or a test host failed)" >&2
  failed=$((failed + 1))
  status=1
fi
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
done

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
