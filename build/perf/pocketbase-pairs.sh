#!/usr/bin/env bash
# Durable settled bills/s at c=100 against PocketBase with synchronous(FULL), measured in
# interleaved pairs on the same machine (issue 23): each pair is one PocketBase run
# (../shared/peer/run-pocketbase.sh, a fresh instance, N records at c=100) and right after it
# one gongji-load run (100 families, one bill a push, DURATION). Prints every pair and the
# median of the ratios. A benchmark, not a test: the 2 cores are shared with whatever else runs.
#
#   build/perf/pocketbase-pairs.sh              # 4 pairs
#   PAIRS=8 BIN=/path/to/gongji build/perf/pocketbase-pairs.sh
#
# Knobs: PAIRS (4), N PocketBase records (10000), DURATION of our run (10s), BIN (the gongji
# binary; built from this checkout when empty), NICE (0: the niceness of both sides).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
peer=$root/../shared/peer
[[ -d $peer ]] || peer=/work/wt/shared/peer
PAIRS=${PAIRS:-4}
N=${N:-10000}
DURATION=${DURATION:-10s}
NICE=${NICE:-0}
work=$(mktemp -d "${TMPDIR:-/tmp}/pbpairs.XXXXXX")
trap 'rm -rf "$work"' EXIT
BIN=${BIN:-}
if [[ -z $BIN ]]; then
	BIN=$work/gongji
	(cd "$root" && go build -trimpath -o "$BIN" ./server/cmd/gongji)
fi
(cd "$root" && go build -o "$work/gongji-load" ./server/cmd/gongji-load)

field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

printf '%-5s %-8s %12s %9s %12s %9s %8s %8s %6s\n' pair utc 'PB rec/s' 'PB p99' 'our bills/s' 'our p99' 'x rate' 'x p99' load
ratios=$work/ratios
: >"$ratios"
for i in $(seq "$PAIRS"); do
	pb=$(cd "$peer" && RUNS=1 SYNCS=full LEVELS=100 N=$N nice -n "$NICE" ./run-pocketbase.sh 2>&1 | grep '^run=' | tail -1)
	ours=$(nice -n "$NICE" "$work/gongji-load" -bin "$BIN" -families 100 -duration "$DURATION" 2>&1 | tail -1)
	pbr=$(field rps "$pb")
	pbp=$(field p99_ms "$pb")
	read -r _ _ _ our _ ourp _ <<<"$ours"
	xr=$(awk -v a="$our" -v b="$pbr" 'BEGIN { printf "%.2f", a / b }')
	xp=$(awk -v a="$ourp" -v b="$pbp" 'BEGIN { printf "%.3f", a / b }')
	echo "$xr $xp" >>"$ratios"
	printf '%-5s %-8s %12s %9s %12s %9s %8s %8s %6s\n' "$i" "$(date -u +%H:%M:%S)" "$pbr" "$pbp" "$our" "$ourp" "$xr" "$xp" "$(cut -d' ' -f1 /proc/loadavg)"
done
echo "median: $(cut -d' ' -f1 "$ratios" | median)x the rate, $(cut -d' ' -f2 "$ratios" | median)x the p99 ($PAIRS pairs)"
