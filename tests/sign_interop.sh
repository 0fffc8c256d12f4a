#!/usr/bin/env bash
# Signatures interoperate with the minisign tool both ways, and the kiosk refuses what it must.
# Usage: sign_interop.sh "KIOSK COMMAND" PACK WORKDIR
set -euo pipefail
kiosk=($1)
pack=$2
work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
cp "$pack" p.kpack
fail() { echo "FAIL: $*" >&2; exit 1; }
"${kiosk[@]}" pack keygen --out . >/dev/null
"${kiosk[@]}" pack sign p.kpack --key kiosk.key >/dev/null
"${kiosk[@]}" pack verify p.kpack --pubkey kiosk.pub | grep -q 'good signature' || fail "own signature"
comment=$(sed -n 's/^trusted comment: //p' p.kpack.minisig)
minisign -Vq -p kiosk.pub -m p.kpack -x p.kpack.minisig || fail "minisign rejects the kiosk's signature"
minisign -G -W -p m.pub -s m.key >/dev/null
minisign -S -s m.key -m p.kpack -t "$comment" -x m.sig >/dev/null
"${kiosk[@]}" pack verify p.kpack --pubkey m.pub --sig m.sig | grep -q 'good signature' || fail "kiosk rejects minisign's signature"
minisign -S -s kiosk.key -m p.kpack -t "$comment" -x o.sig >/dev/null || fail "minisign cannot use the kiosk's key"
"${kiosk[@]}" pack verify p.kpack --pubkey kiosk.pub --sig o.sig | grep -q 'good signature' || fail "kiosk key via minisign"
# Refusals, each with its reason.
refused() { local why=$1; shift; out=$("$@" 2>&1) && fail "accepted: $*"; grep -q "$why" <<<"$out" || fail "wrong reason for $*: $out"; }
refused "does not trust" "${kiosk[@]}" pack verify p.kpack --pubkey m.pub
minisign -S -s kiosk.key -m p.kpack -t "pack:other version:1" -x other.sig >/dev/null
refused 'signature is for "pack:other version:1"' "${kiosk[@]}" pack verify p.kpack --pubkey kiosk.pub --sig other.sig
cp p.kpack q.kpack && printf 'x' >>q.kpack
refused "does not match the pack" "${kiosk[@]}" pack verify q.kpack --pubkey kiosk.pub --sig p.kpack.minisig
refused "not signed" "${kiosk[@]}" pack verify q.kpack --pubkey kiosk.pub
echo "sign interop: 4 passed, 0 failed"
