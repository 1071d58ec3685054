#!/usr/bin/env bash
# bias.sh: accuracy, energy and drift under the bias schemes (issue 15):
# --bias ideal, v2, v3 at the paper's best points: workload 1 (N = 400) on
# Chen 2015 at G1 = 1e-4 (1.3 V) and 1e-5 (1.45 V) and VTEAM at 1e-5;
# workload 2 (1,500 hidden) on Chen at 7e-5 (1.5 V). Short protocol by
# default (3,000 training and 1,000 test images, seed 1: the lazy path costs
# about 8x the ideal drive); --long: 10,000 training, 2,000 test images (bp:
# one epoch of 10,000, 1,000 test images). One database for all; `msl report
# --vs bias` is not numeric, so the table comes from `msl report`. Resumable.
# Extra options: --part NAME (stdp-chen, stdp-chen-lo, stdp-vteam, bp-chen;
# repeatable; default all), --long.
# Usage: experiments/bias.sh [--long] [-j N] [--db FILE] [--out DIR] [--part NAME]...
parts=(); args=(); long=0
while [ $# -gt 0 ]; do
  case $1 in
    --part) parts+=("$2"); shift 2 ;;
    --long) long=1; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
set -- "${args[@]}"
source "$(dirname "$0")/common.sh"
[ ${#parts[@]} -eq 0 ] && parts=(stdp-chen stdp-chen-lo stdp-vteam bp-chen)
if [ $quick -eq 1 ]; then
  stdp=(--neurons 50 --train 500 --test 200 --label-window 500 --seed 1)
  bp=(--hidden 100 --epochs 1 --train 500 --test 200 --test-every 500 --seed 1)
elif [ $long -eq 1 ]; then
  stdp=(--neurons 400 --train 10000 --test 2000 --seed 1)
  bp=(--hidden 1500 --epochs 1 --train 10000 --test 1000 --test-every 2500 --seed 1)
else
  stdp=(--neurons 400 --train 3000 --test 1000 --seed 1)
  bp=(--hidden 1500 --epochs 1 --train 3000 --test 1000 --test-every 1500 --seed 1)
fi
b=(--bias ideal,v2,v3)
figure_begin bias$([ $long -eq 1 ] && echo -long)
for p in "${parts[@]}"; do
  case $p in
    stdp-chen) sweep_part stdp --device chen15 --g1 1e-4 --vp 1.3 "${b[@]}" "${stdp[@]}" ;;
    stdp-chen-lo) sweep_part stdp --device chen15 --g1 1e-5 --vp 1.45 "${b[@]}" "${stdp[@]}" ;;
    stdp-vteam) sweep_part stdp --device vteam --g1 1e-5 --lr 0.03 "${b[@]}" "${stdp[@]}" ;;
    bp-chen) sweep_part bp --device chen15 --g1 7e-5 --vp 1.5 "${b[@]}" "${bp[@]}" ;;
    *) echo "$0: unknown part $p" >&2; exit 2 ;;
  esac
done
figure_end bias$([ $long -eq 1 ] && echo -long)
