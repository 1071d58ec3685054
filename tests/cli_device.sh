#!/usr/bin/env bash
# cli_device.sh: `msl device` prints the documented CSV for every model, dw
# depends on the state for chen15 (switching non-uniformity), and bad input
# fails with a message naming the option.
source "$(dirname "$0")/lib.sh"
header=model,g1,w_before,voltage,dt,pulses,w_after,dw
lut=${MSL_SHARED_DIR:-}/model_data/1t1r_Paiyu_15.npz

# run NAME ARGS...: output in $tmp/NAME.csv, must succeed
run() {
  local name=$1; shift
  "$msl" device "$@" > "$tmp/$name.csv" 2> "$tmp/$name.err" || { bad "$name failed: $(cat "$tmp/$name.err")"; return 1; }
}
# rows FILE N: header line, then N data rows of 8 fields
rows() {
  [ "$(head -1 "$1")" = "$header" ] || { bad "$1: header '$(head -1 "$1")'"; return; }
  local n; n=$(tail -n +2 "$1" | awk -F, 'NF == 8' | wc -l)
  [ "$n" -eq "$2" ] && [ "$(wc -l < "$1")" -eq $(($2 + 1)) ] && ok || bad "$1: $n rows, expected $2"
}

run vteam --model vteam --g1 1e-5 --w 0.1,0.5,0.9 --voltage 1.2,-1.2 --dt 1e-9 --pulses 3 && rows "$tmp/vteam.csv" 6
run chen --model chen15 --g1 1e-5 --w 0.05,0.2,0.5,0.9 --voltage 1.3,-1.3 --dt 1e-8 --pulses 2 --substeps 3 \
  && rows "$tmp/chen.csv" 8
# in-range weights: no note; out-of-range ones are clipped to the reachable
# weight, counted once per --w value (VTEAM at 1e-4: w in [0.00444, 1.4930])
[ ! -s "$tmp/vteam.err" ] && ok || bad "vteam: unexpected stderr: $(cat "$tmp/vteam.err")"
run clip --model vteam --g1 1e-4 --w 2e9,0.5,-1 --voltage 1,-1 --dt 1e-9 --pulses 1 && rows "$tmp/clip.csv" 6
grep -q "note: 2 of the --w weights were outside the model's range" "$tmp/clip.err" && ok \
  || bad "clipped --w weights not reported: $(cat "$tmp/clip.err")"
awk -F, 'NR == 2 { exit !($3 + 0 > 1.4930 && $3 + 0 < 1.4931) }' "$tmp/clip.csv" && ok || bad "w 2e9 not clipped to 1/(G1 Ron)"
# 17 significant digits, model name and pulses echoed
awk -F, 'NR == 2 { exit !($1 == "chen15" && $6 == 2 && length($3) >= 17) }' "$tmp/chen.csv" && ok || bad "chen row format"
# dw grows with w for the same potentiating voltage (rate depends on the gap)
awk -F, 'NR > 1 && $4 == 1.3 { dw[++n] = $8 } END {
  for (k = 2; k <= n; k++) if (!(dw[k] > dw[k-1] * 1.01)) exit 1; exit !(n == 4) }' "$tmp/chen.csv" \
  && ok || bad "chen15 dw does not depend on w: $(cat "$tmp/chen.csv")"
# positive voltage potentiates, negative depresses
awk -F, 'NR > 1 { if (($4 > 0 && !($8 > 0)) || ($4 < 0 && !($8 < 0))) exit 1 }' "$tmp/chen.csv" && ok || bad "chen15 signs"
# VTEAM's dR does not depend on R, so dw does (w = 1/(G1 R)); 0 V changes nothing
run vzero --device vteam --w 0.3 --voltage 0 && awk -F, 'NR == 2 { exit !($8 == 0 && $3 == $7) }' "$tmp/vzero.csv" \
  && ok || bad "0 V changed the weight"
# --energy: one VTEAM pulse costs |w| G1 V^2 dt (ohmic: both columns equal);
# two Chen pulses cost G1 dt (w0 + w1) V^2 and, from its sinh current,
# G1 dt (w0 + w1) Vread V sinh(V/V0)/sinh(Vread/V0); no --energy, no columns
run ve --model vteam --g1 1e-5 --w 0.5 --voltage 1.3 --dt 1e-8 --energy \
  && python3 - "$tmp/ve.csv" <<'PY' && ok || bad "vteam --energy: $(cat "$tmp/ve.csv")"
import csv, sys
r = list(csv.DictReader(open(sys.argv[1])))[0]
e = 0.5 * 1e-5 * 1.3 ** 2 * 1e-8
assert abs(float(r["energy_j"]) - e) <= 1e-15 * e and r["energy_iv_j"] == r["energy_j"], r
PY
run ce --model chen15 --g1 1e-4 --w 0.5 --voltage 1.3,0 --pulses 2 --energy \
  && python3 - "$tmp/ce.csv" <<'PY' && ok || bad "chen15 --energy: $(cat "$tmp/ce.csv")"
