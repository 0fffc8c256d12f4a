#!/usr/bin/env bash
# `kiosk pack build` of a large pack (the fixture's achievement copied to 1,500 exhibits) shows on
# a terminal how many exhibits it has checked and written, counting up to all of them; in a pipe
# or a log it shows no counter at all. The terminal is util-linux's `script` (a real pty).
# Usage: cli_progress_build.sh "KIOSK COMMAND" FIXTURE_CONTENT_DIR WORKDIR
set -euo pipefail
read -r -a kiosk <<<"$1"
fixture=$2
work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
command -v script >/dev/null || {
  echo "skipped: util-linux's script is not installed"
  exit 77
}

cp -r "$fixture" big
extra=1500
for i in $(seq "$extra"); do
  sed "s/^id: ach-quantum-sensor$/id: ach-copy-$i/" big/achievements/ach-quantum-sensor.md \
    >"big/achievements/ach-copy-$i.md"
done
total=$(($(find big/achievements big/cities big/events -name '*.md' | wc -l)))

# A terminal: both counters reach the total; the last thing on the line is the result.
cmd=$(printf '%q ' "${kiosk[@]}" pack build big -o tty.kpack)
timeout 120 script -qec "$cmd" typescript >/dev/null || fail "build on a terminal failed: $(tail -c 600 typescript)"
tr '\r' '\n' <typescript >shown.txt
grep -q "wrote tty.kpack: $((extra + 1)) achievements" shown.txt || fail "the build did not say what it wrote: $(tail -c 400 shown.txt)"
for phase in checking writing; do
  grep -q "kiosk pack build: $phase exhibits: 1/$total" shown.txt ||
    fail "no \"$phase exhibits: 1/$total\" on the terminal: $(grep -a 'pack build' shown.txt | head -n 5)"
  grep -q "kiosk pack build: $phase exhibits: $total/$total" shown.txt ||
    fail "\"$phase exhibits\" did not reach $total/$total: $(grep -a "$phase" shown.txt | tail -n 3)"
  shown=$(grep -c "kiosk pack build: $phase exhibits: " shown.txt)
  [ "$shown" -ge 100 ] || fail "\"$phase exhibits\" was shown $shown times: not a count per exhibit"
done

# No terminal: no counter, no carriage return, on either stream.
timeout 120 "${kiosk[@]}" pack build big -o plain.kpack >plain.out 2>plain.err ||
  fail "build failed: $(cat plain.err)"
if grep -q $'\r' plain.out plain.err; then fail "a carriage return without a terminal"; fi
if grep -q "exhibits: [0-9]" plain.out plain.err; then fail "a counter without a terminal: $(grep "exhibits: " plain.err | head -n 3)"; fi
echo "ok: pack build counts $total exhibits on a terminal, nothing in a pipe"
