#!/usr/bin/env bash
# cli_sweep.sh: `msl sweep`: grid expansion (--dry-run), option errors, a
# small sweep into SQLite, resume (nothing finished re-runs), a worker killed
# mid-run (only its point fails; a restart completes it), the sweep parent
# killed with SIGKILL halfway (restart gives the uninterrupted table), Ctrl-C.
source "$(dirname "$0")/lib.sh"
q() { sqlite3 "$1" "$2"; }

# ---- grid expansion: options that do not apply to a device do not multiply it.
"$msl" sweep --device ideal,vteam,chen15 --g1 1e-5,2e-5 --vp 1.2,1.3 --lr 0.01,1.0e-2,0.02 \
  --seed 1,2 --neurons 10 --freeze-test --dry-run > "$tmp/dry" || bad "dry run failed"
# ideal: lr x seed = 4; vteam: g1 x lr x seed = 8; chen15: g1 x vp x seed = 8.
[ "$(wc -l < "$tmp/dry")" -eq 20 ] && ok || bad "expected 20 points, got $(wc -l < "$tmp/dry")"
[ "$(grep -c 'device=ideal' "$tmp/dry")" -eq 4 ] && ok || bad "ideal points"
grep 'device=ideal' "$tmp/dry" | grep -q -e 'g1=' -e 'vp=' && bad "ideal got --g1/--vp" || ok
grep 'device=chen15' "$tmp/dry" | grep -q 'lr=' && bad "chen15 got --lr" || ok
grep 'device=vteam' "$tmp/dry" | grep -q 'vp=' && bad "vteam got --vp" || ok
[ "$(cut -f1 "$tmp/dry" | sort -u | wc -l)" -eq 20 ] && ok || bad "keys not unique"
grep -q 'g1=1e-05 ' "$tmp/dry" && ok || bad "numbers not canonical"
grep -q $'\tmsl stdp --device chen15 --freeze-test --g1 1e-05 --neurons 10 --seed 1 --vp 1.2 --quiet$' \
  "$tmp/dry" && ok || bad "child command line: $(grep chen15 "$tmp/dry" | head -1)"
"$msl" sweep --workload bp --hidden 10,20 --lr 1e-4 --dry-run | grep -q '^workload=bp hidden=10 lr=0.0001' \
  && ok || bad "bp grid"

# Pulse widths multiply the device points only.
[ "$("$msl" sweep --device ideal,chen15 --dt-pre 1e-9,1e-8 --neurons 10 --dry-run | cut -f1 | tr '\n' ';')" = \
  "workload=stdp device=ideal neurons=10;workload=stdp device=chen15 dt-pre=1e-09 neurons=10;workload=stdp device=chen15 dt-pre=1e-08 neurons=10;" ] \
  && ok || bad "dt-pre grid"

expect_err "--workload" sweep --workload stdp,bp --dry-run
expect_err "-j" sweep -j 0 --dry-run
expect_err "not allowed" sweep --out x.json --dry-run
expect_err "empty element" sweep --lr , --dry-run
expect_err "--g1: empty element in the list '1e-5,'" sweep --g1 1e-5, --dry-run
expect_err "unexpected argument" sweep stray --dry-run
expect_err "--dt-pre: 'wide' is not a finite number" sweep --device chen15 --dt-pre 1e-9,wide --dry-run

# Every point is checked by the workload's own parser before the database
# is created: exit 2 naming the option, no results.sqlite.
(cd "$tmp" && expect_exit 2 "unknown option '--bogus'" sweep --bogus --quiet && [ ! -e results.sqlite ] && ok \
  || bad "sweep --bogus created results.sqlite"; echo "$pass $fail" > "$tmp/counts")
read -r pass fail < "$tmp/counts"
expect_exit 2 "--neurons: must be 1..100000" sweep --neurons 10,100001 --db "$tmp/bad.db"
[ ! -e "$tmp/bad.db" ] && ok || bad "an invalid point created the database"
expect_exit 2 "--seed" sweep --seed 1,1.5 --db "$tmp/bad.db"
expect_exit 2 "--lr: must be in" sweep --workload bp --lr 1e-4,1e7 --dry-run

