#!/usr/bin/env bash
# cli_bias.sh: the bias schemes from the command line (docs/array.md): the
# option's errors; msl device's half-selected columns; short stdp and bp
# runs under v2 and v3 (the energy split, the half-selected counts, the lazy
# path against the exact one) and --bias ideal identical to no option.
source "$(dirname "$0")/lib.sh"
data=${MSL_DATA:-$HOME/.local/share/msl/mnist}

expect_exit 2 "--bias: expected one of" stdp --device chen15 --bias v4 --data "$tmp/nowhere"
expect_exit 2 "use --bias v2-exact" stdp --device chen15 --bias v2 --c2c 0.1 --data "$tmp/nowhere"
expect_exit 2 "--bias: expected ideal, v2 or v3" device --model chen15 --w 0.5 --voltage 1.3 --bias v2-exact
expect_exit 2 "single-cell rows only" device --model chen15 --w 0.5 --voltage 1.3 --bias v2 --cells 3

# ---- msl device: dw_half is the same cell's change at V/2 (v2), at V/3 (v3);
# dw_unselected 0 V (nothing) and -V/3.
"$msl" device --model chen15 --g1 1e-4 --w 0.5 --voltage 1.6 --pulses 10 --bias v2 > "$tmp/b2.csv" &&
"$msl" device --model chen15 --g1 1e-4 --w 0.5 --voltage 0.8,0 --pulses 10 > "$tmp/half.csv" &&
"$msl" device --model chen15 --g1 1e-4 --w 0.5 --voltage 1.6 --pulses 10 --bias v3 > "$tmp/b3.csv" &&
"$msl" device --model chen15 --g1 1e-4 --w 0.5 --voltage 0.5333333333333333,-0.5333333333333333 --pulses 10 > "$tmp/third.csv" \
  || bad "msl device runs failed"
head -1 "$tmp/b2.csv" | grep -qx "model,g1,w_before,voltage,dt,pulses,w_after,dw,dw_half,dw_unselected" \
  && ok || bad "--bias header: $(head -1 "$tmp/b2.csv")"
[ "$(awk -F, 'NR == 2 { print $9 "," $10 }' "$tmp/b2.csv")" = \
  "$(awk -F, 'NR > 1 { printf "%s%s", (NR > 2 ? "," : ""), $8 }' "$tmp/half.csv")" ] && ok \
  || bad "v2 dw_half/dw_unselected differ from pulses at 0.8 V and 0 V"
awk -F, 'NR == 2 { a = $9; b = $10 } END { exit !(a > 0 && b < 0) }' "$tmp/b3.csv" && ok || bad "v3 columns' signs"
awk -F, -v h="$(awk -F, 'NR == 2 { print $8 }' "$tmp/third.csv")" \
  'NR == 2 { exit !(($9 - h) ^ 2 <= (1e-12 * h) ^ 2) }' "$tmp/b3.csv" && ok || bad "v3 dw_half is not V/3's"

if [ ! -f "$data/train-images-idx3-ubyte" ] && [ ! -f "$data/train-images-idx3-ubyte.gz" ]; then
  echo "$pass passed, $fail failed (SKIP: runs need MNIST in $data)"
  [ "$fail" -eq 0 ]; exit $?
