#!/usr/bin/env bash
# nonideal.sh: accuracy and energy under the cells' non-idealities (issue 13)
# at the paper's best points: workload 1 (N = 400, one epoch of 60,000, 10,000
# test images) on Chen 2015 at G1 = 1e-4, 1.3 V and VTEAM at 1e-5; workload
# 2 (1,500 hidden, one epoch of 33,000) on Chen at 7e-5, 1.5 V and VTEAM at
# 1.4e-5. Against --c2c, --d2d, --levels (nearest and stochastic rounding),
# stuck cells, and everything on at moderate values. One database for all;
# `msl report --vs PARAM` draws each curve. Resumable: run it again.
# Extra option: --part NAME (stdp-chen, stdp-vteam, bp-chen, bp-vteam, bp-chen-factors:
# workload 2 on Chen at d2d 0.1 and 0.2 with each --d2d-factors; repeatable;
# default: all, in that order). --quick: N = 50, 2,000 training images.
# --reduced: the paper's networks on 10,000 training images (stdp: 2,000 test
# images; bp: 1,000, tested every 2,500): results go to nonideal-reduced.
# Usage: experiments/nonideal.sh [--quick] [-j N] [--db FILE] [--out DIR] [--part NAME]...
parts=(); args=(); reduced=0
while [ $# -gt 0 ]; do
  case $1 in
    --part) parts+=("$2"); shift 2 ;;
    --reduced) reduced=1; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
set -- "${args[@]}"
source "$(dirname "$0")/common.sh"
[ ${#parts[@]} -eq 0 ] && parts=(stdp-chen stdp-vteam bp-chen bp-vteam bp-chen-factors)

if [ $quick -eq 1 ]; then
  stdp=(--neurons 50 --train 2000 --test 500 --label-window 500 --seed 1)
  bp=(--hidden 100 --epochs 1 --train 2000 --test 500 --test-every 500 --seed 1)
elif [ $reduced -eq 1 ]; then
  stdp=(--neurons 400 --train 10000 --test 2000 --seed 1)
  bp=(--hidden 1500 --epochs 1 --train 10000 --test 1000 --test-every 2500 --seed 1)
else
  stdp=(--neurons 400 --epochs 1 --seed 1)
  bp=(--hidden 1500 --epochs 1 --seed 1)
fi
all=(--d2d 0.1 --c2c 0.1 --read-noise 0.05 --levels 64 --levels-rounding stochastic
     --stuck-off 0.01 --stuck-on 0.01 --endurance 1e6)
# curves WORKLOAD DEVICE-ARGS...: every curve of one device point.
curves() {
  local w=$1; shift
  sweep_part "$w" "$@" --c2c 0,0.02,0.05,0.1,0.2,0.5
  sweep_part "$w" "$@" --d2d 0.02,0.05,0.1,0.2,0.5
  sweep_part "$w" "$@" --levels 8,16,32,64,256 --levels-rounding nearest,stochastic
  sweep_part "$w" "$@" --stuck-off 0.01,0.05,0.1
  sweep_part "$w" "$@" --stuck-on 0.01,0.05,0.1
  sweep_part "$w" "$@" "${all[@]}"
}
figure_begin nonideal$([ $reduced -eq 1 ] && echo -reduced)
for p in "${parts[@]}"; do
  case $p in
    stdp-chen) curves stdp --device chen15 --g1 1e-4 --vp 1.3 "${stdp[@]}" ;;
    stdp-vteam) curves stdp --device vteam --g1 1e-5 --lr 0.03 "${stdp[@]}" ;;
    bp-chen) curves bp --device chen15 --g1 7e-5 --vp 1.5 "${bp[@]}" ;;
    bp-vteam) curves bp --device vteam --g1 1.4e-5 --lr 0.1 "${bp[@]}" ;;
    bp-chen-factors) sweep_part bp --device chen15 --g1 7e-5 --vp 1.5 "${bp[@]}" --d2d 0.1,0.2 \
                       --d2d-factors scale,rates,symmetric ;;
    *) echo "$0: unknown part $p" >&2; exit 2 ;;
  esac
done
echo "nonideal: sweeps took $((SECONDS - t0)) s; database $db" >&2
for x in c2c d2d levels stuck-off stuck-on; do
  "$msl" report --db "$db" --vs "$x" --out "$out" || true
done
