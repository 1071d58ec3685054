#!/usr/bin/env bash
# cli_stdp.sh: end-to-end tests of `msl stdp`: learning well above chance,
# same seed -> same JSON, and clear errors for bad options and data.
source "$(dirname "$0")/lib.sh"

data=${MSL_DATA:-$HOME/.local/share/msl/mnist}
if [ ! -f "$data/train-images-idx3-ubyte" ]; then
  echo "SKIP: MNIST not installed in $data (scripts/fetch-mnist.sh)"; exit 77
fi

# Learning: 100 neurons, 2,000 training images, tested on 500 (chance: 0.1).
"$msl" stdp --neurons 100 --train 2000 --test 500 --label-window 500 --quiet \
  --out "$tmp/out.jsonl" > "$tmp/a.json" 2> "$tmp/a.err" || bad "stdp run failed: $(cat "$tmp/a.err")"
acc=$(tail -1 "$tmp/a.json" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["test_accuracy"])')
echo "end-to-end test accuracy: $acc"
python3 -c "import sys; sys.exit(0 if $acc >= 0.45 else 1)" && ok || bad "accuracy $acc < 0.45"
# The JSON has every documented key, and --out appended the same line.
tail -1 "$tmp/a.json" | python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
need = ["workload", "device", "neurons", "epochs", "train_samples", "test_samples",
        "test_accuracy", "chunk_accuracy", "presentations", "seconds",
        "ms_per_presentation", "seed", "quirks"]
missing = [k for k in need if k not in d]
assert not missing, missing
assert d["workload"] == "stdp" and d["device"] == "ideal" and d["neurons"] == 100
assert len(d["chunk_accuracy"]) == 4 and d["presentations"] >= 2500
' && ok || bad "JSON keys"
cmp -s <(tail -1 "$tmp/a.json") "$tmp/out.jsonl" && ok || bad "--out line differs from stdout"

# A device run: energy per image per chunk (the first chunk and the test
# chunk included), whose training chunks average to the whole-run figure.
# The row- and column-pulse parts add up to the total; the last progress line
# (stderr is not a terminal: plain lines) shows the energy per image so far.
# The energy from Chen's current (sinh(V/V0)) exceeds V^2 G at these
# amplitudes (about 1.2-1.35 V) and stays below its ratio at 1.35 V.
"$msl" stdp --neurons 20 --train 300 --test 50 --label-window 100 \
  --device chen15 --g1 1e-4 --vp 1.35 > "$tmp/c.json" 2> "$tmp/c.err" || bad "chen15 stdp run failed"
tail -1 "$tmp/c.json" | python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
e = d["chunk_energy_nj"]
assert len(e) == 4 and all(x > 0 for x in e), e
assert abs(sum(e[:3]) / 3 - d["energy_per_image_nj"]) <= 1e-6 * d["energy_per_image_nj"], d
assert abs(e[3] - d["energy_per_test_image_nj"]) <= 1e-6 * e[3], d
r, c = d["energy_row_pulses_per_image_nj"], d["energy_column_pulses_per_image_nj"]
assert r > 0 and c > 0 and abs(r + c - d["energy_per_image_nj"]) <= 1e-6 * d["energy_per_image_nj"], d
from math import sinh
top = 0.7 * sinh(1.35 / 0.43) / sinh(0.7 / 0.43) / 1.35  # power(1.35) / 1.35^2
assert 1 < d["energy_iv_per_image_nj"] / d["energy_per_image_nj"] < top, (top, d)
# every presentation and the initialisation set all 20 x 784 weights
n_set = 20 * 784 * (d["presentations"] + 1)
assert abs(d["weights_clipped_fraction"] * n_set - d["weights_clipped"]) <= 1e-8 * d["weights_clipped"], d
assert 0 < d["weights_clipped"] < n_set, d
last = open(sys.argv[1]).read().strip().splitlines()[-1]
so_far = (sum(e[:3]) * 100 + e[3] * 50) / 350
assert last.startswith("stdp: 350/350 samples") and last.endswith(" %.3g nJ/image" % so_far), (last, so_far)
' "$tmp/c.err" && ok || bad "stdp chunk energy, split and progress"

