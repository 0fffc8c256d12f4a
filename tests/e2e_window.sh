#!/usr/bin/env bash
# The real kiosk in a real window system, as a developer runs it: on X11 (Xvfb) or on Wayland
# (weston's kiosk shell, drawn into an Xvfb window by weston's X11 backend, since its headless
# backend offers no seat and SDL 2.26 crashes without one). The pointer is driven with xdotool
# and what the screen shows is read back with ImageMagick's import, then compared with the
# kiosk's own headless rendering of the same screen, upright and turned 90°: upright text and
# images are the same pixels, only the anti-aliased edges of shapes differ between GL and the
# software renderer, so at most 2 % of the pixels may differ by more than 10 % (12 % turned). A
# failure keeps the screenshot and the difference image in WORKDIR.
# Usage: e2e_window.sh x11|wayland KIOSK WORKDIR "NOTIFY_LISTEN COMMAND"
set -euo pipefail
backend=$1
kiosk=$2
work=$3
read -r -a listen <<<"$4"
for tool in Xvfb xdotool import compare; do
  command -v $tool >/dev/null || { echo "FAIL: $tool is missing (scripts/bootstrap.sh installs it)" >&2; exit 1; }
done
[ "$backend" = x11 ] || command -v weston >/dev/null || { echo "FAIL: weston is missing" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work/data" "$work/run" && chmod 700 "$work/run" && cd "$work"
W=1280 H=720
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
fail() {
  echo "FAIL: $*" >&2
  for log in kiosk.log weston.log; do [ -f $log ] && sed "s/^/  $log: /" $log >&2; done
  exit 1
}

# A display of our own: Xvfb picks a free number and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 ${W}x${H}x24 -nolisten tcp >xvfb.log 2>&1 3>display.txt &
pids+=($!)
for _ in $(seq 100); do [ -s display.txt ] && break; sleep 0.1; done
[ -s display.txt ] || fail "Xvfb did not start"
DISPLAY=":$(head -1 display.txt)"
export DISPLAY
export XDG_RUNTIME_DIR=$work/run
unset WAYLAND_DISPLAY
case $backend in
x11) export SDL_VIDEODRIVER=x11 ;;
wayland)
  weston --backend=x11-backend.so --shell=kiosk-shell.so --socket=kiosk-test --use-pixman \
    --width=$W --height=$H --idle-time=0 --no-config >weston.log 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do [ -S run/kiosk-test ] && break; sleep 0.1; done
  [ -S run/kiosk-test ] || fail "weston did not start"
  export SDL_VIDEODRIVER=wayland WAYLAND_DISPLAY=kiosk-test
  ;;
*) fail "unknown backend $backend" ;;
esac

cat >kiosk.ini <<EOF
[kiosk]
data_dir = $work/data
idle_timeout = 0
EOF
"${listen[@]}" "$work/notify.sock" 30 >notify.log &
pids+=($!)
for _ in $(seq 100); do [ -S notify.sock ] && break; sleep 0.1; done
NOTIFY_SOCKET=$work/notify.sock "$kiosk" --config kiosk.ini >kiosk.log 2>&1 &
kpid=$!
pids+=("$kpid")
for _ in $(seq 300); do
  grep -q READY=1 notify.log && break
  kill -0 $kpid 2>/dev/null || fail "the kiosk stopped before its first frame"
  sleep 0.1
done
grep -q READY=1 notify.log || fail "no first frame (READY=1) after 30 s"

expect_screen() { # NAME RENDER-ARGS…: waits up to 20 s for the screen to look like the rendering
  local name=$1
  shift
  "$kiosk" render "$@" --size ${W}x${H} --out "want-$name.png" >/dev/null
  local differ=0 limit=$((W * H * ${LIMIT_PCT:-2} / 100))
  for _ in $(seq 40); do
    import -window root "seen-$name.png"
    differ=$(compare -metric AE -fuzz 10% "seen-$name.png" "want-$name.png" "diff-$name.png" 2>&1 || true)
    differ=${differ%%.*}
    [[ $differ =~ ^[0-9]+$ ]] && [ "$differ" -le $limit ] && { echo "$backend $name: $differ pixels differ"; return 0; }
    sleep 0.5
  done
  fail "the screen does not show $name: $differ pixels differ (at most $limit); see $work/diff-$name.png"
}

expect_screen home --screen home --lang zh
xdotool mousemove 480 400 click 1 # the corridor cities panel (the second of four)
expect_screen cities --screen cities --lang zh
xdotool mousemove 1186 56 click 1 # English
expect_screen cities-en --screen cities --lang en
xdotool key Escape # back
expect_screen home-en --screen home --lang en

kill -TERM $kpid
wait $kpid || fail "the kiosk did not exit cleanly on SIGTERM"
"$kiosk" stats --data-dir data >stats.txt
grep -q "^cities " stats.txt || fail "the visit to the cities screen was not recorded: $(cat stats.txt)"
echo "$backend: home → cities → English → back, seen on screen; the visit recorded"

# A panel mounted turned: the kiosk turns its picture and the pointer with it. The achievements
# panel lies at the right of the turned picture; a click there that was not turned back would
# land outside the portrait screen and do nothing.
"$kiosk" --config kiosk.ini --rotate 90 >kiosk.log 2>&1 &
kpid=$!
pids+=("$kpid")
# Turned text is sampled differently by GL and the software renderer: up to 12 % here (2.4 % on
# home and 6.0 % on the achievements measured; home against the achievements differs by 36 %).
LIMIT_PCT=12 expect_screen home-r90 --screen home --lang zh --rotate 90
xdotool mousemove 960 360 click 1
LIMIT_PCT=12 expect_screen achievements-r90 --screen achievements --lang zh --rotate 90
kill -TERM $kpid
wait $kpid || fail "the turned kiosk did not exit cleanly on SIGTERM"
echo "$backend: turned 90°, home → achievements by a click, seen on screen"
