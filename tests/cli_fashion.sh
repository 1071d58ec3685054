#!/usr/bin/env bash
# cli_fashion.sh: both workloads on Fashion-MNIST as Debian's
# dataset-fashion-mnist installs it (four .gz IDX files in
# /usr/share/datasets/fashion-mnist, or $MSL_FASHION_DATA): they load and
# learn well above chance (0.1) in short runs. Skipped when the data is
# absent (scripts/fetch-fashion.sh installs it).
source "$(dirname "$0")/lib.sh"

fashion=${MSL_FASHION_DATA:-/usr/share/datasets/fashion-mnist}
if [ ! -f "$fashion/train-images-idx3-ubyte.gz" ] && [ ! -f "$fashion/train-images-idx3-ubyte" ]; then
  echo "SKIP: Fashion-MNIST not installed in $fashion (scripts/fetch-fashion.sh)"; exit 77
fi
acc() { tail -1 "$1" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["test_accuracy"])'; }
above() { python3 -c "import sys; sys.exit(0 if $1 >= $2 else 1)"; }

"$msl" stdp --data "$fashion" --neurons 50 --train 1000 --test 300 --label-window 300 --quiet \
  > "$tmp/s.json" 2> "$tmp/s.err" || bad "stdp on Fashion-MNIST failed: $(cat "$tmp/s.err")"
a=$(acc "$tmp/s.json"); echo "stdp, Fashion-MNIST: $a"
above "$a" 0.3 && ok || bad "stdp accuracy $a < 0.3"
"$msl" bp --data "$fashion" --hidden 100 --epochs 1 --train 1000 --test 300 --test-every 500 --quiet \
  > "$tmp/b.json" 2> "$tmp/b.err" || bad "bp on Fashion-MNIST failed: $(cat "$tmp/b.err")"
a=$(acc "$tmp/b.json"); echo "bp, Fashion-MNIST: $a"
above "$a" 0.4 && ok || bad "bp accuracy $a < 0.4"

echo "cli_fashion: $pass passed, $fail failed"
[ $fail -eq 0 ]
