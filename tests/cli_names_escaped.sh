#!/usr/bin/env bash
# File names print with their control characters escaped: a content file named to forge a log
# line ("…\n[fake] error…") and to drive the terminal (ESC [2J, a C1 CSI, a right-to-left
# override) shows as one visible line in `kiosk pack validate`, as text and as JSON, and in the
# refusals of `kiosk pack build` and `kiosk pack install`.
# Usage: cli_names_escaped.sh "KIOSK COMMAND" FIXTURE_CONTENT_DIR WORKDIR
set -euo pipefail
read -r -a kiosk <<<"$1"
fixture=$2
work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
cp -r "$fixture" content
evil=$'ev\n[fake] error: all good\x1b[2J\xc2\x9b31m\xe2\x80\xaedm.md'
cp content/events/*.md "content/events/$evil"

# Any byte a terminal acts on, other than the newline that ends each line: C0, DEL, C1 (UTF-8).
raw_controls() { LC_ALL=C grep -caP '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$1" || true; }
check() { # NAME FILE: the output names the file, escaped, and holds no raw control character
  [ "$(raw_controls "$2")" = 0 ] || fail "$1 prints raw control characters: $(od -c "$2" | head -20)"
  grep -qF "$3" "$2" || fail "$1 does not name the file as $3: $(cat "$2")"
}

"${kiosk[@]}" pack validate content >validate.txt 2>&1 && fail "validate passed a duplicate id"
check "pack validate" validate.txt 'ev\n[fake] error: all good\x1b[2J\u009b31m\u202edm.md:2: error:'
[ "$(grep -c '^\[fake\]' validate.txt)" = 0 ] || fail "a forged line starts with [fake]"

"${kiosk[@]}" pack validate content --json >validate.json 2>&1 && fail "validate --json passed"
check "pack validate --json" validate.json '"file":"content/events/ev\u000a[fake] error: all good\u001b[2J\u009b31m\u202edm.md"'
if command -v python3 >/dev/null; then
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' validate.json || fail "the JSON does not parse"
fi

"${kiosk[@]}" pack build content -o never.kpack >build.txt 2>&1 && fail "build passed bad content"
check "pack build" build.txt 'ev\n[fake] error: all good\x1b[2J'
# A stranger's pack on a stick, unsigned and named to forge the install's log line.
rm "content/events/$evil"
"${kiosk[@]}" pack build content -o good.kpack >/dev/null
"${kiosk[@]}" pack keygen --out . --no-password >/dev/null # a test: no one to type a password
stick=$'stick\n[fake] installed\x1b[2J.kpack'
cp good.kpack "$stick"
"${kiosk[@]}" pack install "$stick" --data-dir data --pubkey kiosk.pub >install.txt 2>&1 &&
  fail "an unsigned pack was installed"
check "pack install" install.txt 'stick\n[fake] installed\x1b[2J.kpack: error: refused: the pack is not signed'
echo "ok: names print escaped"
