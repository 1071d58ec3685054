#!/usr/bin/env bash
# size_curve.sh: Diehl & Cook's accuracy against network size (issue 18).
# Ideal synapses with their protocol: N = 100, 400, 1,600 and 6,400
# excitatory neurons trained for 1, 3, 7 and 15 epochs of the 60,000
# training images, tested on the 10,000 test images with learning and
# threshold adaptation off (--freeze-test); neurons are labelled by their
# responses to the last 10,000 training images (--label-window 10000, with
# learning on), or with --dc-label as Diehl & Cook do: after training, one
# more pass over the training images with learning off (--label-pass; other
# points of the same database). Then N = 1,600 on Chen 2015 crossbars at
# G1 = 1e-4 with 10 ns column pulses. One sweep database; resumable: run it
# again. --parts LIST picks the parts (ideal100, ideal400, ideal1600,
# ideal6400, chen1600; default all, in that order). Quick mode: 1/10 of the
# images.
# Usage: experiments/size_curve.sh [--quick] [--dc-label] [-j N] [--db FILE] [--out DIR] [--parts LIST]
parts=ideal100,ideal400,ideal1600,ideal6400,chen1600
dc=0
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --parts) parts=$2; shift 2 ;;
    --dc-label) dc=1; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
set -- "${args[@]}"
source "$(dirname "$0")/common.sh"
run=(--label-window 10000 --freeze-test --seed 1)
[ $quick -eq 1 ] && run=(--train 6000 --test 1000 --label-window 1000 --freeze-test --seed 1)
if [ $dc -eq 1 ]; then
  if [ $quick -eq 1 ]; then run+=(--label-pass 6000); else run+=(--label-pass 60000); fi
fi
figure_begin size_curve
for p in ${parts//,/ }; do
  case $p in
    ideal100) sweep_part stdp --device ideal --neurons 100 --epochs 1 "${run[@]}" ;;
    ideal400) sweep_part stdp --device ideal --neurons 400 --epochs 3 "${run[@]}" ;;
    ideal1600) sweep_part stdp --device ideal --neurons 1600 --epochs 7 "${run[@]}" ;;
    ideal6400) sweep_part stdp --device ideal --neurons 6400 --epochs 15 "${run[@]}" ;;
    chen1600) sweep_part stdp --device chen15 --g1 1e-4 --vp 1.3 --dt-pre 1e-8 --neurons 1600 \
                --epochs 7 "${run[@]}" ;;
    *) echo "$0: unknown part $p" >&2; exit 2 ;;
  esac
done
figure_end size_curve
