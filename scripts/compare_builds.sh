#!/usr/bin/env bash
# compare_builds.sh: check that two msl builds (e.g. -march=native and the
# portable default, or before and after a change) give bit-identical results:
# short workload 1 and 2 runs with the ideal synapse and crossbars of each
# device model (the table model when $MSL_SHARED_DIR or ../shared holds the
# reference table), the JSON compared field by field (timing, memory and
# version fields aside) and workload 1's learned weights byte for byte.
# Needs MNIST.
#   usage: scripts/compare_builds.sh BIN_A BIN_B
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,7p' "$0" >&2; exit 2; }
A=$1; B=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
stdp=(stdp --neurons 100 --train 200 --test 100 --label-window 100 --quiet)
bp=(bp --hidden 200 --epochs 1 --train 200 --test 100 --test-every 100 --quiet)
table=${MSL_SHARED_DIR:-$(dirname "$0")/../../shared}/model_data/1t1r_Paiyu_15.npz
runs=("stdp ideal" "stdp chen15" "stdp vteam" "bp ideal" "bp chen15" "bp vteam")
[ -f "$table" ] && runs+=("stdp lut" "bp lut")
fail=0; k=0
for run in "${runs[@]}"; do
  set -- $run; k=$((k + 1))
  if [ "$1" = stdp ]; then args=("${stdp[@]}"); else args=("${bp[@]}"); fi
  dev=(--device "$2")
  case $2 in
    chen15) dev+=(--g1 1e-4) ;;
    vteam) dev+=(--g1 1e-5 --lr 0.03) ;;
    lut) dev+=(--lut "$table" --g1 1e-5 --v1p 0.25 --v1n 1.45) ;;
  esac
  for side in A B; do
    bin=$A; [ $side = B ] && bin=$B
    w=(); [ "$1" = stdp ] && w=(--save-weights "$tmp/$k$side.npy")
    "$bin" "${args[@]}" "${dev[@]}" "${w[@]}" | tail -1 > "$tmp/$k$side.json"
  done
  if python3 - "$tmp/${k}A.json" "$tmp/${k}B.json" <<'PY'
import json, sys
skip = {"seconds", "ms_per_presentation", "ms_per_sample", "ms_per_sample_with_tests",
        "train_seconds", "peak_memory_mb", "version", "threads"}
a, b = (json.load(open(p)) for p in sys.argv[1:])
diff = sorted(k for k in set(a) | set(b) if k not in skip and a.get(k) != b.get(k))
if diff:
    print("  differ:", ", ".join(f"{k} ({a.get(k)} vs {b.get(k)})" for k in diff))
sys.exit(1 if diff else 0)
PY
  then same=1; else same=0; fi
  if [ "$1" = stdp ] && ! cmp -s "$tmp/${k}A.npy" "$tmp/${k}B.npy"; then
    echo "  weights differ"; same=0
  fi
  if [ $same = 1 ]; then echo "identical: msl $run"; else echo "DIFFERENT: msl $run"; fail=1; fi
done
exit $fail