# Same seed twice: identical results apart from timings; another seed differs.
strip() { tail -1 "$1" | sed -E 's/"(seconds|ms_per_presentation|peak_memory_mb)": [^,}]*//g'; }
for k in 1 2; do
  "$msl" stdp --neurons 20 --train 200 --test 50 --label-window 100 --quiet --seed 7 > "$tmp/s$k.json"
done
"$msl" stdp --neurons 20 --train 200 --test 50 --label-window 100 --quiet --seed 8 > "$tmp/s3.json"
[ "$(strip "$tmp/s1.json")" = "$(strip "$tmp/s2.json")" ] && ok || bad "same seed, different JSON"
[ "$(strip "$tmp/s1.json")" != "$(strip "$tmp/s3.json")" ] && ok || bad "different seeds, same JSON"

# Pulse widths: VTEAM's resistance step does not depend on the width (SPEC
# 5.1), so a 10x wider column pulse leaves the run unchanged except for the
# column pulses' energy, which is 10x; the JSON reports both widths.
for dt in 1e-9 1e-8; do
  "$msl" stdp --neurons 20 --train 200 --test 50 --label-window 100 --quiet --device vteam \
    --g1 1e-5 --lr 0.03 --dt-pre $dt > "$tmp/dt$dt.json" || bad "vteam --dt-pre $dt run failed"
done
python3 - "$tmp/dt1e-9.json" "$tmp/dt1e-8.json" <<'PY' && ok || bad "--dt-pre: energy and dynamics"
import json, sys
a, b = (json.loads(open(f).read().strip().splitlines()[-1]) for f in sys.argv[1:])
assert (a["dt_pre"], a["dt_post"], b["dt_pre"], b["dt_post"]) == (1e-9, 1e-8, 1e-8, 1e-8), (a, b)
assert a["test_accuracy"] == b["test_accuracy"] and a["chunk_accuracy"] == b["chunk_accuracy"]
assert a["energy_row_pulses_per_image_nj"] == b["energy_row_pulses_per_image_nj"]
ca, cb = a["energy_column_pulses_per_image_nj"], b["energy_column_pulses_per_image_nj"]
assert ca > 0 and abs(cb / ca - 10) < 1e-9, (ca, cb)
PY

# The label pass (Diehl & Cook's labelling): one more chunk after training,
# the first L training images with learning and adaptation off. Training is
# the same as without it (same seed); the pass programs nothing (its energy
# is 0) and leaves the weights as trained but for the normalisation's
# rescaling, which it repeats each presentation (sums already 78: factors 1
# up to rounding); the test then uses the labels the pass assigned.
lp=(stdp --neurons 20 --train 200 --test 50 --label-window 100 --device chen15 --g1 1e-4 --vp 1.3 --freeze-test --quiet)
"$msl" "${lp[@]}" --save-weights "$tmp/lp0.npy" > "$tmp/lp0.json" || bad "label pass: run without it failed"
"$msl" "${lp[@]}" --label-pass 150 --save-weights "$tmp/lp1.npy" > "$tmp/lp1.json" || bad "label pass: run failed"
python3 - "$tmp/lp0.json" "$tmp/lp1.json" "$tmp/lp0.npy" "$tmp/lp1.npy" <<'PY' && ok || bad "--label-pass: chunks, energy, weights"
import json, struct, sys
from array import array
def npy(f):  # a float64 .npy file's values (version 1 header)
    d = open(f, "rb").read()
    n = struct.unpack("<H", d[8:10])[0]
    assert d[:6] == b"\x93NUMPY" and b"'<f8'" in d[10:10 + n], d[:10 + n]
    return array("d", d[10 + n:])
