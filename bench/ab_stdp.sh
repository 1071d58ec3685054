#!/usr/bin/env bash
# ab_stdp.sh: compare two msl builds on `msl stdp` N = 400, alternating their
# runs (A, B, A, B, ...) on the same seeds, so that a shared machine's drift
# (15-20 % on this project's VM) hits both alike. Prints each build's median
# ms per presentation and the per-pair ratios B/A, of wall-clock time and of
# the run's CPU time (user + system, less sensitive to other processes on a
# loaded machine). Set MSL_THREADS=1 to compare single-thread runs (builds
# before --threads ignore it).
#   usage: bench/ab_stdp.sh BIN_A BIN_B [PAIRS] [extra msl stdp options]
#   e.g.   MSL_THREADS=1 bench/ab_stdp.sh /tmp/msl-old build/msl 7 --device vteam --g1 1e-5 --lr 0.03
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,10p' "$0" >&2; exit 1; }
A=$1; B=$2; pairs=${3:-7}; shift 2; shift || true
for bin in "$A" "$B"; do [ -x "$bin" ] || { echo "ab_stdp: not executable: $bin" >&2; exit 1; }; done
ms() { # prints "ms_per_presentation cpu_ticks"
  local out t0 t1 me=$BASHPID
  t0=$(awk '{print $14 + $15 + $16 + $17}' /proc/$me/stat)
  out=$("$1" stdp --neurons 400 --train 600 --test 50 --label-window 600 --quiet --seed "$2" "${@:3}" |
    tail -1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["ms_per_presentation"])')
  t1=$(awk '{print $14 + $15 + $16 + $17}' /proc/$me/stat)
  echo "$out $(( t1 - t0 ))"
}
a=(); b=(); ca=(); cb=()
for k in $(seq "$pairs"); do
  read -r x y < <(ms "$A" "$k" "$@"); a+=("$x"); ca+=("$y")
  read -r x y < <(ms "$B" "$k" "$@"); b+=("$x"); cb+=("$y")
done
python3 - "$pairs" "${a[@]}" "${b[@]}" "${ca[@]}" "${cb[@]}" <<'PY'
import statistics, sys
n = int(sys.argv[1]); v = list(map(float, sys.argv[2:]))
a, b, ca, cb = v[:n], v[n:2 * n], v[2 * n:3 * n], v[3 * n:]
print(f"A: median {statistics.median(a):.3f} ms per presentation  ({' '.join(f'{x:.2f}' for x in a)})")
print(f"B: median {statistics.median(b):.3f} ms per presentation  ({' '.join(f'{x:.2f}' for x in b)})")
r = [y / x for x, y in zip(a, b)]
print(f"B/A per pair, wall: {' '.join(f'{x:.3f}' for x in r)}  (median {statistics.median(r):.3f})")
r = [y / x for x, y in zip(ca, cb)]
print(f"B/A per pair, CPU:  {' '.join(f'{x:.3f}' for x in r)}  (median {statistics.median(r):.3f})")
PY
