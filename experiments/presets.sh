#!/usr/bin/env bash
# presets.sh: the README's table of published devices (issue 16), reduced
# protocol, one seed: every --preset of the curve model in workload 1
# (N = 400, one pass over 10,000 images, 2,000 tested) at G1 = 2 gmax and
# workload 2 (500 hidden, one pass over 2,500 samples, 1,000 tested every
# 500) at G1 = 5 gmax, and Chen 2015 / VTEAM in workload 2 at the same
# protocol. One SQLite database per workload (two chains in parallel, one
# run each at a time); resumable: run it again.
# --full: workload 1 for one epoch (N = 400, 60,000 images, 10,000 tested)
# and workload 2 for one epoch of the paper's (1,500 hidden, 33,000 samples,
# 1,000 tested every 1,000), Chen 2015 and VTEAM in both, into
# presets_full_{stdp,bp}.sqlite, the two chains one after the other.
# Usage: experiments/presets.sh [--full] [MSL_BINARY] [DB_DIR]   (defaults: build/msl, results)
set -euo pipefail
cd "$(dirname "$0")/.."
full=0; [ "${1:-}" = --full ] && { full=1; shift; }
M=${1:-build/msl}; D=${2:-results}
mkdir -p "$D"
declare -A GMAX=([agsi]=3.8462e-8 [taox]=1e-5 [pcmo]=4.3478e-8 [alox]=5.9172e-5 [epiram]=1.2346e-5)
g1() { python3 -c "print('%.6g' % ($1 * ${GMAX[$2]}))"; }
W1=(--neurons 400 --train 10000 --test 2000 --seed 1)
W2=(--hidden 500 --epochs 1 --train 2500 --test 1000 --test-every 500 --seed 1)
S=presets
if [ $full -eq 1 ]; then
  W1=(--neurons 400 --epochs 1 --seed 1); W2=(--hidden 1500 --epochs 1 --seed 1); S=presets_full
fi
stdp() {
  for p in agsi taox pcmo alox epiram; do
    nice "$M" sweep --workload stdp --db "$D/${S}_stdp.sqlite" -j 1 --quiet --device curve --preset "$p" \
      --g1 "$(g1 2 "$p")" "${W1[@]}"
  done
  [ $full -eq 1 ] || return 0
  nice "$M" sweep --workload stdp --db "$D/${S}_stdp.sqlite" -j 1 --quiet --device chen15 --g1 1e-4 --vp 1.3 "${W1[@]}"
  nice "$M" sweep --workload stdp --db "$D/${S}_stdp.sqlite" -j 1 --quiet --device vteam --g1 1e-5 --lr 0.03 "${W1[@]}"
}
bp() {
  for p in agsi taox pcmo alox epiram; do
    nice "$M" sweep --workload bp --db "$D/${S}_bp.sqlite" -j 1 --quiet --device curve --preset "$p" \
      --g1 "$(g1 5 "$p")" "${W2[@]}"
  done
  nice "$M" sweep --workload bp --db "$D/${S}_bp.sqlite" -j 1 --quiet --device chen15 --g1 7e-5 --vp 1.5 "${W2[@]}"
  nice "$M" sweep --workload bp --db "$D/${S}_bp.sqlite" -j 1 --quiet --device vteam --g1 1.4e-5 --lr 0.1 "${W2[@]}"
}
if [ $full -eq 1 ]; then stdp; bp; else stdp & bp & wait; fi
for w in stdp bp; do
  sqlite3 -separator ' | ' "$D/${S}_$w.sqlite" \
    "select point_key, status, round(test_accuracy, 4), round(energy_per_image_nj, 3) from runs order by rowid"
done
