#!/usr/bin/env bash
# Streams MINUTES-long tone-word files (default: 10 and 60) at full speed through the driver against
# the local Gladia-compatible server, both started by their command lines, and prints wall time, CPU
# time and peak RSS from /usr/bin/time -v, after checking every session ended well with every word.
#   tests/GladiaPS.Driver/benchmark/run.sh [MINUTES...]
# Environment: BENCH_DIR (audio and logs, default $TMPDIR/gladiaps-bench), RUNS (per length, default 3),
# DRIVER_ENV (extra environment for the driver, e.g. DOTNET_GCHeapHardLimit=0x2000000).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/gladiaps-bench}
runs=${RUNS:-3}
lengths=("$@")
[ ${#lengths[@]} -gt 0 ] || lengths=(10 60)
mkdir -p "$dir"
cd "$root"
dotnet build tests/GladiaPS.Emulator -c Release -v q -nologo >/dev/null
dotnet build tests/GladiaPS.Driver -c Release -v q -nologo >/dev/null

: >"$dir/emulator.out"
dotnet run --project tests/GladiaPS.Emulator -c Release --no-build -- --port 0 --api-key bench-key >"$dir/emulator.out" 2>"$dir/emulator.err" &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q '^listening ' "$dir/emulator.out" 2>/dev/null && break; sleep 0.2; done
url=$(awk '/^listening /{ print $2; exit }' "$dir/emulator.out")
[ -n "$url" ] || { echo "the emulator did not start" >&2; exit 1; }

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GB RAM"
echo "command: /usr/bin/time -v dotnet run --project tests/GladiaPS.Driver -c Release -- --api-url $url --api-key *** --pace max FILE"
printf '%-7s %-4s | %-26s | %-26s | %s\n' "" "" "dotnet run (exact command)" "driver process alone" ""
printf '%-7s %-4s | %-6s %-6s %-5s %-6s | %-6s %-6s %-5s %-6s | %s\n' minutes run wall_s user_s sys_s rss_MB wall_s user_s sys_s rss_MB summary
for minutes in "${lengths[@]}"; do
  file="$dir/tone-${minutes}min.wav"
  [ -f "$file" ] || tests/GladiaPS.Driver/benchmark/make-tone-wav.sh "$file" "$minutes"
  audio_bytes=$(( $(stat -c %s "$file") - 44 ))
  for run in $(seq 1 "$runs"); do
    out="$dir/out-${minutes}-${run}.jsonl"
    # The exact driver command line (dotnet run included) ...
    env ${DRIVER_ENV:-} /usr/bin/time -v -o "$dir/time-${minutes}-${run}.txt" \
      dotnet run --project tests/GladiaPS.Driver -c Release -- --api-url "$url" --api-key bench-key --pace max "$file" >"$out"
    # ... and the driver process alone, whose peak RSS is not hidden by the dotnet run host's.
    env ${DRIVER_ENV:-} /usr/bin/time -v -o "$dir/time-dll-${minutes}-${run}.txt" \
      dotnet tests/GladiaPS.Driver/bin/Release/net10.0/GladiaPS.Driver.dll --api-url "$url" --api-key bench-key --pace max "$file" >"$out.dll"
    for o in "$out" "$out.dll"; do
      finals=$(grep -c '"type":"transcript"' "$o")
      acked=$(tail -1 "$o" | sed 's/.*"bytes_acked":\([0-9]*\).*/\1/')
      [ "$finals" -eq $((38 * minutes)) ] || { echo "$o: $finals transcripts, expected $((38 * minutes))" >&2; exit 1; }
      [ "$acked" -eq "$audio_bytes" ] || { echo "$o: $acked bytes acknowledged, expected $audio_bytes" >&2; exit 1; }
    done
    measure() {
      awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
        /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { r = $2 / 1024 }
        END { printf "%-6s %-6s %-5s %-6.0f", w, u, s, r }' "$1"
    }
    printf '%-7s %-4s | %s | %s | %s\n' "$minutes" "$run" "$(measure "$dir/time-${minutes}-${run}.txt")" \
      "$(measure "$dir/time-dll-${minutes}-${run}.txt")" "$(tail -1 "$out.dll")"
  done
done
