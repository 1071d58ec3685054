#!/usr/bin/env bash
# ab_opts.sh: the cost of options on one msl build: `msl stdp` N = 400 with
# the common options, alternating runs without (A) and with (B) the extra
# options on the same seeds, so that a shared machine's drift hits both
# alike. Prints each side's median ms per presentation and the per-pair
# ratios B/A.
#   usage: bench/ab_opts.sh BIN PAIRS "COMMON OPTIONS" "EXTRA OPTIONS"
#   e.g.   bench/ab_opts.sh build/msl 5 "--device chen15 --g1 1e-4 --vp 1.3" "--c2c 0.1"
set -euo pipefail
[ $# -eq 4 ] || { sed -n '2,8p' "$0" >&2; exit 1; }
bin=$1; pairs=$2; common=$3; extra=$4
[ -x "$bin" ] || { echo "ab_opts: not executable: $bin" >&2; exit 1; }
ms() {
  # shellcheck disable=SC2086
  "$bin" stdp --neurons 400 --train 600 --test 50 --label-window 600 --quiet --seed "$1" $common $2 |
    tail -1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["ms_per_presentation"])'
}
a=(); b=()
for k in $(seq "$pairs"); do
  a+=("$(ms "$k" "")")
  b+=("$(ms "$k" "$extra")")
done
python3 - "$pairs" "$extra" "${a[@]}" "${b[@]}" <<'PY'
import statistics, sys
n = int(sys.argv[1]); extra = sys.argv[2]
a = list(map(float, sys.argv[3:3 + n])); b = list(map(float, sys.argv[3 + n:]))
print(f"without: median {statistics.median(a):.3f} ms per presentation  ({' '.join(f'{x:.2f}' for x in a)})")
print(f"with {extra}: median {statistics.median(b):.3f} ms  ({' '.join(f'{x:.2f}' for x in b)})")
r = [y / x for x, y in zip(a, b)]
print(f"with/without per pair: {' '.join(f'{x:.3f}' for x in r)}  (median {statistics.median(r):.3f})")
PY
