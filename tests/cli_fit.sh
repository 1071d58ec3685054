#!/usr/bin/env bash
# cli_fit.sh: `msl fit` recovers the parameters of synthetic curves drawn
# from known ones with 2 % noise (within 5 %), writes a parameter file that
# --device curve --params loads (file < option precedence), and names the
# file, line and problem of bad CSV files; --preset runs in both workloads.
source "$(dirname "$0")/lib.sh"

# curve FILE POT SEED: G(p) of Gmin 1e-7, Gmax 1e-6 S; potentiation A 50, P 100
# (101 points), depression A 30, P 60 (61 points); each point times 1 + 0.02 z.
curve() {
  awk -v pot="$2" -v seed="$3" 'BEGIN {
    srand(seed); gmin = 1e-7; gmax = 1e-6
    a = pot ? 50 : 30; p = pot ? 100 : 60; b = (gmax - gmin) / (1 - exp(-p / a))
    print "pulse,conductance,temperature"
    for (k = 0; k <= p; k++) {
      g = pot ? gmin + b * (1 - exp(-k / a)) : gmax - b * (1 - exp(-k / a))
      z = sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand())
      printf "%d,%.6e,300\n", k + 7, g * (1 + 0.02 * z)
    } }' > "$1"
}
# near KEY WANT: the fit's KEY within 5 % of WANT
near() {
  awk -v k="$1" -v want="$2" '{ if (match($0, "\"" k "\": [-0-9.e+]+")) {
    v = substr($0, RSTART + length(k) + 4, RLENGTH - length(k) - 4) + 0
    printf "fit %s = %.5g (true %g, %+.2f %%)\n", k, v, want, 100 * (v / want - 1)
    exit !((v / want - 1) ^ 2 < 0.05 ^ 2) } exit 1 }' "$tmp/fit.json" && ok || bad "fit: $1 not within 5 % of $2"
}
for seed in 1 2 3; do
  curve "$tmp/ltp.csv" 1 "$seed"; curve "$tmp/ltd.csv" 0 "$((seed + 100))"
  "$msl" fit --ltp "$tmp/ltp.csv" --ltd "$tmp/ltd.csv" --out "$tmp/dev.json" > "$tmp/fit.json" 2> "$tmp/fit.err" \
    || { bad "fit failed (seed $seed): $(cat "$tmp/fit.err")"; continue; }
  near gmin 1e-7; near gmax 1e-6; near a_ltp 50; near a_ltd 30; near p_ltp 100; near p_ltd 60
done
for k in gmin gmax a_ltp a_ltd p_ltp p_ltd c2c; do
  grep -q "\"${k}_sd\": [0-9]" "$tmp/fit.json" && ok || bad "fit: no ${k}_sd"
done
grep -q '"c2c": [0-9]' "$tmp/fit.json" && ok || bad "fit: no c2c"

# The parameter file loads; its gmin gives the floor of the weights at G1 = 1e-6
# unless --gmin is given (the command line wins).
"$msl" device --model curve --params "$tmp/dev.json" --g1 1e-6 --w 0 --voltage 1 --dt 1e-8 --pulses 1 \
  > "$tmp/d.csv" 2> "$tmp/d.err" || bad "--params: $(cat "$tmp/d.err")"
gmin=$(sed -E 's/.*"gmin": ([-0-9.e+]+).*/\1/' "$tmp/dev.json")
awk -F, -v g="$gmin" 'NR == 2 { exit !(($4 - g / 1e-6) ^ 2 < 1e-24) }' "$tmp/d.csv" && ok \
  || bad "--params: w_before $(awk -F, 'NR == 2 { print $4 }' "$tmp/d.csv") is not gmin/G1 = $gmin/1e-6"
"$msl" device --model curve --params "$tmp/dev.json" --gmin 5e-8 --c2c 0 --g1 1e-6 --w 0 --voltage 1 --dt 1e-8 \
  --pulses 1 > "$tmp/d2.csv" && awk -F, 'NR == 2 { exit !(($3 - 0.05) ^ 2 < 1e-24) }' "$tmp/d2.csv" && ok \
  || bad "--gmin does not override the --params file: $(cat "$tmp/d2.csv")"
