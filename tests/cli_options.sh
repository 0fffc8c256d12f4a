#!/usr/bin/env bash
# The command line answers as the tools people like do, every command and subcommand alike:
# --help prints its usage on stdout and exits 0 with nothing on stderr; an unknown option is named
# on stderr with the usage and exits 2; --version exits 0; `pack info --help` opens no file named
# --help. --json of pack info, pack status, pack verify, stats and fleet status parses;
# `pack validate --junit FILE` writes well-formed JUnit XML with the expected failures for a bad
# content folder; every option the usage texts list is in the bash completion script.
# Usage: cli_options.sh "KIOSK COMMAND" BUNDLED_PACK FIXTURE_CONTENT_DIR BAD_CONTENT_DIR
#                       COMPLETION_SCRIPT WORKDIR
set -uo pipefail
read -r -a kiosk <<<"$1"
bundled=$2
fixture=$3
bad=$4
completion=$5
work=$6
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
run() { # ARGS...: the kiosk with a time limit, stdout to out.txt, stderr to err.txt; sets rc
  timeout 20 "${kiosk[@]}" "$@" >out.txt 2>err.txt </dev/null
  rc=$?
}

commands=("" "pack" "pack build" "pack validate" "pack info" "pack keygen" "pack sign"
  "pack verify" "pack install" "pack status" "pack rollback" "stats" "fleet" "fleet status"
  "render" "play" "proof" "preview" "layout-check" "bench")
for c in "${commands[@]}"; do
  read -r -a words <<<"$c"
  name="kiosk${c:+ $c}"
  run "${words[@]}" --help
  [ "$rc" = 0 ] || fail "$name --help exits $rc: $(head -3 err.txt)"
  grep -qi "usage" out.txt || fail "$name --help prints no usage on stdout"
  [ ! -s err.txt ] || fail "$name --help writes on stderr: $(head -3 err.txt)"
  cp out.txt "help-${c// /-}.txt"
  run "${words[@]}" -h
  [ "$rc" = 0 ] && grep -qi "usage" out.txt || fail "$name -h exits $rc or prints no usage"
  run "${words[@]}" --bogus
  [ "$rc" = 2 ] || fail "$name --bogus exits $rc, not 2"
  grep -q -- "--bogus" err.txt || fail "$name --bogus is not named on stderr: $(head -3 err.txt)"
  grep -qi "usage" err.txt || fail "$name --bogus shows no usage on stderr"
  [ ! -s out.txt ] || fail "$name --bogus writes on stdout"
  run "${words[@]}" --version
  [ "$rc" = 0 ] && grep -q "^kiosk [0-9]" out.txt || fail "$name --version exits $rc: $(cat out.txt err.txt | head -3)"
done

# A missing value is named; `--` ends the options.
run pack build "$fixture" -o
[ "$rc" = 2 ] && grep -q -- "-o" err.txt || fail "pack build -o without a value: exit $rc, $(head -2 err.txt)"
run stats --data-dir
[ "$rc" = 2 ] && grep -q -- "--data-dir takes a value" err.txt || fail "stats --data-dir without a value: exit $rc, $(head -2 err.txt)"
cp "$bundled" ./--odd.kpack
run pack info -- --odd.kpack
[ "$rc" = 0 ] && grep -q "^holds" out.txt || fail "pack info -- --odd.kpack: exit $rc, $(head -2 err.txt)"

# pack info --help is the usage, not a file named --help.
run pack info --help
grep -q "not found\|cannot\|No such" err.txt out.txt && fail "pack info --help looked for a file: $(cat err.txt)"

# --json outputs parse.
json_ok() { # NAME FILE PYTHON-ASSERTION
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert $3, d" "$2" 2>json-err.txt ||
    fail "$1 --json: $(tail -1 json-err.txt); output: $(head -c 200 "$2")"
}
run pack info "$bundled" --json
cp out.txt info.json
json_ok "pack info" info.json "d['version'] >= 1 and d['id'] and d['languages'] == ['zh', 'en'] and d['default_language'] == 'zh' and d['counts']['event'] >= 1 and d['counts']['achievement'] >= 1 and d['counts']['city'] >= 1"
SOURCE_DATE_EPOCH=1 timeout 60 "${kiosk[@]}" pack build "$fixture" -o fixture.kpack >/dev/null 2>&1 ||
  fail "the fixture does not build"
timeout 60 "${kiosk[@]}" pack keygen --out keys --no-password >/dev/null 2>&1 || fail "keygen"
timeout 60 "${kiosk[@]}" pack sign fixture.kpack --key keys/kiosk.key >/dev/null 2>&1 || fail "sign"
run pack verify fixture.kpack --pubkey keys/kiosk.pub --json
cp out.txt verify.json
[ "$rc" = 0 ] || fail "pack verify --json exits $rc"
json_ok "pack verify" verify.json "d['good'] is True and d['trusted_comment'].startswith('pack:')"
timeout 60 "${kiosk[@]}" pack keygen --out other --no-password >/dev/null 2>&1
run pack verify fixture.kpack --pubkey other/kiosk.pub --json
cp out.txt verify-bad.json
[ "$rc" = 1 ] || fail "pack verify --json with a stranger's key exits $rc"
json_ok "pack verify (refused)" verify-bad.json "d['good'] is False and d['error']"
timeout 60 "${kiosk[@]}" pack install fixture.kpack --data-dir data --pubkey keys/kiosk.pub >/dev/null 2>&1 ||
  fail "the fixture does not install"
