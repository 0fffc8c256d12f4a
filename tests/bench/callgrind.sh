#!/usr/bin/env bash
# Counts instructions for kiosk bench's scenarios under callgrind: repeatable where times are
# not. Usage: tests/bench/callgrind.sh [KIOSK_BINARY] [PACK]
#   first frame  instructions from the start of the process to the first frame presented
#   fling        instructions of each frame of the 10 s timeline fling (ks_bench_frame only):
#                median, p99 and max over the frames
set -euo pipefail
kiosk=${1:-build/default/kiosk}
pack=${2:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
packarg=()
[ -n "$pack" ] && packarg=(--pack "$pack")

# Counts are dumped on entering ks_bench_first_frame: dump 1 is everything before the first frame
# was presented.
valgrind --tool=callgrind --dump-before=ks_bench_first_frame --callgrind-out-file="$out/first.out" \
  "$kiosk" bench --only first-frame "${packarg[@]}" >/dev/null 2>"$out/first.log"
first=$(grep -m1 '^summary:' "$out/first.out.1" | awk '{print $2}')
printf 'first frame  %s instructions from process start\n' "$first"

valgrind --tool=callgrind --collect-atstart=no --toggle-collect=ks_bench_frame \
  --dump-after=ks_bench_frame --callgrind-out-file="$out/fling.out" \
  "$kiosk" bench --only fling "${packarg[@]}" >/dev/null 2>"$out/fling.log"
# One dump per frame; warm-up frames come first, the last 600 are the measured fling.
# Dump files are numbered in call order: fling.out.1 … fling.out.N.
dumps=$(ls "$out" | grep -c '^fling\.out\.[0-9]')
for i in $(seq 1 "$dumps"); do
  grep -m1 '^summary:' "$out/fling.out.$i" | awk '{print $2}'
done | tail -n 600 | sort -n >"$out/frames"
n=$(wc -l <"$out/frames")
pick() { sed -n "$(( ($1 * n + 99) / 100 ))p" "$out/frames"; }
printf 'fling        %s frames: median %s, p99 %s, max %s instructions a frame\n' \
  "$n" "$(pick 50)" "$(pick 99)" "$(tail -n1 "$out/frames")"
