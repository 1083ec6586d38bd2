#!/usr/bin/env bash
# lighthouse.sh NAME=URL... : Lighthouse mobile defaults (simulated slow 4G, 4x CPU), RUNS
# interleaved runs per URL (3 by default), one line per run and the median per URL.
# Not part of `make test`. Needs Lighthouse 12.2.3 in $LH_DIR (default /tmp/lh):
#   mkdir -p /tmp/lh && cd /tmp/lh && npm i -E lighthouse@12.2.3
set -euo pipefail
LH_DIR=${LH_DIR:-/tmp/lh}
RUNS=${RUNS:-3}
OUT=${OUT:-build/out/lighthouse}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
mkdir -p "$OUT"
flags='--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic'
for run in $(seq 1 "$RUNS"); do
  for pair in "$@"; do
    name=${pair%%=*}; url=${pair#*=}
    f="$OUT/$name-$run.json"
    node "$LH_DIR/node_modules/lighthouse/cli/index.js" "$url" --quiet --only-categories=performance \
      --output=json --output-path="$f" --chrome-flags="$flags" >/dev/null 2>&1 || { echo "$name run $run: lighthouse failed"; continue; }
    node -e '
      const r = require(process.argv[1]); const a = r.audits; const ms = k => Math.round(a[k].numericValue);
      console.log([process.argv[2], "run " + process.argv[3], "score " + Math.round(r.categories.performance.score * 100),
        "FCP " + ms("first-contentful-paint"), "LCP " + ms("largest-contentful-paint"), "TTI " + ms("interactive"),
        "TBT " + ms("total-blocking-time"), "SI " + ms("speed-index"), "CLS " + a["cumulative-layout-shift"].numericValue.toFixed(3),
        "bytes " + ms("total-byte-weight")].join("  "));' "$(realpath "$f")" "$name" "$run"
  done
done
