#!/usr/bin/env bash
# cli_python_examples.sh: examples/python/stdp_mnist.py and approximate_bp.py,
# which build the workloads from the Python API, give the msl program's
# accuracies bit for bit (as printed: the same JSON text) on the ideal rule,
# VTEAM and Chen 2015, at small sizes. Needs MNIST, numpy (skipped without).
set -uo pipefail
src=${MSL_SOURCE_DIR:?}
bin=${MSL_BIN:?}
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
"$py" -c "import numpy" 2> /dev/null || { echo "SKIP: no numpy for $py"; exit 77; }
data=${MSL_DATA:-$HOME/.local/share/msl/mnist}
[ -e "$data/train-images-idx3-ubyte" ] || [ -e "$data/train-images-idx3-ubyte.gz" ] ||
  { echo "SKIP: no MNIST in $data"; exit 77; }
export MSL_LIB=${MSL_LIB:?}
if [ "${MSL_SANITIZED:-0}" = 1 ]; then
  pre=""
  for r in libasan.so libubsan.so; do f=$(gcc -print-file-name=$r); [ -e "$f" ] && pre="$pre $f"; done
  export LD_PRELOAD="${pre# }" ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
fi
fail=0
# field VALUE of a JSON line (parsed: both sides print numbers with %.10g)
field() { "$py" -c "import json,sys
try: print(json.dumps(json.loads(sys.argv[2]).get(sys.argv[1], 'MISSING')))
except ValueError: print('NOT-JSON')" "$1" "$2"; }
same() { # name, fields, python command..., --, cli command...
  local name=$1 fields=$2; shift 2
  local pyargs=() cliargs=()
  while [ "$1" != -- ]; do pyargs+=("$1"); shift; done; shift
  cliargs=("$@")
  local a b
  a=$(cd "$src" && "$py" "${pyargs[@]}" 2>&1 | tail -1)
  b=$(env -u LD_PRELOAD "$bin" "${cliargs[@]}" --quiet 2>&1 | tail -1)
  for f in $fields; do
    local x y; x=$(field "$f" "$a"); y=$(field "$f" "$b")
    if [ "$x" != "$y" ] || [ "$x" = MISSING ]; then
      echo "FAIL: $name: $f: python $x, msl $y"; echo "  python: $a"; echo "  msl: $b"; fail=1
    fi
  done
  echo "$name: $(field test_accuracy "$a") (same $fields)"
}
S="--train 100 --test 50 --seed 3"
same "stdp ideal" "test_accuracy chunk_accuracy presentations energy_per_image_nj" \
  examples/python/stdp_mnist.py 20 50 1 ideal 0.01 $S -- \
  stdp --neurons 20 --label-window 50 --lr 0.01 $S
same "stdp vteam" "test_accuracy chunk_accuracy presentations energy_per_image_nj chunk_energy_nj" \
  examples/python/stdp_mnist.py 20 50 1 Vteam 0.03 1e-5 $S -- \
  stdp --neurons 20 --label-window 50 --device vteam --lr 0.03 --g1 1e-5 $S
same "stdp chen15" "test_accuracy chunk_accuracy presentations energy_per_image_nj chunk_energy_nj" \
  examples/python/stdp_mnist.py 20 50 1 Paiyu_chen_15 1.3 1e-4 1 $S -- \
  stdp --neurons 20 --label-window 50 --device chen15 --vp 1.3 --g1 1e-4 --substeps 1 $S
B="--hidden 50 --epochs 1 --train 200 --test 50 --test-every 100 --seed 2"
same "bp ideal" "test_accuracy curve" examples/python/approximate_bp.py ideal $B -- bp $B
same "bp chen15" "test_accuracy curve energy_curve_nj energy_per_image_nj" \
  examples/python/approximate_bp.py Paiyu_chen_15 1.5 7e-5 1 $B -- \
  bp --device chen15 --vp 1.5 --g1 7e-5 --substeps 1 $B
exit $fail
