#!/usr/bin/env bash
# threads.sh: the speed-up of --threads: alternating runs of one msl command
# with --threads 1 and --threads T (same seeds, so a shared machine's drift
# hits both alike); prints each side's median time per presentation (stdp)
# or per training sample (bp) and the median of the per-pair ratios.
#   usage: bench/threads.sh BIN PAIRS T msl-arguments...
#   e.g.   bench/threads.sh build/msl 3 2 stdp --neurons 1600 --train 200 --test 20 --label-window 200
#          bench/threads.sh build/msl 3 2 bp --hidden 1500 --epochs 1 --train 300 --test 50 \
#            --test-every 300 --device chen15 --g1 7e-5 --vp 1.3
set -euo pipefail
[ $# -ge 4 ] || { sed -n '2,10p' "$0" >&2; exit 1; }
bin=$1; pairs=$2; T=$3; shift 3
[ -x "$bin" ] || { echo "threads: not executable: $bin" >&2; exit 1; }
ms() { # ms per presentation or per training sample of one run with $1 threads, seed $2
  "$bin" "${@:3}" --quiet --seed "$2" --threads "$1" | tail -1 | python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
print(d.get("ms_per_presentation", d.get("ms_per_sample")))'
}
a=(); b=()
for k in $(seq "$pairs"); do
  a+=("$(ms 1 "$k" "$@")")
  b+=("$(ms "$T" "$k" "$@")")
done
python3 - "$pairs" "$T" "${a[@]}" "${b[@]}" <<'PY'
import statistics, sys
n, T = int(sys.argv[1]), sys.argv[2]
v = list(map(float, sys.argv[3:])); a, b = v[:n], v[n:]
print(f"1 thread:  median {statistics.median(a):.3f} ms  ({' '.join(f'{x:.2f}' for x in a)})")
print(f"{T} threads: median {statistics.median(b):.3f} ms  ({' '.join(f'{x:.2f}' for x in b)})")
r = [x / y for x, y in zip(a, b)]
print(f"speed-up per pair: {' '.join(f'{x:.2f}' for x in r)}  (median {statistics.median(r):.2f})")
PY
