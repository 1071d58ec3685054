#!/usr/bin/env bash
# fig3_stdp.sh: the paper's Fig. 3 (workload 1, unsupervised STDP): for each
# device and G1, the best test accuracy over programming amplitudes / learning
# rates and the energy per training image there, with the software baseline.
# Full mode: the paper's protocol (N = 400, 2 epochs of 60,000, 10,000 test
# images) on the G1 grid 7e-6 .. 1e-4; days of CPU: run it on a cluster
# (docs/sweeps.md). --quick: N = 50, 2,000 training and 500 test images.
# Amplitudes: chen15 --vp, vteam and ideal --lr (separate ranges), lut --v1p
# (gate voltage; --v1n 1.45). The grids are informed by the measured runs in README.md;
# the table needs a higher gate voltage at high G1 (G1 = 7e-5, 6,000 training
# images: v1p 0.25 gives 0.49, 0.30 0.68, 0.35 0.70), hence 0.32 in the full grid.
# Usage: experiments/fig3_stdp.sh [--quick] [-j N] [--db FILE] [--out DIR] [--no-lut] [--dt-pre S]
source "$(dirname "$0")/common.sh"

if [ $quick -eq 1 ]; then
  run=(--neurons 50 --train 2000 --test 500 --label-window 500 --seed 1)
  g1=7e-6,1e-5,2e-5,5e-5,1e-4; vp=1.4,1.5; lr_vteam=0.01,0.03; lr_ideal=0.005,0.01; v1p=0.25,0.28
else
  run=(--neurons 400 --epochs 2 --seed 1)
  g1=7e-6,1e-5,2e-5,3e-5,5e-5,7e-5,1e-4; vp=1.25,1.3,1.35,1.4,1.5,1.6; lr_vteam=0.01,0.03,0.1
  lr_ideal=0.005,0.01; v1p=0.23,0.25,0.28,0.32
fi
figure_begin fig3_stdp
sweep_part stdp --device chen15 --g1 $g1 --vp $vp "${run[@]}"
sweep_part stdp --device vteam --g1 $g1 --lr $lr_vteam "${run[@]}"
[ $use_lut -eq 1 ] && sweep_part stdp --device lut --lut "$lut" --g1 $g1 --v1p $v1p --v1n 1.45 "${run[@]}"
sweep_part stdp --device ideal --lr $lr_ideal "${run[@]}"
figure_end fig3_stdp
