#!/usr/bin/env bash
# Writes MINUTES of 16 kHz 16-bit mono tone words (docs: test-signal.md) to OUT.wav with sox:
# a 60-second pattern of three-word utterances cycling through the 32-word vocabulary, repeated.
# Each word: 200 ms tone at half scale with 10 ms linear fades, then 40 ms of silence; 800 ms between utterances.
set -euo pipefail
out=${1:?usage: make-tone-wav.sh OUT.wav MINUTES}
minutes=${2:?usage: make-tone-wav.sh OUT.wav MINUTES}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fmt=(-r 16000 -b 16 -c 1 -e signed-integer)
sox -D -n "${fmt[@]}" "$work/lead.wav" trim 0 0.3
sox -D -n "${fmt[@]}" "$work/gap.wav" trim 0 0.8
parts=("$work/lead.wav")
seconds=0.3
word=0
# Utterances of 1.52 s until the pattern is 58 s long; the rest of the minute is silence.
while awk -v s="$seconds" 'BEGIN { exit !(s < 58) }'; do
  for _ in 1 2 3; do
    frequency=$((500 + 75 * (word % 32)))
    file="$work/w$word.wav"
    sox -D -n "${fmt[@]}" "$file" synth 0.2 sine "$frequency" vol 0.5 fade t 0.01 0.2 0.01 pad 0 0.04
    parts+=("$file")
    word=$((word + 1))
  done
  parts+=("$work/gap.wav")
  seconds=$(awk -v s="$seconds" 'BEGIN { print s + 3 * 0.24 + 0.8 }')
done
sox -D "${parts[@]}" "$work/body.wav"
rest=$(awk -v b="$(soxi -D "$work/body.wav")" 'BEGIN { printf "%.6f", 60 - b }')
sox -D -n "${fmt[@]}" "$work/rest.wav" trim 0 "$rest"
sox -D "$work/body.wav" "$work/rest.wav" "$work/minute.wav"
if [ "$minutes" -gt 1 ]; then
  sox -D "$work/minute.wav" "$out" repeat $((minutes - 1))
else
  cp "$work/minute.wav" "$out"
fi
