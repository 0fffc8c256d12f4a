#!/usr/bin/env bash
# End to end, as a hall runs it: three Syncthing instances on 127.0.0.1 (each its own home, ports
# and certificates made for the test; no discovery, no relays) share one folder; three headless
# kiosks each watch one instance's copy. A signed pack dropped into instance A's folder reaches
# and installs on all three; a one-exhibit change after it moves only the blocks that changed
# (measured from Syncthing's own counters); a tampered pack is refused by all three with the
# active pack untouched; `kiosk fleet status` lists all three with the version they show.
# Usage: e2e_fleet_syncthing.sh "KIOSK COMMAND" CONTENT_DIR WORKDIR
set -euo pipefail
read -r -a kiosk <<<"$1"
content_src=$(realpath "$2")
work=$3
command -v syncthing >/dev/null || { echo "syncthing is not installed (scripts/bootstrap.sh)" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work" && cd "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for n in a b c; do
    [ -f "kiosk-$n.log" ] && sed "s/^/  kiosk $n: /" "kiosk-$n.log" | tail -20 >&2
    [ -f "st-$n.log" ] && grep -E "WARNING|INFO: (Established|Lost)" "st-$n.log" | tail -5 | sed "s/^/  syncthing $n: /" >&2
  done
  exit 1
}

# Free ports, as the kernel hands them out (each closed again before Syncthing binds it).
mapfile -t ports < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(6)]
for s in socks: s.bind(("127.0.0.1", 0))
for s in socks: print(s.getsockname()[1])')

