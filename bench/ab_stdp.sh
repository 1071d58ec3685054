#!/usr/bin/env bash
# ab_stdp.sh: compare two msl builds on `msl stdp` N = 400, alternating their
# runs (A, B, A, B, ...) on the same seeds, so that a shared machine's drift
# (15-20 % on this project's VM) hits both alike. Prints each build's median
# ms per presentation and the per-pair ratios B/A.
#   usage: bench/ab_stdp.sh BIN_A BIN_B [PAIRS] [extra msl stdp options]
#   e.g.   bench/ab_stdp.sh /tmp/msl-old build/msl 7 --device vteam --g1 1e-5 --lr 0.03
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,7p' "$0" >&2; exit 1; }
A=$1; B=$2; pairs=${3:-7}; shift 2; shift || true
for bin in "$A" "$B"; do [ -x "$bin" ] || { echo "ab_stdp: not executable: $bin" >&2; exit 1; }; done
ms() {
  "$1" stdp --neurons 400 --train 600 --test 50 --label-window 600 --quiet --seed "$2" "${@:3}" |
    tail -1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["ms_per_presentation"])'
}
a=(); b=()
for k in $(seq "$pairs"); do
  a+=("$(ms "$A" "$k" "$@")")
  b+=("$(ms "$B" "$k" "$@")")
done
python3 - "$pairs" "${a[@]}" "${b[@]}" <<'PY'
import statistics, sys
n = int(sys.argv[1]); a = list(map(float, sys.argv[2:2 + n])); b = list(map(float, sys.argv[2 + n:]))
print(f"A: median {statistics.median(a):.3f} ms per presentation  ({' '.join(f'{x:.2f}' for x in a)})")
print(f"B: median {statistics.median(b):.3f} ms per presentation  ({' '.join(f'{x:.2f}' for x in b)})")
r = [y / x for x, y in zip(a, b)]
print(f"B/A per pair: {' '.join(f'{x:.3f}' for x in r)}  (median {statistics.median(r):.3f})")
PY
