#!/usr/bin/env bash
# End to end, as a curator does it: content folder → pack → signature → a stick plugged into a
# running kiosk, which installs it and reloads in place; then a stranger's unsigned pack, which
# it refuses. The kiosk runs headless (SDL's offscreen driver) against a temporary data folder.
# systemd is stood in for by notify_listen: the kiosk must ask for a start-up watchdog allowance,
# say READY=1 after its first frame with the unit's watchdog period restored, and feed the
# watchdog (WATCHDOG=1) from its render loop.
# Usage: e2e_usb_install.sh "KIOSK COMMAND" FIXTURE_CONTENT_DIR WORKDIR "NOTIFY_LISTEN COMMAND"
set -euo pipefail
read -r -a kiosk <<<"$1"
fixture=$2
work=$3
read -r -a listen <<<"$4"
rm -rf "$work" && mkdir -p "$work/media" "$work/data" && cd "$work"
fail() {
  echo "FAIL: $*" >&2
  [ -f kiosk.log ] && sed 's/^/  kiosk: /' kiosk.log >&2
  exit 1
}

# The curator's side: two versions of the content, signed.
cp -r "$fixture" content
"${kiosk[@]}" pack keygen --out . --no-password >/dev/null # a test: no one to type a password
for v in 1 2; do
  sed -i "s/^version: .*/version: $v/" content/pack.yaml
  "${kiosk[@]}" pack build content -o "v$v.kpack" >/dev/null
  "${kiosk[@]}" pack sign "v$v.kpack" --key kiosk.key >/dev/null
done
cat >kiosk.ini <<EOF
[kiosk]
data_dir = $work/data
idle_timeout = 0
[packs]
trusted_key = $work/kiosk.pub
watch = $work/media
auto_install = true
EOF
"${kiosk[@]}" pack install v1.kpack --data-dir data --pubkey kiosk.pub >/dev/null

# The kiosk, running as systemd runs it, with a 2-second watchdog; SDL's software renderer, so
# that no GL driver is loaded (Mesa's leaks would fail LeakSanitizer in the asan preset).
"${listen[@]}" "$work/notify.sock" 20 >notify.log &
listener=$!
for _ in $(seq 100); do [ -S notify.sock ] && break; sleep 0.1; done
NOTIFY_SOCKET=$work/notify.sock WATCHDOG_USEC=2000000 \
  SDL_VIDEODRIVER=offscreen SDL_FRAMEBUFFER_ACCELERATION=0 SDL_RENDER_DRIVER=software \
  "${kiosk[@]}" --config kiosk.ini --windowed >kiosk.log 2>&1 &
pid=$!
trap 'kill $pid $listener 2>/dev/null || true' EXIT
wait_for() { # PATTERN: waits up to 60 s for the kiosk's log to show it
  for _ in $(seq 600); do
    grep -q "$1" kiosk.log && return 0
    kill -0 $pid 2>/dev/null || fail "the kiosk stopped while waiting for \"$1\""
    sleep 0.1
  done
  fail "no \"$1\" in the kiosk's log after 60 s"
}

# A curator's stick.
mkdir -p media/sdb1
cp v2.kpack v2.kpack.minisig media/sdb1/
wait_for "showing test-pack version 1 on offscreen" # the log says what is shown, and on what
wait_for "Installed content pack test-pack (version 2)"
"${kiosk[@]}" pack status --data-dir data | grep -q "active    test-pack version 2" ||
  fail "the data folder does not show version 2"
"${kiosk[@]}" pack status --data-dir data | grep -q "previous  test-pack version 1" ||
  fail "version 1 was not kept for rollback"

grep -q "media/sdb1/v2.kpack" data/installed-from || fail "the source of the installed pack was not noted"

# A stranger's stick: the same content, unsigned, with a higher version.
# (the curator's stick stays in)
sed -i "s/^version: .*/version: 9/" content/pack.yaml
"${kiosk[@]}" pack build content -o stranger.kpack >/dev/null
mkdir -p media/sdc1 && cp stranger.kpack media/sdc1/
wait_for "refused: the pack is not signed"
"${kiosk[@]}" pack status --data-dir data | grep -q "active    test-pack version 2" ||
  fail "a refused pack changed what the kiosk shows"

# Stopped as systemd stops it: a clean exit, the visits recorded.
kill -TERM $pid
wait $pid || fail "the kiosk did not exit cleanly on SIGTERM"
kill $listener 2>/dev/null || true
trap - EXIT
grep -qx "READY=1" notify.log || fail "the kiosk never told systemd it was ready"
# The start has a longer watchdog allowance than the loop (systemd arms the watchdog at exec, the
# loop feeds it only from the first frame); the unit's 2 s come back with READY=1.
[ "$(head -1 notify.log)" = "WATCHDOG_USEC=120000000" ] ||
  fail "the start did not ask for its watchdog allowance first: $(head -1 notify.log)"
grep -A1 -x "READY=1" notify.log | grep -qx "WATCHDOG_USEC=2000000" ||
  fail "the unit's watchdog period was not restored with READY=1"
[ "$(grep -cx "WATCHDOG=1" notify.log)" -ge 2 ] || fail "the kiosk did not feed the watchdog"
"${kiosk[@]}" stats --data-dir data | grep -q "home" || fail "no visit to home was recorded"
# Started again with both sticks still in: the stranger's pack is refused again, the curator's,
# already shown, is not even offered (visitors would see the notice).
mv kiosk.log kiosk-first.log
SDL_VIDEODRIVER=offscreen SDL_FRAMEBUFFER_ACCELERATION=0 SDL_RENDER_DRIVER=software \
  "${kiosk[@]}" --config kiosk.ini --windowed >kiosk.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
wait_for "refused: the pack is not signed"
grep -q "sdb1/v2.kpack" kiosk.log && fail "the pack already installed from the stick was offered again"
kill -TERM $pid
wait $pid || fail "the kiosk did not exit cleanly on SIGTERM"
trap - EXIT
echo "usb install end to end: passed"