run pack status --data-dir data --json
cp out.txt status.json
json_ok "pack status" status.json "d['active']['version'] >= 1 and d['previous'] is None"
: >data/stats.sqlite
timeout 20 "${kiosk[@]}" stats --data-dir data >/dev/null 2>&1 # makes the tables
sqlite3 data/stats.sqlite "INSERT INTO visit(opened_at, exhibit, lang, seconds) VALUES
  (1700000000, 'home', 'zh', 12.5), (1700000300, 'home', 'en', 7.5)" || fail "sqlite3"
run stats --data-dir data --json
cp out.txt stats.json
json_ok "stats" stats.json "d['visits'] == 2 and d['exhibits'][0]['exhibit'] == 'home' and d['exhibits'][0]['seconds'] == 20"
mkdir -p fleet/status
run fleet status fleet --json
cp out.txt fleet.json
json_ok "fleet status" fleet.json "d == []"

# JUnit: one failure for the bad month, naming the file and line; the XML is well-formed.
cp -r "$bad/bad-month" bad-month
run pack validate bad-month --junit report.xml
[ "$rc" = 1 ] || fail "pack validate --junit of a bad folder exits $rc"
grep -qE "[0-9]+ errors?, " out.txt || fail "pack validate --junit prints no findings as well: $(head -3 out.txt)"
python3 - report.xml <<'EOF' || fail "the JUnit report: see above"
import sys, xml.dom.minidom
doc = xml.dom.minidom.parse(sys.argv[1])
suites = doc.getElementsByTagName("testsuite")
assert len(suites) == 1 and suites[0].getAttribute("name") == "bad-month", suites
failures = doc.getElementsByTagName("failure")
assert len(failures) == 1, [f.toxml() for f in failures]
case = failures[0].parentNode
assert case.getAttribute("name") == "bad-month/events/ev-2003-agreement.md", case.toxml()
assert "line 5" in failures[0].getAttribute("message") or ":5:" in failures[0].firstChild.data, case.toxml()
assert 'date "2003-13" is not a valid month' in failures[0].getAttribute("message"), case.toxml()
assert suites[0].getAttribute("failures") == "1", suites[0].toxml()
EOF
# Every exhibit of a good folder is a test case that passes; a name with control characters and
# markup stays well-formed XML.
cp -r "$fixture" good
evil=$'ev<&"\x1b[2J\x01>.md'
cp good/events/"$(ls good/events | head -1)" "good/events/$evil"
run pack validate good --junit good.xml
python3 - good.xml <<'EOF' || fail "the JUnit report of a good folder with a hostile name: see above"
import sys, xml.dom.minidom
doc = xml.dom.minidom.parse(sys.argv[1])
cases = doc.getElementsByTagName("testcase")
assert len(cases) >= 3, doc.toxml()
names = [c.getAttribute("name") for c in cases]
assert any("ev<&\"" in n for n in names), names
assert all("\x1b" not in n and "\x01" not in n for n in names), names
assert len(doc.getElementsByTagName("failure")) >= 1, doc.toxml()  # the duplicate id
EOF

# Every option the usage texts list can be completed.
if [ -f "$completion" ]; then
  for f in help-*.txt; do
    for opt in $(grep -oE '(^|[ [|])--[a-z][a-z-]+' "$f" | grep -oE -- '--[a-z-]+' | sort -u); do
      grep -qE -- "[ \"]$opt[ \"]" "$completion" || fail "$opt (${f#help-}) is not in $completion"
    done
  done
  # It loads, and completes as it should (bash-completion's helpers, when installed).
  bash -c "source '$completion' && complete -p kiosk" >/dev/null 2>&1 || fail "$completion defines no completion for kiosk"
  if [ -f /usr/share/bash-completion/bash_completion ]; then
    got=$(bash -c "source /usr/share/bash-completion/bash_completion; source '$completion'
      COMP_WORDS=(kiosk pack info --); COMP_CWORD=3; COMP_LINE='kiosk pack info --'; COMP_POINT=18
      _kiosk kiosk -- info; echo \"\${COMPREPLY[*]}\"" 2>&1)
    [[ " $got " == *" --json "* && " $got " == *" --help "* ]] || fail "kiosk pack info --<TAB> completes to: $got"
    got=$(bash -c "source /usr/share/bash-completion/bash_completion; source '$completion'
      COMP_WORDS=(kiosk pa); COMP_CWORD=1; COMP_LINE='kiosk pa'; COMP_POINT=8
      _kiosk kiosk pa kiosk; echo \"\${COMPREPLY[*]}\"" 2>&1)
    [ "$got" = pack ] || fail "kiosk pa<TAB> completes to: $got"
  fi
else
  fail "no completion script at $completion"
fi

[ "$failures" = 0 ] || {
  echo "$failures failures" >&2
  exit 1
}
echo "ok: every command answers --help, --version and a wrong option alike; JSON and JUnit parse"
