#!/usr/bin/env bash
# bench_stdp.sh: time `msl stdp` at N = 400 (single thread) and print the
# median milliseconds per presentation (1,000 steps) over several runs, and
# the peak memory.
#   usage: bench/bench_stdp.sh [RUNS] [extra msl stdp options, e.g. --device chen15 --g1 1e-4]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; shift || true
msl=${MSL_BIN:-./build/msl}
[ -x "$msl" ] || { echo "bench: build first (cmake -S . -B build && cmake --build build)" >&2; exit 1; }
ms=(); mem=()
for k in $(seq "$runs"); do
  line=$("$msl" stdp --neurons 400 --train 1000 --test 100 --label-window 1000 --quiet --seed "$k" "$@" | tail -1)
  ms+=("$(echo "$line" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["ms_per_presentation"])')")
  mem+=("$(echo "$line" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["peak_memory_mb"])')")
done
python3 - "$runs" "$*" "${ms[@]}" "${mem[@]}" <<'PY'
import statistics, sys
n = int(sys.argv[1]); label = sys.argv[2] or "ideal"
ms = list(map(float, sys.argv[3:3 + n])); mem = list(map(float, sys.argv[3 + n:]))
print(f"msl stdp N=400 ({label}): runs {n}, 1,100 samples each")
print(f"  ms per presentation: median {statistics.median(ms):.3f}  (min {min(ms):.3f}, max {max(ms):.3f})")
print(f"  peak memory: {max(mem):.1f} MB")
PY
