#!/usr/bin/env bash
# fig3_stdp.sh: the paper's Fig. 3 (workload 1, unsupervised STDP): for each
# device and G1, the best test accuracy over programming amplitudes / learning
# rates and the energy per training image there, with the software baseline.
# Full mode: the paper's protocol (N = 400, 2 epochs of 60,000, 10,000 test
# images) on the G1 grid 7e-6 .. 1e-4; days of CPU: run it on a cluster
# (docs/sweeps.md). --quick: N = 50, 2,000 training and 500 test images.
# Amplitudes: chen15 --vp, vteam and ideal --lr, lut --v1p (gate voltage).
# Usage: experiments/fig3_stdp.sh [--quick] [-j N] [--db FILE] [--out DIR] [--no-lut]
source "$(dirname "$0")/common.sh"

devices=chen15,vteam,ideal
lutargs=()
if [ $use_lut -eq 1 ]; then devices=chen15,vteam,lut,ideal; lutargs=(--lut "$lut"); fi
if [ $quick -eq 1 ]; then
  run=(--neurons 50 --train 2000 --test 500 --label-window 500)
  grid=(--g1 7e-6,1e-5,2e-5,5e-5,1e-4 --vp 1.2,1.3 --lr 0.01,0.02 --v1p 1.0,1.1 --seed 1)
else
  run=(--neurons 400 --epochs 2)
  grid=(--g1 7e-6,1e-5,2e-5,3e-5,5e-5,7e-5,1e-4 --vp 1.2,1.3,1.4 --lr 0.005,0.01,0.02
        --v1p 0.9,1.0,1.1 --seed 1)
fi
run_figure stdp fig3_stdp --device "$devices" "${grid[@]}" "${lutargs[@]}" "${run[@]}"
