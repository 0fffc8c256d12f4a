#!/usr/bin/env bash
# Signatures and keys interoperate with the minisign tool both ways, with and without passwords,
# and the kiosk refuses what it must. Usage: sign_interop.sh "KIOSK COMMAND" PACK WORKDIR
set -euo pipefail
kiosk=($1)
pack=$2
work=$3
answer="$(cd "$(dirname "$0")" && pwd)/tty_answer.py"
rm -rf "$work" && mkdir -p "$work" && cd "$work"
cp "$pack" p.kpack
fail() { echo "FAIL: $*" >&2; exit 1; }
good() { "${kiosk[@]}" pack verify "$@" | grep -q 'good signature'; }
# Keys the kiosk makes are password-protected by default, as minisign's are. Its scrypt cost is
# minisign's (1 GiB, about 5 s); KIOSK_TEST_WEAK_KDF makes the kiosk's own test keys cheap so
# that this runs in seconds under ASan and qemu. minisign's keys always cost it in full.
export KIOSK_TEST_WEAK_KDF=1
printf 'kiosk pw\n' >pw.txt
"${kiosk[@]}" pack keygen --out . --password-file pw.txt >/dev/null 2>&1
grep -q 'encrypted secret key' kiosk.key || fail "keygen wrote an unencrypted key by default"
"${kiosk[@]}" pack sign p.kpack --key kiosk.key --password-file pw.txt >/dev/null
good p.kpack --pubkey kiosk.pub || fail "own signature"
comment=$(sed -n 's/^trusted comment: //p' p.kpack.minisig)
minisign -Vq -p kiosk.pub -m p.kpack -x p.kpack.minisig || fail "minisign rejects the kiosk's signature"
minisign -G -W -p m.pub -s m.key >/dev/null
minisign -S -s m.key -m p.kpack -t "$comment" -x m.sig >/dev/null
good p.kpack --pubkey m.pub --sig m.sig || fail "kiosk rejects minisign's signature"
# The kiosk's password-protected key used by minisign, which reads the password from its
# standard input when that is not a terminal.
minisign -S -s kiosk.key -m p.kpack -t "$comment" -x o.sig <pw.txt >/dev/null 2>&1 ||
  fail "minisign cannot use the kiosk's password-protected key"
good p.kpack --pubkey kiosk.pub --sig o.sig || fail "kiosk key via minisign"
# minisign -G -W's key (no password, a checksum of zeros) used by the kiosk: the kiosk's own
# advice once had it refused as "damaged".
cp p.kpack w.kpack
"${kiosk[@]}" pack sign w.kpack --key m.key >/dev/null || fail "the kiosk cannot use a minisign -G -W key"
good w.kpack --pubkey m.pub || fail "minisign -W key via the kiosk"
# minisign -G's password-protected key (scrypt at minisign's full cost) used by the kiosk.
printf 'mini pw\nmini pw\n' | minisign -G -p mp.pub -s mp.key >/dev/null 2>&1
printf 'mini pw\n' >mpw.txt
cp p.kpack mp.kpack
"${kiosk[@]}" pack sign mp.kpack --key mp.key --password-file mpw.txt >/dev/null ||
  fail "the kiosk cannot use minisign's password-protected key"
good mp.kpack --pubkey mp.pub || fail "minisign password key via the kiosk"
# --no-password, for automation: minisign signs with it without asking.
mkdir bare && "${kiosk[@]}" pack keygen --out bare --no-password >/dev/null
grep -q 'not encrypted' bare/kiosk.key || fail "--no-password wrote an encrypted key"
minisign -S -s bare/kiosk.key -m p.kpack -t "$comment" -x b.sig </dev/null >/dev/null 2>&1 ||
  fail "minisign cannot use a --no-password key"
good p.kpack --pubkey bare/kiosk.pub --sig b.sig || fail "--no-password key via minisign"
# The password asked on the terminal without echo: tty_answer.py types it at each prompt.
mkdir tty && cp p.kpack t.kpack
python3 "$answer" 'tty pw' 120 "${kiosk[@]}" pack keygen --out tty >tty.out 2>&1 || fail "keygen on a terminal: $(cat tty.out)"
grep -q 'again' tty.out || fail "keygen asked for the password once: $(cat tty.out)"
grep -q 'tty pw' tty.out && fail "the password was echoed: $(cat tty.out)"
python3 "$answer" 'tty pw' 120 "${kiosk[@]}" pack sign t.kpack --key tty/kiosk.key >tty.out 2>&1 ||
  fail "sign on a terminal: $(cat tty.out)"
good t.kpack --pubkey tty/kiosk.pub || fail "a key made on a terminal"
# Ctrl-C at the prompt: nothing written, and the terminal's echo is back on.
mkdir ctrlc
python3 "$answer" '\x03' 120 "${kiosk[@]}" pack keygen --out ctrlc >tty.out 2>&1 && fail "keygen went on after Ctrl-C"
grep -q '(terminal echo on)' tty.out || fail "Ctrl-C at the password prompt left the terminal's echo off: $(cat tty.out)"
[ ! -e ctrlc/kiosk.key ] || fail "keygen wrote a key after Ctrl-C"
# Refusals, each with its reason.
refused() { local why=$1; shift; out=$("$@" 2>&1) && fail "accepted: $*"; grep -q "$why" <<<"$out" || fail "wrong reason for $*: $out"; }
refused "does not trust" "${kiosk[@]}" pack verify p.kpack --pubkey m.pub
minisign -S -s kiosk.key -m p.kpack -t "pack:other version:1" -x other.sig <pw.txt >/dev/null 2>&1
refused 'signature is for "pack:other version:1"' "${kiosk[@]}" pack verify p.kpack --pubkey kiosk.pub --sig other.sig
cp p.kpack q.kpack && printf 'x' >>q.kpack
refused "does not match the pack" "${kiosk[@]}" pack verify q.kpack --pubkey kiosk.pub --sig p.kpack.minisig
refused "not signed" "${kiosk[@]}" pack verify q.kpack --pubkey kiosk.pub
printf 'not it\n' >bad.txt
refused "wrong password for the secret key" "${kiosk[@]}" pack sign p.kpack --key kiosk.key --password-file bad.txt
refused "wrong password for the secret key" "${kiosk[@]}" pack sign p.kpack --key mp.key --password-file bad.txt
refused "no terminal to ask for the password" setsid -w "${kiosk[@]}" pack sign p.kpack --key kiosk.key </dev/null
mkdir none
refused "no terminal to ask for the password" setsid -w "${kiosk[@]}" pack keygen --out none </dev/null
[ ! -e none/kiosk.key ] || fail "keygen wrote a key it was given no password for"
echo "sign interop: all passed"
