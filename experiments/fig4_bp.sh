#!/usr/bin/env bash
# fig4_bp.sh: the paper's Fig. 4 (workload 2, approximate gradient descent):
# for each device and G1, the best test accuracy over programming amplitudes /
# learning rates and the energy per training image there, with the software
# baseline. Full mode: the paper's protocol (1500 hidden, 3 epochs of the
# first 33,000 training images, tested on the next 1,000) on the G1 grid
# 1.4e-5 .. 7e-5. --quick: 100 hidden, 1 epoch of 2,000 images, 500 test.
# Amplitudes: chen15 --vp, vteam and ideal --lr, lut --v1p (gate voltage).
# Usage: experiments/fig4_bp.sh [--quick] [-j N] [--db FILE] [--out DIR] [--no-lut]
source "$(dirname "$0")/common.sh"

devices=chen15,vteam,ideal
lutargs=()
if [ $use_lut -eq 1 ]; then devices=chen15,vteam,lut,ideal; lutargs=(--lut "$lut"); fi
if [ $quick -eq 1 ]; then
  run=(--hidden 100 --epochs 1 --train 2000 --test 500 --test-every 500)
  grid=(--g1 1.4e-5,2e-5,3e-5,5e-5,7e-5 --vp 1.2,1.3 --lr 1e-4,2e-4 --v1p 1.0,1.1 --seed 1)
else
  run=(--hidden 1500 --epochs 3 --train 33000 --test 1000)
  grid=(--g1 1.4e-5,2e-5,3e-5,5e-5,7e-5 --vp 1.2,1.3,1.4 --lr 1e-4,2e-4,4e-4
        --v1p 0.9,1.0,1.1 --seed 1)
fi
run_figure bp fig4_bp --device "$devices" "${grid[@]}" "${lutargs[@]}" "${run[@]}"
