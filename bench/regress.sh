#!/usr/bin/env bash
# regress.sh: the regression configurations of the layering issue (issue 12:
# workload 1 and 2 on ideal, chen15, vteam and the reference 1T1R table, each
# also with --quirks reference), plus the later layers' options (cells,
# bias, non-idealities, presets), one JSON line each into OUT/NAME.json.
# Compare two builds' outputs with bench/regress_cmp.py OLD NEW.
#   usage: bench/regress.sh BIN OUT [NAME-FILTER]   (e.g. a grep pattern: 'stdp_')
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,7p' "$0" >&2; exit 1; }
bin=$1; out=$2; filter=${3:-.}
here=$(cd "$(dirname "$0")/.." && pwd)
table=${MSL_REF_TABLE:-$here/../shared/model_data/1t1r_Paiyu_15.npz}
mkdir -p "$out"
W1="stdp --neurons 400 --train 300 --test 100 --label-window 100"
W2="bp --epochs 1 --train 300 --test 100 --test-every 100"
configs=(
  "stdp_ideal|$W1 --device ideal"
  "stdp_chen|$W1 --device chen15 --g1 1e-4 --vp 1.3"
  "stdp_vteam|$W1 --device vteam --g1 1e-5 --lr 0.03"
  "stdp_lut|$W1 --device lut --lut $table --g1 1e-5 --v1p 0.25 --v1n 1.45"
  "bp_ideal|$W2 --device ideal"
  "bp_chen|$W2 --device chen15 --g1 7e-5 --vp 1.5"
  "bp_vteam|$W2 --device vteam --g1 1.4e-5 --lr 0.1"
  "bp_lut|$W2 --device lut --lut $table --g1 2e-5 --v1p 0.22 --v1n 1.6"
)
extra=(
  "stdp_1t1r|$W1 --device chen15 --g1 1e-5 --cell 1t1r --rule ln --v1p 0.25 --v1n 1.45"
  "stdp_1t1r_fixed|$W1 --device chen15 --g1 1e-5 --cell 1t1r --rule ln --v1p 0.25 --v1n 1.45 --cell-tol 0"
  "stdp_2t1r|$W1 --device chen15 --g1 1e-5 --cell 2t1r --rule ln --v1p 0.25 --v1n 1.45"
  "bp_1t1r|$W2 --device chen15 --g1 7e-5 --cell 1t1r --rule ln --v1p 0.25 --v1n 1.45"
  "stdp_v2|$W1 --device chen15 --g1 1e-4 --vp 1.3 --bias v2"
  "stdp_v3|$W1 --device chen15 --g1 1e-4 --vp 1.3 --bias v3"
  "stdp_v2_chen5|$W1 --device chen15 --g1 1e-5 --vp 1.45 --bias v2"
  "stdp_v2_vteam|$W1 --device vteam --g1 1e-5 --lr 0.03 --bias v2"
  "bp_v2|$W2 --device chen15 --g1 7e-5 --vp 1.5 --bias v2"
  "bp_v3|$W2 --device chen15 --g1 7e-5 --vp 1.5 --bias v3"
  "stdp_nonideal|$W1 --device chen15 --g1 1e-4 --vp 1.3 --d2d 0.1 --c2c 0.1 --levels 64 --stuck-off 0.01"
  "bp_curve|$W2 --device curve --preset taox --g1 5e-5"
)
all=()
for c in "${configs[@]}"; do
  all+=("$c")
  n=${c%%|*}; all+=("${n}_quirks|${c#*|} --quirks reference")
done
all+=("${extra[@]}")
for c in "${all[@]}"; do
  n=${c%%|*}; a=${c#*|}
  echo "$n" | grep -q -- "$filter" || continue
  # shellcheck disable=SC2086
  "$bin" $a --seed 1 --quiet > "$out/$n.json" 2> "$out/$n.err" || echo "regress: $n exited $?" >&2
done
