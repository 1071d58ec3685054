#!/usr/bin/env bash
# cli_nonideal.sh: the non-idealities from the command line. `msl device
# --cells K`: the spread of c2c, exact stuck counts, levels, wear, seeds,
# the plain output kept; the options' errors on msl stdp and msl bp; a short
# stdp run's JSON and its reproducibility; msl sweep over --c2c.
source "$(dirname "$0")/lib.sh"
dev() { "$msl" device "$@"; }

# ---- c2c: the per-cell dw has mean the noiseless dw (within 2 %) and relative
# spread 0.1 (within 10 %) on 20,000 cells, for chen15 and vteam (1.2 V: VTEAM's
# step, a steep power law of V, is 2.8e-5 there, 1.3e-8 at 1.0 V).
c2c_check() { # NAME ARGS...: plain run vs --cells 20000 --c2c 0.1
  local name=$1; shift
  dev "$@" > "$tmp/$name.plain" && dev "$@" --cells 20000 --c2c 0.1 > "$tmp/$name.csv" \
    || { bad "$name: run failed"; return; }
  local ref; ref=$(awk -F, 'NR == 2 { print $8 }' "$tmp/$name.plain")
  awk -F, -v ref="$ref" -v name="$name" 'NR > 1 { n++; s += $9; q += $9 * $9 } END {
    m = s / n; sd = sqrt((q - n * m * m) / (n - 1))
    printf "%s c2c 0.1 on %d cells: mean dw %.6g (noiseless %.6g, %+.3f %%), relative sd %.5f\n",
      name, n, m, ref, 100 * (m / ref - 1), sd / m
    exit !(n == 20000 && ref > 0 && (m / ref - 1) ^ 2 < 0.02 ^ 2 && (sd / m - 0.1) ^ 2 < 0.01 ^ 2) }' \
    "$tmp/$name.csv" && ok || bad "$name: c2c statistics"
}
c2c_check chen15 --model chen15 --g1 1e-4 --w 0.5 --voltage 1.3 --dt 1e-9 --pulses 1
c2c_check vteam --model vteam --g1 1e-5 --w 0.5 --voltage 1.2 --dt 1e-9 --pulses 1
head -1 "$tmp/chen15.csv" | grep -qx "cell,model,g1,w_before,voltage,dt,pulses,w_after,dw,stuck" \
  && ok || bad "cells header: $(head -1 "$tmp/chen15.csv")"
awk -F, 'NR > 1 && ($1 != NR - 2 || $10 != 0) { exit 1 }' "$tmp/chen15.csv" && ok || bad "cell indices"

# ---- no non-ideality: the plain output unchanged; --cells 3 repeats its rows.
args=(--model chen15 --g1 1e-4 --w 0.1,0.5 --voltage 1.3,-1.3,0 --dt 1e-8 --pulses 2 --energy)
dev "${args[@]}" > "$tmp/p1.csv" && dev "${args[@]}" --cells 1 --seed 7 > "$tmp/p2.csv" \
  && cmp -s "$tmp/p1.csv" "$tmp/p2.csv" && ok || bad "--cells 1 --seed 7 changed the plain output"
head -1 "$tmp/p1.csv" | grep -qx "model,g1,w_before,voltage,dt,pulses,w_after,dw,energy_j,energy_iv_j" \
  && ok || bad "plain header"
dev "${args[@]}" --cells 3 > "$tmp/p3.csv" || bad "--cells 3 failed"
# (without the columns cell and stuck, each row three times)
[ "$(awk -F, 'NR > 1 { s = $2; for (i = 3; i <= NF; i++) if (i != 10) s = s "," $i; print s }' "$tmp/p3.csv" \
  | uniq -c | awk '$1 == 3 { print $2 }')" = "$(tail -n +2 "$tmp/p1.csv")" ] && ok \
  || bad "--cells 3 rows differ from the plain rows"

# ---- seeds: the same seed gives the same cells, another differs.
many=(--model vteam --g1 1e-5 --w 0.2,0.8 --voltage 1.2,-1.2 --pulses 3 --cells 300 --d2d 0.2 --c2c 0.1
  --stuck-on 0.05 --endurance 4)
dev "${many[@]}" --seed 5 > "$tmp/s5a.csv" 2> /dev/null && dev "${many[@]}" --seed 5 > "$tmp/s5b.csv" 2> /dev/null \
  && cmp -s "$tmp/s5a.csv" "$tmp/s5b.csv" && ok || bad "same --seed, different output"
dev "${many[@]}" --seed 6 > "$tmp/s6.csv" 2> /dev/null && ! cmp -s "$tmp/s5a.csv" "$tmp/s6.csv" \
  && ok || bad "--seed 6 gives the output of --seed 5"
dev "${many[@]}" > "$tmp/s1.csv" 2> /dev/null && ! cmp -s "$tmp/s1.csv" "$tmp/s5a.csv" && ok || bad "default seed"