import csv, sys
from math import sinh
r, z = list(csv.DictReader(open(sys.argv[1])))
w0, w2 = float(r["w_before"]), float(r["w_after"])
w1 = w0 + (w2 - w0) / 2  # the weight between the pulses, to 1e-4 relative
e = (w0 + w1) * 1e-4 * 1.3 ** 2 * 1e-9
eiv = e * 0.7 * sinh(1.3 / 0.43) / sinh(0.7 / 0.43) / 1.3
assert abs(float(r["energy_j"]) - e) <= 1e-6 * e, (r, e)
assert abs(float(r["energy_iv_j"]) - eiv) <= 1e-6 * eiv, (r, eiv)
assert float(z["energy_j"]) == 0 and float(z["energy_iv_j"]) == 0, z
PY
head -1 "$tmp/vzero.csv" | grep -qx "model,g1,w_before,voltage,dt,pulses,w_after,dw" && ok || bad "default header"
# w_before is the reachable weight: clipped into the device's range
run clip --model vteam --g1 1e-5 --w 100 --voltage 1 \
  && awk -F, 'NR == 2 { exit !($3 > 14.9 && $3 < 14.94) }' "$tmp/clip.csv" && ok || bad "w2s clipping: $(cat "$tmp/clip.csv")"

if [ -f "$lut" ]; then
  run lut --model lut --lut "$lut" --g1 1e-5 --w 0.1,1,10 --voltage 0.5,-1.5,0.001,3 --dt 1e-9 && rows "$tmp/lut.csv" 12
  grep -q "clamped" "$tmp/lut.err" && ok || bad "lut: clamping not reported"
  # with quirks a voltage above the table is an error (exit 1, message)
  "$msl" device --model lut --lut "$lut" --w 0.5 --voltage 3 --quirks reference > /dev/null 2> "$tmp/q.err"
  [ $? -eq 1 ] && grep -q "range" "$tmp/q.err" && ok || bad "lut quirks overrun: $(cat "$tmp/q.err")"
  # workload 1 quirks: a negative voltage never depresses
  run q1 --model lut --lut "$lut" --w 10 --voltage -2 --quirks reference \
    && awk -F, 'NR == 2 { exit !($8 == 0) }' "$tmp/q1.csv" && ok || bad "quirks 9.1"
else
  echo "note: $lut absent, lut runs skipped"
fi
# a damaged table is a runtime error (1) naming the file
echo "not a zip" > "$tmp/bad.npz"
"$msl" device --model lut --lut "$tmp/bad.npz" --w 0.5 --voltage 1 > /dev/null 2> "$tmp/e.err"
[ $? -eq 1 ] && grep -q "bad.npz" "$tmp/e.err" && ok || bad "damaged table: $(cat "$tmp/e.err")"

# expect_err WANT ARGS...: fails with status 2 and a message containing WANT
expect_err() {
  local want=$1; shift
  "$msl" device "$@" > "$tmp/e.out" 2> "$tmp/e.err"
  local rc=$?
  if [ $rc -ne 2 ]; then bad "status $rc for: $*"; return; fi
  [ "$(wc -l < "$tmp/e.err")" -eq 1 ] && grep -q -- "$want" "$tmp/e.err" && ok \
    || bad "message for '$*' lacks '$want': $(cat "$tmp/e.err")"
}
base=(--w 0.5 --voltage 1)
expect_err --g1 --model vteam "${base[@]}" --g1 -1e-5
expect_err --g1 --model vteam "${base[@]}" --g1 nan
expect_err --substeps --model chen15 "${base[@]}" --substeps 0
expect_err "--lut: required by the lut model" --model lut "${base[@]}"
expect_err "--dt-pre: pulses here are --dt wide" --model vteam "${base[@]}" --dt-pre 1e-8
expect_err --lut --model lut "${base[@]}"
expect_err --model --model memristor9 "${base[@]}"
expect_err --model "${base[@]}"
expect_err --w --model vteam --voltage 1
expect_err --w --model vteam --w 0.5,abc --voltage 1
expect_err --voltage --model vteam --w 0.5 --voltage ,
expect_err "--w: empty element" --model vteam --w 0.5, --voltage 1
expect_err "--w: empty element" --model vteam --w 0.5,,0.6 --voltage 1
expect_err --pulses --model vteam "${base[@]}" --pulses 0
expect_err --dt --model vteam "${base[@]}" --dt 0
expect_err --dt --model vteam "${base[@]}" --dt -1e-9
expect_err --quirks --model vteam "${base[@]}" --quirks some
expect_err --workload --model vteam "${base[@]}" --workload 3
expect_err "unknown option" --model vteam "${base[@]}" --frobnicate
"$msl" device --help > "$tmp/help.txt" && ok || bad "--help failed"
# the learning rules' parameters are not a device's: msl device drives voltages directly
expect_err "--vp: a parameter of the rule log10, not of a device model" --model chen15 "${base[@]}" --vp 1.2
expect_err "--lr: a parameter of the rule step" --model vteam "${base[@]}" --lr 0.1
expect_err "--substeps: must be in \[1, 1e+06\]" --model chen15 "${base[@]}" --substeps 0
for o in --model --w --voltage --dt --pulses --g1 --substeps --lut --lut-lookup --quirks --workload --help; do
  grep -q -- "$o" "$tmp/help.txt" && ok || bad "--help does not document $o"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
