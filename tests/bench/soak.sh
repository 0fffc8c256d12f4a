#!/usr/bin/env bash
# Soak: the kiosk left alone headless, idling through its attract loop, sampled every minute.
# Not a CI test (it runs for hours): a benchmark whose table goes into the README.
# Usage: tests/bench/soak.sh KIOSK_BINARY MINUTES [INTERVAL_SECONDS]
# Prints one row per sample: minutes since start, resident memory (VmRSS, MB), its high-water
# mark (VmHWM), open file descriptors and threads; then the RSS at the end of the first tenth of
# the run ("after the caches fill") against its maximum over the rest of it.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 KIOSK_BINARY MINUTES [INTERVAL_SECONDS]" >&2; exit 2; }
kiosk=$1
minutes=$2
every=${3:-60}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

# The attract loop starts after idle_timeout seconds untouched; 5 s so it starts at once and
# cycles for the whole run. The software renderer on the offscreen driver: no Mesa in the figure.
SDL_VIDEODRIVER=offscreen SDL_FRAMEBUFFER_ACCELERATION=0 SDL_RENDER_DRIVER=software \
  "$kiosk" --windowed --idle-timeout 5 --data-dir "$work/data" >"$work/kiosk.log" 2>&1 &
pid=$!

status() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$pid/status"; }
printf '%8s %10s %10s %6s %8s\n' minute rss_MB hwm_MB fds threads
samples=$((minutes * 60 / every))
declare -a rss
for ((i = 0; i <= samples; i++)); do
  [ $i -eq 0 ] || sleep "$every"
  kill -0 "$pid" 2>/dev/null || { echo "soak: the kiosk stopped:" >&2; cat "$work/kiosk.log" >&2; exit 1; }
  r=$(status VmRSS) h=$(status VmHWM) t=$(status Threads)
  fds=$(ls "/proc/$pid/fd" | wc -l)
  rss[$i]=$r
  awk -v m="$((i * every))" -v r="$r" -v h="$h" -v f="$fds" -v t="$t" \
    'BEGIN { printf "%8.1f %10.1f %10.1f %6d %8d\n", m / 60, r / 1024, h / 1024, f, t }'
done
warm=$((samples / 10))
max=0
for ((i = warm; i <= samples; i++)); do [ "${rss[$i]}" -gt $max ] && max=${rss[$i]}; done
awk -v a="${rss[$warm]}" -v b="$max" -v last="${rss[$samples]}" -v w="$((warm * every))" \
  'BEGIN { printf "soak: RSS %.1f MB at %.0f min, at most %.1f MB after it (%+.1f %%), %.1f MB at the end\n",
           a / 1024, w / 60, b / 1024, (b - a) * 100 / a, last / 1024 }'