# ---- stuck cells: exactly round(F K), at the lowest (highest) conductance, never moved.
wlo=$(dev --model chen15 --g1 1e-4 --w 0 --voltage 0 2> /dev/null | awk -F, 'NR == 2 { print $7 }')
whi=$(dev --model chen15 --g1 1e-4 --w 1e9 --voltage 0 2> /dev/null | awk -F, 'NR == 2 { print $7 }')
dev --model chen15 --g1 1e-4 --w 0.5 --voltage 1.3 --cells 10000 --stuck-off 0.1 > "$tmp/off.csv" 2> "$tmp/off.err" \
  || bad "--stuck-off run failed"
[ "$(awk -F, -v lo="$wlo" 'NR > 1 && $9 == 0 && $8 == lo && $10 == 1' "$tmp/off.csv" | wc -l)" -eq 1000 ] \
  && [ "$(awk -F, 'NR > 1 && $9 > 0 && $10 == 0' "$tmp/off.csv" | wc -l)" -eq 9000 ] && ok \
  || bad "--stuck-off 0.1 of 10000 cells: not exactly 1000 at w $wlo"
grep -q "note: 1000 cells stuck at the lowest conductance and 0 at the highest from the start, 0 worn out; 1000 pulses" \
  "$tmp/off.err" && ok || bad "stuck note: $(cat "$tmp/off.err")"
dev --model chen15 --g1 1e-4 --w 0.5 --voltage -1.3 --cells 1000 --stuck-on 0.05 > "$tmp/on.csv" 2> /dev/null \
  && [ "$(awk -F, -v hi="$whi" 'NR > 1 && $9 == 0 && $8 == hi && $10 == 2' "$tmp/on.csv" | wc -l)" -eq 50 ] \
  && [ "$(awk -F, 'NR > 1 && $9 < 0' "$tmp/on.csv" | wc -l)" -eq 950 ] && ok || bad "--stuck-on 0.05 of 1000 cells"

# ---- levels: at most 8 weights, all on the grid of 8 evenly spaced over [wlo, whi].
dev --model chen15 --g1 1e-4 --w 0.1,0.3,0.5,0.7,0.9,1.1,1.3 --voltage 1.3,1.5,-1.5 --pulses 5 --dt 1e-8 \
  --cells 200 --c2c 0.2 --levels 8 > "$tmp/lv.csv" || bad "--levels run failed"
awk -F, -v lo="$wlo" -v hi="$whi" 'NR > 1 { v[$4]; v[$8] } END {
  for (w in v) { n++; x = (w - lo) / (hi - lo) * 7; q = int(x + 0.5); if ((x - q) ^ 2 > 1e-18) exit 1 }
  printf "--levels 8: %d distinct weights over 4200 rows\n", n; exit !(n >= 5 && n <= 8) }' "$tmp/lv.csv" \
  && ok || bad "--levels 8 weights"

# ---- wear: an endurance of exactly 3 switching pulses: the cells stop after the
# third of 5 pulses (the weight of 3 plain pulses) and the 2 others are ignored.
dev --model chen15 --g1 1e-4 --w 0.5 --voltage 1.3 --pulses 3 > "$tmp/w3.csv"
dev --model chen15 --g1 1e-4 --w 0.5 --voltage 1.3 --pulses 5 --cells 10 --endurance 3 --endurance-sd 0 \
  > "$tmp/wear.csv" 2> "$tmp/wear.err" || bad "--endurance run failed"
w3=$(awk -F, 'NR == 2 { print $7 }' "$tmp/w3.csv")
awk -F, -v w3="$w3" 'NR > 1 { n++; if ($10 != 3 || ($8 / w3 - 1) ^ 2 > 1e-24) exit 1 } END { exit n != 10 }' \
  "$tmp/wear.csv" && ok || bad "worn cells: $(head -3 "$tmp/wear.csv") (3 pulses: $w3)"
grep -q "0 at the highest from the start, 10 worn out; 20 pulses reached stuck cells" "$tmp/wear.err" && ok \
  || bad "wear note: $(cat "$tmp/wear.err")"

# ---- --energy per cell from that cell's weight: a stuck-off cell costs w_lo G1 V^2 dt.
dev --model chen15 --g1 1e-4 --w 0.5 --voltage 1.3 --cells 100 --stuck-off 0.5 --d2d 0.3 --energy \
  > "$tmp/en.csv" 2> /dev/null && awk -F, 'NR > 1 { e = $4 * 1e-4 * 1.69 * 1e-9; n++
    if (($11 / e - 1) ^ 2 > 1e-24) exit 1; if ($10 == 1) off++ } END { exit !(n == 100 && off == 50) }' "$tmp/en.csv" \
  && ok || bad "--energy per cell: $(sed -n 2,3p "$tmp/en.csv")"

