#!/usr/bin/env bash
# Start-up and memory against content size (issue 12 §3): builds the bundled pack's source
# (content/) at 1×, 10× and 100× — every exhibit file copied N-1 times under new ids, the links
# inside each copy renamed with it so that every copy is a whole, valid set of its own — and
# prints one table of the figures against their budgets:
#   first frame  instructions from process start to the first frame presented (callgrind.sh),
#                the pack already vetted: each pack is started once beforehand, uncounted, since
#                the first start of a pack file runs the full validator on it and records it
#   peak RSS     touring every screen of every exhibit in both languages (kiosk bench --only tour)
#   fling p99    instructions of the timeline fling's 99th-percentile frame (callgrind.sh)
# Figures, not assertions: PASS/FAIL only reads a figure against its budget.
# Usage: tests/bench/scale.sh [--sizes "1 10 100"] [--no-100x] [--keep DIR] [KIOSK_BINARY]
#   --no-100x  leave out 100× (its tour draws ~28 000 screens: minutes)
#   --keep DIR  leave the packs built there (scale-N.kpack), to profile them
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes="1 10 100"
keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --no-100x) sizes="1 10"; shift ;;
    --keep) keep=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
kiosk=$(realpath "${1:-build/default/kiosk}")
case " $sizes " in *" 1 "*) ;; *) sizes="1 $sizes" ;; esac # the budgets are relative to 1×
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -z "$keep" ] || { mkdir -p "$keep"; keep=$(realpath "$keep"); }
# A record of vetted packs of our own, so the warm-up below is what vets, not an earlier run.
export XDG_CACHE_HOME="$tmp/cache"

# content/ with each exhibit N times: copy k of exhibit ID is ID-xK, and inside that copy every
# exhibit id is renamed the same way (links stay within the copy). A copy of a corridor city
# would share its corridor position, so copies leave the corridor (as double-pack.sh does).
generate() {
  local n=$1 dir=$2
  cp -r content "$dir"
  [ "$n" -gt 1 ] || return 0
  perl -e '
    my ($dir, $n) = @ARGV;
    my @files = map { glob("$dir/$_/*.md") } qw(achievements cities events statistics);
    my %ids = map { m{([^/]+)\.md$}; ($1 => 1) } @files;
    my $re = join "|", map { quotemeta } sort { length $b <=> length $a } keys %ids;
    for my $f (@files) {
      open my $in, "<", $f or die "$f: $!";
      my $text = do { local $/; <$in> };
      close $in;
      my $city = $f =~ m{/cities/};
      for my $k (2 .. $n) {
        (my $copy = $text) =~ s/(?<![\w-])($re)(?![\w-])/$1-x$k/g;
        $copy =~ s/^corridor(?:_order)?:.*\n//mg if $city;
        (my $out = $f) =~ s/\.md$/-x$k.md/;
        open my $o, ">", $out or die "$out: $!";
        print $o $copy;
        close $o;
      }
    }' "$dir" "$n"
}

declare -A first rss fling count
for n in $sizes; do
  src="$tmp/content-$n"
  pack="${keep:-$tmp}/scale-$n.kpack"
  generate "$n" "$src"
  count[$n]=$(find "$src/achievements" "$src/cities" "$src/events" "$src/statistics" -name '*.md' | wc -l)
  echo "${n}x: ${count[$n]} exhibits; building (the build validates)…" >&2
  SOURCE_DATE_EPOCH=0 "$kiosk" pack build "$src" -o "$pack" >/dev/null
  # The warm-up: the pack's first start vets it in full and records it.
  "$kiosk" bench --only first-frame --pack "$pack" >/dev/null 2>&1
  echo "${n}x: counting instructions (callgrind)…" >&2
  cg=$(tests/bench/callgrind.sh "$kiosk" "$pack")
  first[$n]=$(awk '/^first frame/ {print $3}' <<<"$cg")
  fling[$n]=$(sed -n 's/^fling .* p99 \([0-9]*\),.*/\1/p' <<<"$cg")
  echo "${n}x: touring every screen…" >&2
  rss[$n]=$("$kiosk" bench --only tour --pack "$pack" 2>/dev/null | awk '/^memory/ {print $4}')
done

# One row: size, what, the figure as shown, its budget as text, and the awk condition on x (the
# figure as a number) for PASS; no condition, no verdict.
row() {
  local verdict=""
  [ -n "$5" ] && verdict=$(awk -v x="$6" "BEGIN { print ($5) ? \"PASS\" : \"FAIL\" }")
  printf '%-5s %-18s %-18s %-32s %s\n' "$1" "$2" "$3" "$4" "$verdict"
}
mi() { awk -v x="$1" 'BEGIN { printf "%.1f", x / 1e6 }'; }
ki() { awk -v x="$1" 'BEGIN { printf "%.0f", x / 1e3 }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f %%", (b - a) / a * 100 }'; }
times() { awk -v a="$1" -v f="$2" 'BEGIN { printf "%.1f", a * f }'; }
f1=$(mi "${first[1]}") r1=${rss[1]} p1=$(ki "${fling[1]}")
printf '\n%-5s %-18s %-18s %-32s %s\n' size figure measured budget verdict
for n in $sizes; do
  f=$(mi "${first[$n]}") r=${rss[$n]} p=$(ki "${fling[$n]}")
  s="${n}x"
  if [ "$n" = 1 ]; then
    row "$s" "first frame" "$f M" "<= 100 M" "x <= 100" "$f"
    row "" "peak RSS, tour" "$r MB" "<= 42 MB" "x <= 42" "$r"
    row "" "fling p99" "$p k/frame" "(the reference for 10x)" "" ""
  elif [ "$n" = 10 ]; then
    row "$s" "first frame" "$f M $(pct "$f1" "$f")" "<= 1x + 10 % = $(times "$f1" 1.1) M" \
      "x <= $(times "$f1" 1.1)" "$f"
    row "" "peak RSS, tour" "$r MB $(pct "$r1" "$r")" "<= 1x + 5 % = $(times "$r1" 1.05) MB" \
      "x <= $(times "$r1" 1.05)" "$r"
    row "" "fling p99" "$p k $(pct "$p1" "$p")" "unchanged: <= 1x + 2 % = $(times "$p1" 1.02) k" \
      "x <= $(times "$p1" 1.02)" "$p"
  else # no budget of its own: how it grows
    row "$s" "first frame" "$f M $(pct "$f1" "$f")" "-" "" ""
    row "" "peak RSS, tour" "$r MB $(pct "$r1" "$r")" "-" "" ""
    row "" "fling p99" "$p k $(pct "$p1" "$p")" "-" "" ""
  fi
  printf '%-5s (%s exhibits)\n' "" "${count[$n]}"
done