data=${MSL_DATA:-$HOME/.local/share/msl/mnist}
if [ ! -f "$data/train-images-idx3-ubyte" ]; then
  echo "$pass passed, $fail failed; SKIP the runs: MNIST not installed in $data"
  [ "$fail" -eq 0 ] && exit 77 || exit 1
fi
tiny="--neurons 10 --train 50 --test 20 --label-window 25"

# ---- a small sweep: every point done, the JSON spread over columns.
"$msl" sweep --lr 0.01,0.02 --seed 1,2 $tiny -j 2 --db "$tmp/a.db" 2> "$tmp/a.err" \
  || bad "sweep failed: $(cat "$tmp/a.err")"
[ "$(q "$tmp/a.db" "select count(*) from runs where status='done'")" = 4 ] && ok || bad "4 points done"
[ "$(q "$tmp/a.db" "select count(*) from runs where test_accuracy between 0 and 1 and
  workload='stdp' and device='ideal' and seed in (1,2) and neurons=10 and seconds > 0 and
  energy_per_image_nj = 0 and json_array_length(learning_curve) = 2 and chunk_accuracy is not null
  and host <> '' and version <> '' and json_valid(result_json) and attempts = 1")" = 4 ] \
  && ok || bad "columns: $(q "$tmp/a.db" "select * from runs limit 1")"
grep -q "4/4 points" "$tmp/a.err" && ok || bad "progress line: $(cat "$tmp/a.err")"
# The same command again: nothing runs.
"$msl" sweep --lr 0.01,0.02 --seed 1,2 $tiny -j 2 --db "$tmp/a.db" 2> "$tmp/b.err" || bad "rerun failed"
grep -q "4 done before, 0 running elsewhere, 0 to run" "$tmp/b.err" && ok || bad "rerun: $(cat "$tmp/b.err")"
[ "$(q "$tmp/a.db" "select sum(attempts) from runs")" = 4 ] && ok || bad "a done point ran again"

# ---- seed 2^64-1: stored exactly (two's complement in the seed column, the
# exact digits in result_json) and the point replays to the same result.
big=18446744073709551615
"$msl" sweep --seed $big --neurons 5 --train 20 --test 10 --label-window 10 -j 1 --quiet --db "$tmp/seed.db" \
  || bad "seed 2^64-1 sweep failed"
[ "$(q "$tmp/seed.db" "select seed, status from runs")" = "-1|done" ] && ok || bad "seed column: $(q "$tmp/seed.db" "select seed, status from runs")"
q "$tmp/seed.db" "select result_json from runs" | grep -q "\"seed\": $big," && ok || bad "seed in result_json"
"$msl" stdp --seed $big --neurons 5 --train 20 --test 10 --label-window 10 --quiet > "$tmp/replay.json"
strip_t() { sed -E 's/"(seconds|ms_per_presentation|peak_memory_mb|threads)": [^,}]*//g'; }
[ "$(q "$tmp/seed.db" "select result_json from runs" | strip_t)" = "$(strip_t < "$tmp/replay.json")" ] && ok \
  || bad "replay of the seed 2^64-1 point differs"

# ---- a worker killed mid-run marks only its point failed; a restart completes it.
slow="--neurons 10 --train 1500 --test 20 --label-window 500"
"$msl" sweep --seed 1,2,3 $slow -j 1 --db "$tmp/k.db" 2> "$tmp/k.err" & sp=$!
child=""
for _ in $(seq 100); do child=$(pgrep -P $sp | head -1); [ -n "$child" ] && break; sleep 0.05; done
sleep 0.3
[ -n "$child" ] && kill -9 "$child"
wait $sp; rc=$?
[ $rc -eq 1 ] && ok || bad "sweep with a killed worker: exit $rc, expected 1"
[ "$(q "$tmp/k.db" "select status, count(*) from runs group by status" | tr '\n' ' ')" = "done|2 failed|1 " ] \
  && ok || bad "after a killed worker: $(q "$tmp/k.db" "select status, error from runs")"
