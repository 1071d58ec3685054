#!/usr/bin/env bash
# bench_bp.sh: time `msl bp` (single thread) and print the median milliseconds
# per training sample (training only, and with the periodic tests) over several
# runs, for one or more hidden-layer sizes.
#   usage: bench/bench_bp.sh [RUNS] [HIDDEN_LIST] [extra msl bp options]
#   e.g.   bench/bench_bp.sh 5 500,1500,3000 --device chen15 --g1 7e-5 --vp 1.3
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)/bench
runs=${1:-5}; hidden=${2:-1500}; shift 2 || shift $#
msl=${MSL_BIN:-./build/msl}
[ -x "$msl" ] || { echo "bench: build first" >&2; exit 1; }
for h in ${hidden//,/ }; do
  lines=()
  for k in $(seq "$runs"); do
    lines+=("$("$msl" bp --hidden "$h" --epochs 1 --train 1000 --test 200 --test-every 500 --quiet --seed "$k" "$@" | tail -1)")
  done
  printf '%s\n' "${lines[@]}" | python3 "$here/bp_summary.py"
done