fi
key() { python3 -c "import json,sys; j=json.loads(sys.stdin.read().splitlines()[-1]); print(j['$1'])"; }
S=(stdp --neurons 10 --train 20 --test 10 --label-window 20 --device chen15 --g1 1e-4 --vp 1.3 --seed 3 --quiet --data "$data")
strip() { python3 -c "
import json,sys
j=json.loads(sys.stdin.read().splitlines()[-1])
for k in ('seconds','ms_per_presentation','peak_memory_mb'): j.pop(k,None)
print(json.dumps(j, sort_keys=True))"; }
"$msl" "${S[@]}" | strip > "$tmp/none.json" && "$msl" "${S[@]}" --bias ideal | strip > "$tmp/ideal.json" \
  && cmp -s "$tmp/none.json" "$tmp/ideal.json" && ok || bad "--bias ideal differs from no option"
for b in v2 v2-exact v3; do "$msl" "${S[@]}" --bias $b > "$tmp/$b.json" || bad "--bias $b run failed"; done
python3 - "$tmp" <<'PY' && ok || bad "stdp bias JSON"
import json, sys
d = sys.argv[1]
r = {b: json.loads(open(f"{d}/{b}.json").read().splitlines()[-1]) for b in ("v2", "v2-exact", "v3")}
for b, j in r.items():
    assert j["bias"] == b, j["bias"]
    assert j["energy_half_selected_per_image_nj"] > 0 and j["half_selected_pulses_per_image"] > 0
    tot = j["energy_selected_per_image_nj"] + j["energy_half_selected_per_image_nj"]
    assert abs(tot - j["energy_per_image_nj"]) <= 1e-9 * j["energy_per_image_nj"], b
# the lazy path against the exact one: same counts, energies within 1e-6
a, e = r["v2"], r["v2-exact"]
assert a["half_selected_pulses_per_image"] == e["half_selected_pulses_per_image"]
for k in ("energy_per_image_nj", "energy_half_selected_per_image_nj"):
    assert abs(a[k] - e[k]) <= 1e-6 * e[k], (k, a[k], e[k])
# V/3: every cell of the array is half-selected, more cell-pulses than V/2
assert r["v3"]["half_selected_pulses_per_image"] > a["half_selected_pulses_per_image"]
print("stdp: half-selected energy %.3g nJ (v2) of %.3g nJ; v3 %.3g nJ" % (
    a["energy_half_selected_per_image_nj"], a["energy_per_image_nj"],
    r["v3"]["energy_half_selected_per_image_nj"]))
PY
# the lazy path's pending sums through a checkpoint: stopped by SIGTERM
# after its first checkpoint, resumed, the same JSON as uninterrupted
C=(stdp --neurons 10 --train 60 --test 10 --label-window 20 --device chen15 --g1 1e-4 --vp 1.3 --seed 3 --quiet --data "$data" --bias v2)
"$msl" "${C[@]}" | strip > "$tmp/c_u.json" || bad "--bias v2 run failed"
rm -f "$tmp/c.ck"
"$msl" "${C[@]}" --checkpoint "$tmp/c.ck" --checkpoint-every 1 > /dev/null 2> "$tmp/c.err" & pid=$!
for _ in $(seq 600); do [ -e "$tmp/c.ck" ] && break; sleep 0.05; done
kill -TERM $pid 2> /dev/null; wait $pid; rc=$?
{ [ $rc -eq 143 ] || [ $rc -eq 0 ]; } && ok || bad "--bias v2 --checkpoint: exit $rc: $(cat "$tmp/c.err")"
[ $rc -eq 143 ] && { "$msl" "${C[@]}" --checkpoint "$tmp/c.ck" 2> "$tmp/c.err" | strip > "$tmp/c_r.json" \
  && cmp -s "$tmp/c_u.json" "$tmp/c_r.json" && ok || bad "--bias v2 resumed from a checkpoint differs: $(cat "$tmp/c.err")"; }
B=(bp --hidden 20 --epochs 1 --train 20 --test 10 --test-every 20 --device chen15 --g1 7e-5 --vp 1.5 --seed 3 --quiet --data "$data")
"$msl" "${B[@]}" --bias v3 > "$tmp/bp.json" && "$msl" "${B[@]}" --bias v3-exact > "$tmp/bpx.json" \
  || bad "bp --bias v3 failed"
python3 - "$tmp" <<'PY' && ok || bad "bp bias JSON"
import json, sys
d = sys.argv[1]
a, e = (json.loads(open(f"{d}/{f}").read().splitlines()[-1]) for f in ("bp.json", "bpx.json"))
assert a["energy_half_selected_per_image_nj"] > 0
assert a["half_selected_pulses_per_image"] == e["half_selected_pulses_per_image"]
assert abs(a["energy_per_image_nj"] - e["energy_per_image_nj"]) <= 1e-6 * e["energy_per_image_nj"]
PY

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