q "$tmp/k.db" "select error from runs where status='failed'" | grep -q "signal 9" && ok || bad "error text"
"$msl" sweep --seed 1,2,3 $slow -j 1 --db "$tmp/k.db" 2> "$tmp/k2.err" || bad "restart failed"
[ "$(q "$tmp/k.db" "select count(*), sum(attempts) from runs where status='done'")" = "3|4" ] \
  && ok || bad "restart: $(q "$tmp/k.db" "select status, attempts from runs")"

# ---- SIGKILL to the sweep halfway; the restart re-runs only unfinished points
# and the final table equals an uninterrupted run's.
mid="--neurons 10 --train 400 --test 20 --label-window 200"
grid="--lr 0.01,0.02 --seed 1,2,3"
"$msl" sweep $grid $mid -j 2 --quiet --db "$tmp/full.db" || bad "uninterrupted sweep failed"
"$msl" sweep $grid $mid -j 2 --quiet --db "$tmp/s.db" & sp=$!
for _ in $(seq 1200); do # up to 60 s (slow under load)
  [ "$(q "$tmp/s.db" "select count(*) from runs where status='done'" 2>/dev/null)" -ge 2 ] 2>/dev/null && break
  sleep 0.05
done
kill -9 $sp; wait $sp 2>/dev/null
sleep 0.2
q "$tmp/s.db" "select point_key, finished_at from runs where status='done'" > "$tmp/done1"
n1=$(wc -l < "$tmp/done1")
[ "$n1" -ge 2 ] && [ "$n1" -lt 6 ] && ok || bad "kill was not halfway ($n1 of 6 done)"
# workers exit on their parent's death (PR_SET_PDEATHSIG); under load that
# takes a moment
for _ in $(seq 100); do pgrep -f "msl stdp.*--train 400 .*$tmp/s.db" > /dev/null || break; sleep 0.1; done
pgrep -f "msl stdp.*--train 400 .*$tmp/s.db" > /dev/null && bad "orphan workers 10 s after SIGKILL" || ok
"$msl" sweep $grid $mid -j 2 --quiet --db "$tmp/s.db" || bad "restart after SIGKILL failed"
q "$tmp/s.db" "select point_key, finished_at from runs" | grep -cxF -f "$tmp/done1" > "$tmp/kept"
[ "$(cat "$tmp/kept")" = "$n1" ] && ok || bad "a finished point ran again"
table() { q "$1" "select point_key, status, test_accuracy, json_remove(result_json, '$.seconds',
  '$.ms_per_presentation', '$.peak_memory_mb') from runs order by point_key"; }
[ "$(table "$tmp/s.db")" = "$(table "$tmp/full.db")" ] && ok || bad "resumed table differs from uninterrupted"
[ "$(q "$tmp/s.db" "select count(*) from runs where status='done'")" = 6 ] && ok || bad "points lost"

# ---- Ctrl-C (SIGINT): children stopped, points not done, exit 130 with a message.
"$msl" sweep --seed 1,2 $slow -j 2 --db "$tmp/i.db" 2> "$tmp/i.err" & sp=$!
for _ in $(seq 100); do [ -n "$(pgrep -P $sp)" ] && break; sleep 0.05; done
sleep 0.2
kill -INT $sp; wait $sp; rc=$?
[ $rc -eq 130 ] && ok || bad "SIGINT: exit $rc"
grep -q "stopped by signal 2" "$tmp/i.err" && ok || bad "SIGINT message: $(cat "$tmp/i.err")"
[ "$(q "$tmp/i.db" "select count(*) from runs where status='failed' and error like 'interrupted%'")" = 2 ] \
  && ok || bad "SIGINT rows: $(q "$tmp/i.db" "select status, error from runs")"
for _ in $(seq 100); do pgrep -f "msl stdp.*--train 1500 .*$tmp/i.db" > /dev/null || break; sleep 0.1; done
pgrep -f "msl stdp.*--train 1500 .*$tmp/i.db" > /dev/null && bad "workers left 10 s after SIGINT" || ok

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
