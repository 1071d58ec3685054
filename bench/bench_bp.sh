#!/usr/bin/env bash
# bench_bp.sh: time `msl bp` (single thread) and print the median milliseconds
# per training sample (training only, and with the periodic tests) over several
# runs, for one or more hidden-layer sizes.
#   usage: bench/bench_bp.sh [RUNS] [HIDDEN_LIST] [extra msl bp options]
#   e.g.   bench/bench_bp.sh 5 500,1500,3000 --device chen15 --g1 7e-5 --vp 1.3
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; hidden=${2:-1500}; shift 2 || shift $#
msl=${MSL_BIN:-./build/msl}
[ -x "$msl" ] || { echo "bench: build first" >&2; exit 1; }
for h in ${hidden//,/ }; do
  lines=()
  for k in $(seq "$runs"); do
    lines+=("$("$msl" bp --hidden "$h" --epochs 1 --train 1000 --test 200 --test-every 500 --quiet --seed "$k" "$@" | tail -1)")
  done
  printf '%s\n' "${lines[@]}" | python3 -c '
import json, statistics, sys
rs = [json.loads(l) for l in sys.stdin if l.strip()]
tr = [r["ms_per_sample"] for r in rs]; al = [r["ms_per_sample_with_tests"] for r in rs]
r = rs[0]
print(f"msl bp hidden={r[\"hidden\"]} device={r[\"device\"]}: {len(rs)} runs of 1,000 training samples")
print(f"  ms per training sample: median {statistics.median(tr):.3f} (min {min(tr):.3f}, max {max(tr):.3f});"
      f" with tests every 500 on 200: {statistics.median(al):.3f}")
print(f"  peak memory: {max(x[\"peak_memory_mb\"] for x in rs):.1f} MB")'
done