a, b = (json.loads(open(f).read().strip().splitlines()[-1]) for f in sys.argv[1:3])
assert (a["label_pass"], b["label_pass"]) == (0, 150), (a["label_pass"], b["label_pass"])
assert len(a["chunk_energy_nj"]) == 3 and len(b["chunk_energy_nj"]) == 4, (a, b)
assert b["chunk_energy_nj"][:2] == a["chunk_energy_nj"][:2] and b["chunk_energy_nj"][2] == 0.0, b
assert b["chunk_accuracy"][0] == a["chunk_accuracy"][0] and len(b["chunk_accuracy"]) == 3, (a, b)
assert b["energy_per_image_nj"] == a["energy_per_image_nj"] and b["train_samples"] == 200, (a, b)
assert b["presentations"] >= 200 + 150 + 50 and b["presentations"] - a["presentations"] >= 150, (a, b)
wa, wb = npy(sys.argv[3]), npy(sys.argv[4])
assert len(wa) == len(wb) == 20 * 784
d = max(abs(x - y) for x, y in zip(wa, wb))
assert d <= 1e-12 * max(map(abs, wa)), d
PY
expect_exit 2 "--label-pass: must be 0..200 (--train), got 201" stdp --train 200 --label-pass 201 --data "$tmp/nowhere"
expect_exit 2 "--label-pass: must be between 0 and" stdp --label-pass -1 --data "$tmp/nowhere"

# Bad options: non-zero exit and a message naming the option.
expect_err "--neurons" stdp --neurons 0
expect_err "--neurons" stdp --neurons abc
expect_err "--lr" stdp --lr nan
expect_err "--lr" stdp --lr -1
expect_err "--seed" stdp --seed -3
expect_err "--train" stdp --train 70000 --quiet
expect_err "--quirks" stdp --quirks sometimes
expect_err "unknown option" stdp --nuerons 10
expect_err "missing value" stdp --epochs
expect_err "cannot open" stdp --data "$tmp/nowhere" --train 10
expect_err "--g1" stdp --device chen15 --g1 -1e-5
expect_err "--dt-pre" stdp --device chen15 --dt-pre 0
expect_err "--dt-pre" stdp --device chen15 --dt-pre nan
expect_err "--dt-post" stdp --device chen15 --dt-post -1e-8
expect_err "--dt-post" stdp --device chen15 --dt-post inf
expect_err "unknown device" stdp --device memristor9 --train 10 --test 10 --quiet
# Options of another layer or device are refused, before any data loads (exit 2).
expect_code() { # expect_code CODE WANT ARGS...
  local code=$1 want=$2; shift 2
  "$msl" "$@" > "$tmp/c.out" 2> "$tmp/c.err"
  local rc=$?
  [ $rc -eq "$code" ] && grep -q -- "$want" "$tmp/c.err" && ok ||
    bad "exit $rc (want $code) for '$*': $(cat "$tmp/c.err")"
}
expect_code 2 "--vp: does not apply to --device ideal" stdp --vp 1.2 --data "$tmp/nowhere"
expect_code 2 "--v1p: does not apply to --device chen15, rule log10 (it is a parameter of the rule ln)" \
  stdp --device chen15 --v1p 0.3 --data "$tmp/nowhere"
expect_code 2 "--rule: unknown learning rule" stdp --device chen15 --rule sqrt --data "$tmp/nowhere"
expect_code 2 "--lut: required by the lut model" stdp --device lut --data "$tmp/nowhere"
expect_code 2 "--vp: must be in \[0, 10\]" stdp --device chen15 --vp 11
# Weights too weak for any neuron to fire (G1 so large that every weight is
# clipped to the device's tiny range): a clear error, not an endless loop.
timeout 600 "$msl" stdp --device chen15 --g1 1e300 --neurons 10 --train 20 --test 10 \
  --label-window 10 --quiet > "$tmp/g.out" 2> "$tmp/g.err"
rc=$?
[ $rc -eq 1 ] && grep -q "no excitatory neuron fired 5 times even with every input spiking" "$tmp/g.err" &&
  grep -q "clipped to the device's range" "$tmp/g.err" && ok || bad "g1 1e300: exit $rc: $(cat "$tmp/g.err")"
