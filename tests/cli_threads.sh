#!/usr/bin/env bash
# cli_threads.sh: --threads T gives the same JSON (timing and the "threads"
# field aside) for T = 1, 2, 3, in both workloads, for every device model and
# with the non-idealities, a bias scheme and access-transistor cells (their
# supply energies summed per line) on; MSL_PAR_MIN=1 makes even
# these small runs take every threaded loop. Bad thread counts are refused.
source "$(dirname "$0")/lib.sh"
expect_exit 2 "--threads: must be between 1 and 256" stdp --threads 0 --data "$tmp/nowhere"
expect_exit 2 "--threads: expected an integer" bp --threads two --data "$tmp/nowhere"
MSL_THREADS=0 expect_exit 2 "MSL_THREADS (environment): must be between 1 and 256" stdp \
  --data "$tmp/nowhere"
data=${MSL_DATA:-$HOME/.local/share/msl/mnist}
[ -f "$data/train-images-idx3-ubyte" ] || { echo "SKIP: MNIST not installed"; exit 77; }
export MSL_PAR_MIN=1
# T = 3 on a 2-core machine: idle threads sleep rather than spin (results do
# not depend on it; a busy machine's spinning threads only waste time).
export OMP_WAIT_POLICY=passive
lut=${MSL_SHARED_DIR:-}/model_data/1t1r_Paiyu_15.npz
devices=("--device ideal" "--device chen15 --g1 1e-4 --vp 1.3" "--device vteam --g1 1e-5 --lr 0.03"
         "--device curve --preset agsi"
         "--device chen15 --g1 1e-4 --vp 1.3 --c2c 0.1 --d2d 0.1 --stuck-off 0.01 --endurance 500 --levels 32 --read-noise 0.02"
         "--device vteam --g1 1e-5 --lr 0.03 --bias v2"
         "--device chen15 --g1 1e-5 --cell 1t1r"
         "--device chen15 --g1 1e-5 --cell 2t1r --cell-substeps 1 --cell-tol 0")
[ -f "$lut" ] && devices+=("--device lut --lut $lut --g1 1e-5 --v1p 0.25 --v1n 1.45")
strip() { # the result line without its timing fields
  tail -1 "$1" | python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
assert d["threads"] == int(sys.argv[1]), (d["threads"], sys.argv[1])
for k in ("seconds", "ms_per_presentation", "ms_per_sample", "ms_per_sample_with_tests",
          "peak_memory_mb", "threads"):
    d.pop(k, None)
print(json.dumps(d, sort_keys=True))' "$2"
}
n=0
for d in "${devices[@]}"; do
  for w in stdp bp; do
    if [ $w = stdp ]; then args=(stdp --neurons 40 --train 10 --test 6 --label-window 5)
    else args=(bp --hidden 40 --epochs 1 --train 12 --test 6 --test-every 6); fi
    n=$((n + 1))
    for T in 1 2 3; do
      # shellcheck disable=SC2086
      "$msl" "${args[@]}" $d --quiet --seed 3 --threads $T > "$tmp/$n.$T" 2> "$tmp/err" ||
        { bad "$w $d --threads $T failed: $(cat "$tmp/err")"; continue 2; }
      strip "$tmp/$n.$T" $T > "$tmp/$n.$T.s" || { bad "$w $d --threads $T: JSON"; continue 2; }
    done
    cmp -s "$tmp/$n.1.s" "$tmp/$n.2.s" && cmp -s "$tmp/$n.1.s" "$tmp/$n.3.s" && ok ||
      bad "$w $d: results differ between --threads 1, 2 and 3"
  done
done
# A sweep point runs on one thread unless MSL_THREADS says otherwise.
"$msl" sweep --workload stdp --neurons 20 --train 10 --test 10 --label-window 10 --db "$tmp/s.db" -j 1 \
  --quiet > /dev/null 2> "$tmp/err" || bad "sweep failed: $(cat "$tmp/err")"
t=$(sqlite3 "$tmp/s.db" "select json_extract(result_json, '$.threads') from runs" 2>&1)
[ "$t" = 1 ] && ok || bad "sweep point threads: '$t' (expected 1)"
echo "cli_threads: $pass passed, $fail failed"
[ $fail -eq 0 ]
