#!/usr/bin/env bash
# presets.sh: the README's table of published devices (issue 16), reduced
# protocol, one seed: every --preset of the curve model in workload 1
# (N = 400, one pass over 10,000 images, 2,000 tested) at G1 = 2 gmax and
# workload 2 (500 hidden, one pass over 2,500 samples, 1,000 tested every
# 500) at G1 = 5 gmax, and Chen 2015 / VTEAM in workload 2 at the same
# protocol. One SQLite database per workload (two chains in parallel, one
# run each at a time); resumable: run it again.
# Usage: experiments/presets.sh [MSL_BINARY] [DB_DIR]   (defaults: build/msl, results)
set -euo pipefail
cd "$(dirname "$0")/.."
M=${1:-build/msl}; D=${2:-results}
mkdir -p "$D"
declare -A GMAX=([agsi]=3.8462e-8 [taox]=1e-5 [pcmo]=4.3478e-8 [alox]=5.9172e-5 [epiram]=1.2346e-5)
g1() { python3 -c "print('%.6g' % ($1 * ${GMAX[$2]}))"; }
W1=(--neurons 400 --train 10000 --test 2000 --seed 1)
W2=(--hidden 500 --epochs 1 --train 2500 --test 1000 --test-every 500 --seed 1)
stdp() {
  for p in agsi taox pcmo alox epiram; do
    nice "$M" sweep --workload stdp --db "$D/presets_stdp.sqlite" -j 1 --quiet --device curve --preset "$p" \
      --g1 "$(g1 2 "$p")" "${W1[@]}"
  done
}
bp() {
  for p in agsi taox pcmo alox epiram; do
    nice "$M" sweep --workload bp --db "$D/presets_bp.sqlite" -j 1 --quiet --device curve --preset "$p" \
      --g1 "$(g1 5 "$p")" "${W2[@]}"
  done
  nice "$M" sweep --workload bp --db "$D/presets_bp.sqlite" -j 1 --quiet --device chen15 --g1 7e-5 --vp 1.5 "${W2[@]}"
  nice "$M" sweep --workload bp --db "$D/presets_bp.sqlite" -j 1 --quiet --device vteam --g1 1.4e-5 --lr 0.1 "${W2[@]}"
}
stdp & bp & wait
for w in stdp bp; do
  sqlite3 -separator ' | ' "$D/presets_$w.sqlite" \
    "select point_key, status, round(test_accuracy, 4), round(energy_per_image_nj, 3) from runs order by rowid"
done