printf '{"device": "curve", "gmin": 1e-7,\n "gmax": -3}\n' > "$tmp/neg.json"
expect_exit 2 "neg.json: line 2: --gmax: must be in" device --model curve --params "$tmp/neg.json" --w 0.5 --voltage 1
printf '{"device": "curve", "gmni": 1e-7}\n' > "$tmp/typo.json"
expect_exit 2 'typo.json: line 1: "gmni" is not a number parameter' device --model curve --params "$tmp/typo.json" \
  --w 0.5 --voltage 1
expect_exit 2 "--params: applies to --device curve" stdp --device vteam --params "$tmp/dev.json"

# Bad files: one line naming the file, the line and the problem; exit 1.
printf '0,1e-7\n1,2e-7\n' > "$tmp/nohead.csv"
expect_exit 1 "nohead.csv: line 1: no header" fit --ltp "$tmp/nohead.csv" --ltd "$tmp/ltd.csv"
printf 'pulse,conductance\n0,1e-7\n1,2e-7\n2,abc\n' > "$tmp/nan.csv"
expect_exit 1 "nan.csv: line 4: conductance: 'abc' is not a number" fit --ltp "$tmp/nan.csv" --ltd "$tmp/ltd.csv"
printf 'pulse,conductance\n0,1e-7\n1,-2e-7\n' > "$tmp/neg.csv"
expect_exit 1 "neg.csv: line 3: conductance -2e-07 S is negative" fit --ltp "$tmp/neg.csv" --ltd "$tmp/ltd.csv"
printf 'pulse,conductance\n0,1e-7\n1,2e-7\n2,3e-7\n3,4e-7\n' > "$tmp/few.csv"
expect_exit 1 "few.csv: line 5: 4 data points: a curve needs at least 5" fit --ltp "$tmp/few.csv" --ltd "$tmp/ltd.csv"
printf 'pulse,conductance\n0,1e-7\n1,1e-7\n2,1e-7\n3,1e-7\n4,1e-7\n5,1e-7\n' > "$tmp/flat.csv"
expect_exit 1 "flat.csv: line 7: the curve does not move" fit --ltp "$tmp/ltp.csv" --ltd "$tmp/flat.csv"
expect_exit 1 "ltd.csv: line 62: a potentiation (--ltp) curve must rise" fit --ltp "$tmp/ltd.csv" --ltd "$tmp/ltd.csv"
expect_exit 1 "nosuch.csv: No such file" fit --ltp "$tmp/nosuch.csv" --ltd "$tmp/ltd.csv"
expect_exit 2 "--ltd: required" fit --ltp "$tmp/ltp.csv"

# --preset in both workloads, every preset: a short run each, with its
# values in the JSON (c2c from the preset unless --c2c is given).
data=${MSL_DATA:-$HOME/.local/share/msl/mnist}
if [ -f "$data/train-images-idx3-ubyte" ] || [ -f "$data/train-images-idx3-ubyte.gz" ]; then
  for p in agsi taox pcmo alox epiram; do
    "$msl" stdp --neurons 10 --train 20 --test 10 --label-window 10 --device curve --preset "$p" --g1 1e-5 \
      --quiet > "$tmp/s.json" 2> "$tmp/s.err" && grep -q "\"preset\": \"$p\"" "$tmp/s.json" && ok \
      || bad "stdp --preset $p: $(tail -2 "$tmp/s.err")"
    "$msl" bp --hidden 20 --train 20 --test 10 --test-every 20 --epochs 1 --device curve --preset "$p" --g1 1e-5 \
      --quiet > "$tmp/b.json" 2> "$tmp/b.err" && grep -q "\"preset\": \"$p\"" "$tmp/b.json" && ok \
      || bad "bp --preset $p: $(tail -2 "$tmp/b.err")"
  done
  grep -q '"gmax": 1.2346e-05' "$tmp/b.json" && grep -q '"c2c": 1.28' "$tmp/b.json" && ok \
    || bad "epiram's gmax/c2c not in the JSON"
  "$msl" stdp --neurons 10 --train 20 --test 10 --label-window 10 --device curve --preset agsi --c2c 0 --g1 1e-5 \
    --quiet > "$tmp/s0.json" && grep -q '"c2c": 0,' "$tmp/s0.json" && ok || bad "--c2c 0 does not override the preset"
else
  echo "cli_fit: MNIST not found; --preset runs skipped"
fi
expect_exit 2 "--preset: unknown device 'nosuch'" stdp --device curve --preset nosuch

echo "cli_fit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
