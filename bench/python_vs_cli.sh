#!/usr/bin/env bash
# python_vs_cli.sh: wall time of examples/python/{stdp_mnist,approximate_bp}.py
# against the msl program on the issue-17 acceptance configurations, runs
# interleaved, REPS each (default 3), medians; and whether the accuracies are
# the same text. Usage: bench/python_vs_cli.sh [REPS [ROW]]  (from a Release
# build/; ROW: only the rows whose label contains it, e.g. "stdp ideal")
set -uo pipefail
cd "$(dirname "$0")/.."
reps=${1:-3}
only=${2:-}
py=/usr/bin/python3
med() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
t() { local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
row() { # label, python args --, cli args
  local label=$1; shift; local pa=() ca=()
  [[ $label == *"$only"* ]] || return 0
  while [ "$1" != -- ]; do pa+=("$1"); shift; done; shift; ca=("$@")
  local tp=() tc=()
  for ((k = 0; k < reps; k++)); do
    tp+=("$(t "$py" "${pa[@]}")"); tc+=("$(t build/msl "${ca[@]}" --quiet)")
  done
  local mp mc; mp=$(printf '%s\n' "${tp[@]}" | med); mc=$(printf '%s\n' "${tc[@]}" | med)
  local a b; a=$("$py" "${pa[@]}" | "$py" -c "import json,sys; d=json.load(sys.stdin); print(d['test_accuracy'], d.get('chunk_accuracy', d.get('curve')))")
  b=$(build/msl "${ca[@]}" --quiet | "$py" -c "import json,sys; d=json.load(sys.stdin); print(d['test_accuracy'], d.get('chunk_accuracy', d.get('curve')))")
  printf '%-28s python %6.2f s  msl %6.2f s  ratio %4.2f  %s\n' "$label" "$mp" "$mc" \
    "$(echo "$mp / $mc" | bc -l)" "$([ "$a" = "$b" ] && echo "same: $a" || echo "DIFFERENT: $a vs $b")"
}
S="--train 500 --test 200 --seed 3"
row "stdp ideal 0.01" examples/python/stdp_mnist.py 50 250 1 ideal 0.01 $S -- \
  stdp --neurons 50 --label-window 250 $S --lr 0.01
row "stdp Vteam 0.03 1e-5" examples/python/stdp_mnist.py 50 250 1 Vteam 0.03 1e-5 $S -- \
  stdp --neurons 50 --label-window 250 $S --device vteam --lr 0.03 --g1 1e-5
row "stdp Paiyu_chen_15 1.3 1e-4 1" examples/python/stdp_mnist.py 50 250 1 Paiyu_chen_15 1.3 1e-4 1 $S -- \
  stdp --neurons 50 --label-window 250 $S --device chen15 --vp 1.3 --g1 1e-4 --substeps 1
B="--epochs 1 --train 1000 --test 200 --test-every 500 --seed 3"
row "bp ideal (H 1500)" examples/python/approximate_bp.py ideal $B -- bp $B
row "bp Vteam 0.03 2e-5" examples/python/approximate_bp.py Vteam 0.03 2e-5 $B -- \
  bp --device vteam --lr 0.03 --g1 2e-5 $B
row "bp Paiyu_chen_15 1.5 7e-5 1" examples/python/approximate_bp.py Paiyu_chen_15 1.5 7e-5 1 $B -- \
  bp --device chen15 --vp 1.5 --g1 7e-5 --substeps 1 $B
