#!/usr/bin/env bash
# quickstart.sh: install what is missing, build msl, fetch MNIST, and run a
# short STDP experiment (about a minute on 2 cores): 100 neurons trained on
# 10,000 images and tested on 2,000, two seeds in parallel.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
scripts/python-setup.sh
scripts/fetch-mnist.sh
mkdir -p results
echo "quickstart: msl stdp --neurons 100 --train 10000 --test 2000 --label-window 2000, seeds 1 and 2 ..."
for s in 1 2; do
  ./build/msl stdp --neurons 100 --train 10000 --test 2000 --label-window 2000 --seed $s \
    --quiet > results/quickstart-seed$s.json &
done
wait
python3 - <<'PY'
import json
rs = [json.loads(open(f"results/quickstart-seed{s}.json").read().splitlines()[-1]) for s in (1, 2)]
print()
print("msl quick start: unsupervised STDP (Diehl & Cook), ideal synapses, 100 neurons")
print("  trained on 10,000 MNIST images (1 epoch), tested on 2,000")
for r in rs:
    print(f"  seed {r['seed']}: test accuracy {r['test_accuracy']:.3f}  "
          f"(chunks {', '.join(f'{a:.3f}' for a in r['chunk_accuracy'][:-1])}); "
          f"{r['seconds']:.1f} s, {r['ms_per_presentation']:.2f} ms per presentation")
print("  (the published Python simulator reached 0.746 on this configuration)")
print()
print("paper-scale runs (N = 400, 2 epochs, 60,000 + 10,000 images; minutes each):")
print("  ./build/msl stdp --neurons 400 --epochs 2 --device ideal")
print("  ./build/msl stdp --neurons 400 --epochs 2 --device chen15 --g1 1e-4 --vp 1.4")
print("  ./build/msl stdp --neurons 400 --epochs 2 --device vteam --g1 1e-5 --lr 0.03")
print("  ./build/msl bp --device chen15 --g1 7e-5 --vp 1.5          # workload 2, paper protocol")
print("results: JSON lines in results/; see README.md for the options")
PY
