#!/usr/bin/env bash
# ab_opts.sh: the cost of options on one msl build: `msl stdp` N = 400 with
# the common options, alternating runs without (A) and with (B) the extra
# options on the same seeds, so that a shared machine's drift hits both
# alike. Prints each side's median ms per presentation (wall clock) and the
# per-pair ratios B/A, and the same for the run's CPU time (user + system,
# less sensitive to other processes on a loaded machine).
#   usage: bench/ab_opts.sh BIN PAIRS "COMMON OPTIONS" "EXTRA OPTIONS" ["A's OWN OPTIONS"]
#   e.g.   bench/ab_opts.sh build/msl 5 "--device chen15 --g1 1e-4 --vp 1.3" "--c2c 0.1"
#          bench/ab_opts.sh build/msl 3 "--device chen15 --g1 1e-5" \
#            "--cell 1t1r --rule ln --v1p 0.25 --v1n 1.45" "--vp 1.45"   (1T1R vs 1R)
set -euo pipefail
[ $# -eq 4 ] || [ $# -eq 5 ] || { sed -n '2,10p' "$0" >&2; exit 1; }
bin=$1; pairs=$2; common=$3; extra=$4; own=${5:-}; train=${AB_TRAIN:-600} # AB_TRAIN: training images per run
[ -x "$bin" ] || { echo "ab_opts: not executable: $bin" >&2; exit 1; }
ms() { # prints "ms_per_presentation cpu_seconds"
  local out t0 t1 me=$BASHPID
  t0=$(awk '{print $14 + $15 + $16 + $17}' /proc/$me/stat)
  # shellcheck disable=SC2086
  out=$("$bin" stdp --neurons 400 --train "$train" --test 50 --label-window "$train" --quiet --seed "$1" $common $2 |
    tail -1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["ms_per_presentation"])')
  t1=$(awk '{print $14 + $15 + $16 + $17}' /proc/$me/stat)
  echo "$out $(( t1 - t0 ))"
}
a=(); b=(); ca=(); cb=()
for k in $(seq "$pairs"); do
  read -r x y < <(ms "$k" "$own"); a+=("$x"); ca+=("$y")
  read -r x y < <(ms "$k" "$extra"); b+=("$x"); cb+=("$y")
done
own=$own python3 - "$pairs" "$extra" "${a[@]}" "${b[@]}" "${ca[@]}" "${cb[@]}" <<'PY'
import statistics, sys
n = int(sys.argv[1]); extra = sys.argv[2]; v = list(map(float, sys.argv[3:]))
own = __import__("os").environ.get("own", "")
a, b, ca, cb = v[:n], v[n:2 * n], v[2 * n:3 * n], v[3 * n:]
print(f"without{' (with ' + own + ')' if own else ''}: median {statistics.median(a):.3f} ms per presentation  ({' '.join(f'{x:.2f}' for x in a)})")
print(f"with {extra}: median {statistics.median(b):.3f} ms  ({' '.join(f'{x:.2f}' for x in b)})")
r = [y / x for x, y in zip(a, b)]
print(f"with/without per pair, wall: {' '.join(f'{x:.3f}' for x in r)}  (median {statistics.median(r):.3f})")
r = [y / x for x, y in zip(ca, cb)]
print(f"with/without per pair, CPU:  {' '.join(f'{x:.3f}' for x in r)}  (median {statistics.median(r):.3f})")
PY