# re-presentations are counted in the JSON
"$msl" stdp --neurons 10 --train 20 --test 10 --label-window 10 --quiet > "$tmp/r.json" && python3 - "$tmp/r.json" <<'PY' && ok || bad "representations"
import json, sys
r = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
assert r["representations"] == r["presentations"] - 30, r
PY
# Usage errors exit 2 and are found before the data loads: with --data
# pointing nowhere, a late check would fail on the data instead (exit 1).
nowhere="--data $tmp/nowhere"
expect_exit 2 "--neurons: must be 1..100000" stdp --neurons 100001 $nowhere
expect_exit 2 "--neurons: must be 1..100000" stdp --neurons 100000000 $nowhere
expect_exit 2 "--neurons" stdp --neurons 2000000000 $nowhere
expect_exit 2 "--label-window: too many chunks" stdp --train 3000 --label-window 10 $nowhere
expect_exit 2 "--lr: must be in (0, 1e+06]" stdp --lr 1e308 $nowhere
expect_exit 2 "--data: empty directory name" stdp --data ""
expect_exit 2 "--data: empty directory name" stdp --data=
expect_exit 1 "cannot open" stdp $nowhere
# Seeds: 0 .. 2^64-1, reproduced exactly in the JSON; nothing else.
expect_exit 2 "--seed: expected an integer 0..18446744073709551615, got '-1'" stdp --seed -1 $nowhere
expect_exit 2 "--seed" stdp --seed 18446744073709551616 $nowhere
expect_exit 2 "--seed" stdp --seed " -1" $nowhere
expect_exit 2 "--seed" stdp --seed +1 $nowhere
tiny="--neurons 5 --train 20 --test 10 --label-window 10 --quiet"
"$msl" stdp $tiny --seed 18446744073709551615 > "$tmp/seed.json" || bad "seed 2^64-1 run failed"
grep -q '"seed": 18446744073709551615,' "$tmp/seed.json" && ok || bad "seed in the JSON: $(grep -o '"seed": [^,]*' "$tmp/seed.json")"
# Outputs are checked before the run (exit 2, naming option and path) and
# every write after it; the JSON always reaches stdout.
expect_exit 2 "--out: cannot append to '$tmp/nodir/r.jsonl'" stdp $tiny --out "$tmp/nodir/r.jsonl"
expect_exit 2 "--out: cannot append to ''" stdp $tiny --out ""
expect_exit 2 "--save-weights: cannot write '$tmp/nodir/w.npy'" stdp $tiny --save-weights "$tmp/nodir/w.npy"
expect_exit 2 "--save-weights: cannot write '$tmp'" stdp $tiny --save-weights "$tmp"
expect_exit 1 "writing the result to --out '/dev/full': No space left" stdp $tiny --out /dev/full
[ "$(grep -c '^{"workload": "stdp"' "$tmp/e.out")" = 1 ] && ok || bad "--out /dev/full: no JSON on stdout"
expect_exit 1 "--save-weights: /dev/full: write failed" stdp $tiny --save-weights /dev/full
[ "$(grep -c '^{"workload": "stdp"' "$tmp/e.out")" = 1 ] && ok || bad "--save-weights /dev/full: no JSON on stdout"
"$msl" stdp $tiny > /dev/full 2> "$tmp/full.err"; rc=$?
[ $rc -eq 1 ] && grep -q "writing the result to stdout: No space left" "$tmp/full.err" && ok \
  || bad "stdout on /dev/full: exit $rc, $(cat "$tmp/full.err")"
# A refused run leaves no --out file.
expect_exit 2 "unknown device" stdp $tiny --device memristor9 --out "$tmp/new.jsonl"
[ ! -e "$tmp/new.jsonl" ] && ok || bad "a failed run left an empty --out file"
# Non-finite numbers are never silent: listed in the JSON, a warning, exit 1.
# (the declared ranges refuse the extreme widths that once overflowed)
expect_exit 2 "--dt-post: must be in (0, 1\]" stdp --device vteam --lr 1e6 --dt-post 1e300 $nowhere
grep -q nonfinite_fields "$tmp/seed.json" && bad "nonfinite_fields in a finite result" || ok

# A damaged data set: truncated training images.
mkdir -p "$tmp/d"
cp "$data"/*-ubyte "$tmp/d/"
head -c 1000000 "$data/train-images-idx3-ubyte" > "$tmp/d/train-images-idx3-ubyte"
expect_err "train-images-idx3-ubyte: size" stdp --data "$tmp/d" --train 10

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