# The curator's side: the real content, signed, in three versions; the second changes the text of
# one exhibit only, the third is signed and then tampered with.
cp -r "$content_src" content
"${kiosk[@]}" pack keygen --out . --no-password >/dev/null
exhibit=$(ls content/achievements/*.md | head -1)
for v in 1 2 3; do
  sed -i "s/^version: .*/version: $v/" content/pack.yaml
  [ "$v" = 2 ] && echo "One sentence a curator added to this exhibit." >>"$exhibit"
  SOURCE_DATE_EPOCH=1700000000 "${kiosk[@]}" pack build content -o "v$v.kpack" >/dev/null
  "${kiosk[@]}" pack sign "v$v.kpack" --key kiosk.key >/dev/null
done
printf '\x5a' | dd of=v3.kpack bs=1 seek=$(($(stat -c %s v3.kpack) - 100)) conv=notrunc status=none

# Three Syncthing homes, certificates and keys generated here.
names=(a b c)
declare -A id gui key
for i in 0 1 2; do
  n=${names[$i]}
  syncthing generate --home="st-$n" --no-default-folder >/dev/null 2>&1
  id[$n]=$(syncthing --home="st-$n" --device-id 2>/dev/null || syncthing serve --home="st-$n" --device-id)
  gui[$n]=${ports[$((i + 3))]}
  key[$n]=key-$n-$RANDOM$RANDOM
  mkdir -p "folder-$n/.stfolder" "data-$n" "media-$n"
done
for i in 0 1 2; do
  n=${names[$i]}
  {
    echo '<configuration version="36">'
    echo "  <folder id=\"hall\" label=\"hall\" path=\"$work/folder-$n\" type=\"sendreceive\" rescanIntervalS=\"10\" fsWatcherEnabled=\"true\" fsWatcherDelayS=\"1\">"
    for m in a b c; do echo "    <device id=\"${id[$m]}\"></device>"; done
    echo '  </folder>'
    for j in 0 1 2; do
      m=${names[$j]}
      echo "  <device id=\"${id[$m]}\" name=\"$m\" compression=\"metadata\"><address>tcp://127.0.0.1:${ports[$j]}</address></device>"
    done
    echo "  <gui enabled=\"true\" tls=\"false\"><address>127.0.0.1:${gui[$n]}</address><apikey>${key[$n]}</apikey></gui>"
    cat <<EOF
  <options>
    <listenAddress>tcp://127.0.0.1:${ports[$i]}</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <startBrowser>false</startBrowser>
    <urAccepted>-1</urAccepted>
    <crashReportingEnabled>false</crashReportingEnabled>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <reconnectionIntervalS>1</reconnectionIntervalS>
    <setLowPriority>false</setLowPriority>
  </options>
</configuration>
EOF
  } >"st-$n/config.xml"
  STNOUPGRADE=1 syncthing serve --home="st-$n" --no-browser --no-restart --logfile=- >"st-$n.log" 2>&1 &
  pids+=($!)
done

# The kiosks: one per instance, each with its own data folder; their stick watch looks at an
# empty folder, the fleet at that instance's copy of the shared folder.
for i in 0 1 2; do
  n=${names[$i]}
  cat >"kiosk-$n.ini" <<EOF
[kiosk]
data_dir = $work/data-$n
idle_timeout = 0
[packs]
trusted_key = $work/kiosk.pub
watch = $work/media-$n
[stats]
enabled = true
[fleet]
folder = $work/folder-$n
name = hall-$n
report_every = 5
EOF
  SDL_VIDEODRIVER=offscreen SDL_FRAMEBUFFER_ACCELERATION=0 SDL_RENDER_DRIVER=software \
    "${kiosk[@]}" --config "kiosk-$n.ini" --windowed >"kiosk-$n.log" 2>&1 &
  pids+=($!)
done

rest() { # INSTANCE PATH: a GET on that instance's REST API, printed
  python3 - "${gui[$1]}" "${key[$1]}" "$2" <<'PY'
import sys, urllib.request
req = urllib.request.Request("http://127.0.0.1:%s%s" % (sys.argv[1], sys.argv[3]),
                             headers={"X-API-Key": sys.argv[2]})
print(urllib.request.urlopen(req, timeout=5).read().decode())
PY
}
in_bytes() { # INSTANCE: bytes it has received from its peers, all connections together
  rest "$1" /rest/system/connections |
    python3 -c 'import json,sys; print(sum(c["inBytesTotal"] for c in json.load(sys.stdin)["connections"].values()))'
}
connected() { # INSTANCE: how many peers it is connected to
  rest "$1" /rest/system/connections 2>/dev/null |
    python3 -c 'import json,sys; print(sum(c["connected"] for c in json.load(sys.stdin)["connections"].values()))' 2>/dev/null || echo 0
}
shows() { # INSTANCE VERSION: that kiosk's data folder shows the version
  "${kiosk[@]}" pack status --data-dir "data-$1" 2>/dev/null | grep -q "active    .* version $2\$"
}
wait_until() { # SECONDS WHAT COMMAND...: runs COMMAND every half second until it succeeds
  local limit=$1 what=$2
  shift 2
  for _ in $(seq $((limit * 2))); do
    "$@" && return 0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || fail "a process stopped while waiting for $what"; done
    sleep 0.5
  done
  fail "$what: not within $limit s"
}
all_connected() { for n in a b c; do [ "$(connected $n)" = 2 ] || return 1; done; }
all_show() { for n in a b c; do shows $n "$1" || return 1; done; }
all_log() { for n in a b c; do grep -q "$1" "kiosk-$n.log" || return 1; done; }

wait_until 60 "the three instances connected to each other" all_connected
start=$SECONDS
cp v1.kpack v1.kpack.minisig folder-a/ # what a curator's drop looks like on the instance
wait_until 120 "version 1 installed on all three kiosks" all_show 1
echo "version 1 on all three kiosks in $((SECONDS - start)) s"

# A one-exhibit change: what Syncthing moves to a kiosk that has version 1 already.
before_b=$(in_bytes b) before_c=$(in_bytes c)
start=$SECONDS
cp v2.kpack v2.kpack.minisig folder-a/
wait_until 120 "version 2 installed on all three kiosks" all_show 2
echo "version 2 on all three kiosks in $((SECONDS - start)) s"
sleep 2 # the index updates that follow the pull
moved_b=$(($(in_bytes b) - before_b)) moved_c=$(($(in_bytes c) - before_c))
echo "measured: a one-exhibit change; pack $(stat -c %s v2.kpack) bytes; kiosk b received $moved_b bytes, kiosk c $moved_c bytes (all traffic, reports included)"

# A tampered pack (signed, then a byte changed): refused by every kiosk, the active pack kept.
cp v3.kpack v3.kpack.minisig folder-a/
wait_until 120 "the tampered pack refused on all three kiosks" all_log "v3.kpack: error: refused"
all_show 2 || fail "a refused pack changed what a kiosk shows"
grep -q "Installed content pack.*version 3" kiosk-*.log && fail "the tampered pack was installed"
sleep 5 # a refused pack is not tried again while it stays the same
for n in a b c; do
  [ "$(grep -c "v3.kpack: error: refused" "kiosk-$n.log")" -le 2 ] || fail "kiosk $n tries the refused pack again and again"
done

# The curator's laptop: any copy of the folder tells how the hall is.
status_ok() {
  "${kiosk[@]}" fleet status folder-a >fleet-status.txt 2>fleet-status.err || true
  [ "$(grep -c "version 2 .* ok .*v3.kpack" fleet-status.txt)" = 3 ]
}
wait_until 60 "fleet status listing three kiosks on version 2 with the refusal" status_ok
for n in a b c; do grep -q "^hall-$n " fleet-status.txt || fail "hall-$n missing from fleet status"; done
cat fleet-status.txt
"${kiosk[@]}" fleet status folder-a --json | python3 -c '
import json, sys
r = json.load(sys.stdin)
assert len(r) == 3 and all(k["pack"]["version"] == 2 and not k["behind"] for k in r), r'

for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
for i in 3 4 5; do wait "${pids[$i]}" || fail "kiosk ${names[$((i - 3))]} did not exit cleanly on SIGTERM"; done
echo "fleet over syncthing end to end: passed"