# ---- msl device's errors (exit 2, naming the option).
b=(device --model chen15 --w 0.5 --voltage 1)
expect_exit 2 "--cells: must be between 1 and 10000000, got 0" "${b[@]}" --cells 0
expect_exit 2 "--cells: must be between 1 and 10000000" "${b[@]}" --cells 10000001
expect_exit 2 "--cells" "${b[@]}" --cells many
expect_exit 2 "--seed: expected an integer" "${b[@]}" --seed -1
expect_exit 2 "--seed: expected an integer" "${b[@]}" --seed 1.5
expect_exit 2 "--read-noise: a non-ideality of the forward pass's reads" "${b[@]}" --read-noise 0.1
expect_exit 2 "--levels: must be 0 (off) or in \[2, 65536\]" "${b[@]}" --levels 1
expect_exit 2 "--stuck-off + --stuck-on: at most 1" "${b[@]}" --stuck-off 0.6 --stuck-on 0.6
"$msl" device --help > "$tmp/help.txt" || bad "msl device --help"
for o in --cells --seed --d2d --c2c --levels --stuck-off --stuck-on --endurance --endurance-sd \
  "cell,model,g1,w_before,voltage,dt,pulses,w_after,dw,stuck" "--read-noise is not accepted"; do
  grep -q -- "$o" "$tmp/help.txt" && ok || bad "msl device --help lacks '$o'"
done
grep -q -- "--read-noise X" "$tmp/help.txt" && bad "msl device --help lists --read-noise" || ok

# ---- msl stdp and msl bp: the options' errors, before any data loads.
for w in stdp bp; do
  expect_exit 2 "--levels: must be 0 (off) or in \[2, 65536\], got 1" $w --device chen15 --levels 1
  expect_exit 2 "--c2c: must be 0 (off) or in" $w --device chen15 --c2c -1
  expect_exit 2 "msl $w: --stuck-off + --stuck-on: at most 1 (all cells), got 0.6 + 0.6" \
    $w --device vteam --stuck-off 0.6 --stuck-on 0.6
  expect_exit 2 "--d2d: does not apply to --device ideal" $w --device ideal --d2d 0.1
  expect_exit 2 "--read-noise: does not apply to --device ideal" $w --read-noise 0.1
  expect_exit 2 "--endurance: must be 0 (off) or in \[1," $w --device chen15 --endurance 0.5
  expect_exit 2 "--endurance-sd" $w --device chen15 --endurance 10 --endurance-sd -1
  grep -q -- "--stuck-off X" <<< "$("$msl" $w --help)" && ok || bad "msl $w --help lacks --stuck-off"
done

data=${MSL_DATA:-$HOME/.local/share/msl/mnist}
if [ ! -f "$data/train-images-idx3-ubyte" ]; then
  echo "$pass passed, $fail failed; SKIP the runs: MNIST not installed in $data"
  [ "$fail" -eq 0 ] && exit 77 || exit 1
fi

# ---- a short stdp run: the parameters and counters in the JSON, and the same
# command twice gives the same JSON apart from the timings.
run=(stdp --neurons 20 --train 50 --test 20 --label-window 25 --device chen15 --g1 1e-4 --vp 1.3 --quiet
  --c2c 0.1 --stuck-off 0.01)
"$msl" "${run[@]}" > "$tmp/r1.json" && "$msl" "${run[@]}" > "$tmp/r2.json" || bad "stdp run failed"
python3 - "$tmp/r1.json" <<'PY' && ok || bad "stdp JSON: $(cat "$tmp/r1.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["c2c"] == 0.1 and d["stuck_off"] == 0.01 and d["d2d"] == 0 and d["levels"] == 0, d
assert d["stuck_off_cells"] == round(0.01 * 784 * 20) == 157 and d["stuck_on_cells"] == 0, d
assert d["stuck_pulses"] > 0 and d["worn_cells"] == 0 and d["weights_stuck"] > 0, d
PY
strip_t() { sed -E 's/"(seconds|ms_per_presentation|peak_memory_mb)": [^,}]*//g' "$1"; }
[ "$(strip_t "$tmp/r1.json")" = "$(strip_t "$tmp/r2.json")" ] && ok || bad "the same stdp run twice differs"

# ---- msl sweep: --c2c 0,0.1 is two points, each row carrying its c2c.
"$msl" sweep --db "$tmp/s.db" --device chen15 --g1 1e-4 --vp 1.3 --c2c 0,0.1 --neurons 10 --train 30 \
  --test 10 --label-window 15 -j 2 --quiet 2> "$tmp/sweep.err" || bad "sweep failed: $(cat "$tmp/sweep.err")"
[ "$(sqlite3 "$tmp/s.db" "select count(distinct c2c) || '/' || (select count(*) from runs) from runs where status = 'done' and c2c in (0, 0.1)
  and c2c = json_extract(result_json, '$.c2c') and device = 'chen15' and params like 'c2c=%'")" = 2/2 ] && ok \
  || bad "sweep rows: $(sqlite3 "$tmp/s.db" "select params, status, c2c from runs")"
expect_exit 2 "--c2c: must be 0 (off) or in" sweep --device chen15 --c2c 0,-1 --db "$tmp/bad.db"
[ ! -e "$tmp/bad.db" ] && ok || bad "an invalid --c2c point created the database"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
