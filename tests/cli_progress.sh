#!/usr/bin/env bash
# Long work shows how far it has got on a terminal — kiosk proof its screens done of all, pack
# build its exhibits checked and written, pack install its copy — as one line on stderr counting
# up in place; with stderr not a terminal (a log, a pipe, CI) nothing of it appears.
# Usage: cli_progress.sh "KIOSK COMMAND" FIXTURE_PACK FIXTURE_CONTENT_DIR TTY_ANSWER WORKDIR
set -uo pipefail
read -r -a kiosk <<<"$1"
pack=$2
fixture=$3
tty_answer=$4
work=$5
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# Not a terminal: stderr holds nothing (no counter, no carriage return).
timeout 120 "${kiosk[@]}" proof --pack "$pack" --out proof-plain >plain.out 2>plain.err ||
  fail "proof failed: $(cat plain.err)"
[ ! -s plain.err ] || fail "proof wrote on stderr without a terminal: $(od -c plain.err | head -5)"
timeout 120 "${kiosk[@]}" pack build "$fixture" -o plain.kpack >build.out 2>build.err ||
  fail "build failed: $(cat build.err)"
grep -q $'\r' build.err build.out && fail "build printed a progress counter without a terminal"
timeout 120 "${kiosk[@]}" pack install plain.kpack --data-dir data-plain --allow-unsigned \
  >install.out 2>install.err || fail "install failed: $(cat install.err)"
grep -q "copied" install.err && fail "install printed its progress without a terminal"

# A terminal: the counter appears, up to all the screens, and the last line is clean.
python3 "$tty_answer" none 120 "${kiosk[@]}" proof --pack "$pack" --out proof-tty >tty.txt 2>&1 ||
  fail "proof on a terminal failed: $(tail -5 tty.txt)"
grep -q "kiosk proof: screens: 1/18" tty.txt || fail "proof on a terminal showed no first screen: $(head -c 400 tty.txt)"
grep -q "kiosk proof: screens: 18/18" tty.txt || fail "proof on a terminal showed no last screen"
grep -q "wrote .*contact-en.png" tty.txt || fail "proof on a terminal did not say what it wrote"
python3 "$tty_answer" none 120 "${kiosk[@]}" pack build "$fixture" -o tty.kpack >build-tty.txt 2>&1 ||
  fail "build on a terminal failed: $(tail -5 build-tty.txt)"
grep -q "kiosk pack build: writing exhibits: 3/3" build-tty.txt ||
  fail "build on a terminal did not count its exhibits: $(head -c 400 build-tty.txt)"
python3 "$tty_answer" none 120 "${kiosk[@]}" pack install tty.kpack --data-dir data-tty --allow-unsigned \
  >install-tty.txt 2>&1 || fail "install on a terminal failed: $(tail -5 install-tty.txt)"
grep -q "kiosk pack install: copied: 100%" install-tty.txt || fail "install on a terminal showed no copy: $(head -c 400 install-tty.txt)"

[ "$failures" = 0 ] || exit 1
echo "ok: progress on a terminal only"
