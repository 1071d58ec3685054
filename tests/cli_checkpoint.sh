#!/usr/bin/env bash
# cli_checkpoint.sh: --checkpoint FILE (docs/checkpoints.md). For msl stdp and
# msl bp, ideal and chen15: a run killed with SIGKILL at random times and
# resumed until done ends with the uninterrupted run's JSON (timing aside)
# and, for stdp, the same weights bit for bit; SIGTERM and SIGINT write a
# checkpoint and exit 143 / 130; truncated, damaged, foreign and mismatched
# checkpoints are refused (exit 1, file untouched); stdp checkpointed at
# every presentation, also within a sample; the option errors; a
# sweep stopped halfway resumes its points from their checkpoints.
source "$(dirname "$0")/lib.sh"
data=${MSL_DATA:-$HOME/.local/share/msl/mnist}
if [ ! -e "$data/train-images-idx3-ubyte" ] && [ ! -e "$data/train-images-idx3-ubyte.gz" ]; then
  echo "SKIP: MNIST not installed in $data (scripts/fetch-mnist.sh)"; exit 77
fi
# The JSON line without the fields that measure time or memory.
strip() {
  tail -n 1 "$1" | sed -E 's/"(seconds|ms_per_presentation|ms_per_sample|ms_per_sample_with_tests|peak_memory_mb)": [^,}]*(, )?//g'
}
now() { date +%s.%N; }
# A random time in [lo, hi) x d seconds.
pick() { awk -v r=$RANDOM -v d="$1" -v lo="$2" -v hi="$3" 'BEGIN { printf "%.3f", d * (lo + (hi - lo) * r / 32768) }'; }

stdp_ideal=(stdp --neurons 20 --train 240 --test 40 --label-window 80)
stdp_chen=(stdp --neurons 20 --train 120 --test 30 --label-window 60 --device chen15 --g1 1e-4)
stdp_label=(stdp --neurons 20 --train 160 --test 40 --label-window 80 --label-pass 120 --freeze-test)
bp_ideal=(bp --hidden 30 --epochs 2 --train 300 --test 50 --test-every 100)
bp_chen=(bp --hidden 30 --epochs 2 --train 100 --test 30 --test-every 50 --device chen15 --g1 7e-5)

# run_killed NAME ARGS...: the uninterrupted run, then the same with
# --checkpoint, SIGKILLed at random times (3 kills, then run to the end).
run_killed() {
  local name=$1; shift
  local ck="$tmp/$name.ck" w=() kills=0 resumed=0 rc
  [ "$1" = stdp ] && w=(--save-weights "$tmp/$name.u.npy")
  local t0; t0=$(now)
  "$msl" "$@" --quiet "${w[@]}" > "$tmp/$name.u.json" || { bad "$name: uninterrupted run failed"; return; }
  local d; d=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')
  [ "$1" = stdp ] && w=(--save-weights "$tmp/$name.r.npy")
  for attempt in 1 2 3 4; do
    [ -e "$ck" ] && resumed=$((resumed + 1))
    "$msl" "$@" --quiet "${w[@]}" --checkpoint "$ck" --checkpoint-every 7 > "$tmp/$name.r.json" \
      2> "$tmp/$name.r.err" & local pid=$!
    if [ $attempt -lt 4 ]; then
      sleep "$(pick "$d" 0.15 0.85)"
      kill -KILL $pid 2> /dev/null
    fi
    wait $pid 2> /dev/null; rc=$?
    [ $rc -eq 137 ] && kills=$((kills + 1))
    # finished before the kill (the uninterrupted run was slowed by a loaded
    # machine): kill sooner next time, so that some attempt is a real kill
    if [ $rc -eq 0 ] && [ $kills -eq 0 ] && [ $attempt -lt 3 ]; then
      d=$(awk -v d="$d" 'BEGIN { print d / 4 }'); continue
    fi
    [ $rc -eq 0 ] && break
    [ $rc -eq 137 ] || { bad "$name: attempt $attempt exit $rc: $(cat "$tmp/$name.r.err")"; return; }
  done
  echo "$name: ${d}s uninterrupted; $kills SIGKILLs, $resumed resumes from the checkpoint"
  [ $rc -eq 0 ] && ok || bad "$name: the last run failed (exit $rc)"
  [ $kills -ge 1 ] && [ $resumed -ge 1 ] && ok || bad "$name: no real kill and resume ($kills kills, $resumed resumes)"
  [ "$(strip "$tmp/$name.r.json")" = "$(strip "$tmp/$name.u.json")" ] && ok \
    || bad "$name: resumed JSON differs: $(diff <(strip "$tmp/$name.u.json" | tr , '\n') <(strip "$tmp/$name.r.json" | tr , '\n'))"
  if [ "$1" = stdp ]; then
    cmp -s "$tmp/$name.u.npy" "$tmp/$name.r.npy" && ok || bad "$name: resumed weights differ"
  fi
  [ ! -e "$ck" ] && [ ! -e "$ck.tmp" ] && [ ! -e "$ck.lock" ] && ok \
    || bad "$name: checkpoint (or its .tmp, .lock) left after the run"
}
run_killed stdp_ideal "${stdp_ideal[@]}"
run_killed stdp_chen "${stdp_chen[@]}"
run_killed stdp_label "${stdp_label[@]}"
run_killed bp_ideal "${bp_ideal[@]}"
run_killed bp_chen "${bp_chen[@]}"

# ---- SIGTERM / SIGINT: a checkpoint at the next boundary, exit 128 + signal.
stopped() { # NAME SIGNAL CODE ARGS...
  local name=$1 sig=$2 code=$3; shift 3
  local ck="$tmp/$name.ck"
  rm -f "$ck"
  "$msl" "$@" --checkpoint "$ck" --checkpoint-every 5 --quiet > "$tmp/$name.s.json" \
    2> "$tmp/$name.s.err" & local pid=$!
  # the handlers are in place once the first checkpoint is there
  for _ in $(seq 600); do [ -e "$ck" ] && break; sleep 0.05; done
  kill -"$sig" $pid; wait $pid; local rc=$?
  [ $rc -eq "$code" ] && ok || bad "$name: SIG$sig: exit $rc (expected $code): $(cat "$tmp/$name.s.err")"
  grep -q "checkpoint written to $ck" "$tmp/$name.s.err" && [ -s "$ck" ] && [ ! -s "$tmp/$name.s.json" ] \
    && ok || bad "$name: SIG$sig: $(cat "$tmp/$name.s.err")"
  cp "$ck" "$tmp/$name.saved"
  "$msl" "$@" --checkpoint "$ck" > "$tmp/$name.s.json" 2> "$tmp/$name.s.err" \
    || bad "$name: resume after SIG$sig failed: $(cat "$tmp/$name.s.err")"
  grep -q "resumed from $ck after [0-9]* samples" "$tmp/$name.s.err" && ok || bad "$name: no resume message"
  [ "$(strip "$tmp/$name.s.json")" = "$(strip "$tmp/$name.u.json")" ] && ok || bad "$name: JSON after SIG$sig differs"
}
stopped stdp_chen TERM 143 "${stdp_chen[@]}"
stopped bp_chen TERM 143 "${bp_chen[@]}"
stopped bp_ideal INT 130 "${bp_ideal[@]}"

# ---- "seconds" of a run that saves often is at most the run's wall time
# (a save once counted the time since the start again: it grew with the
# number of saves).
timed_saves() {
  local name=$1; shift
  rm -f "$tmp/$name.t.ck"
  local t0; t0=$(now)
  "$msl" "$@" --quiet --checkpoint "$tmp/$name.t.ck" --checkpoint-every 2 > "$tmp/$name.t.json" \
    || { bad "$name: run with --checkpoint-every 2 failed"; return; }
  local wall; wall=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')
  local s; s=$(tail -n 1 "$tmp/$name.t.json" | sed -E 's/.*"seconds": ([^,}]*).*/\1/')
  awk -v s="$s" -v w="$wall" 'BEGIN { exit !(s > 0 && s <= w) }' && ok \
    || bad "$name: \"seconds\" $s with saves every 2 samples, wall time ${wall}s"
}
timed_saves stdp_ideal "${stdp_ideal[@]}"
timed_saves bp_ideal "${bp_ideal[@]}"

# ---- stdp checkpointing at every presentation (so also between the
# presentations of one sample), stopped with SIGTERM up to 8 times.
presented() { # the record stdp.presented of a checkpoint (its i32 is 26 bytes after the tag)
  local at; at=$(grep -boa 'stdp.presented' "$1" | head -1 | cut -d: -f1)
  od -An -t d4 -j $((at + 26)) -N 4 "$1" | tr -d ' '
}
ck=$tmp/every1.ck mid=0 stops=0
for attempt in $(seq 9); do
  "$msl" "${stdp_chen[@]}" --quiet --save-weights "$tmp/every1.npy" --checkpoint "$ck" --checkpoint-every 1 \
    > "$tmp/every1.json" 2> "$tmp/every1.err" & pid=$!
  if [ $attempt -lt 9 ]; then
    for _ in $(seq 600); do [ -e "$ck" ] && break; sleep 0.05; done
    sleep "$(pick 1 0.05 0.5)"
    kill -TERM $pid 2> /dev/null
  fi
  wait $pid; rc=$?
  [ $rc -eq 0 ] && break
  [ $rc -eq 143 ] || { bad "every 1: exit $rc: $(cat "$tmp/every1.err")"; break; }
  stops=$((stops + 1))
  [ "$(presented "$ck")" -gt 0 ] && mid=$((mid + 1))
done
echo "stdp_chen, a checkpoint every presentation: $stops SIGTERM stops, $mid of them within a sample"
[ "$(strip "$tmp/every1.json")" = "$(strip "$tmp/stdp_chen.u.json")" ] && cmp -s "$tmp/every1.npy" "$tmp/stdp_chen.u.npy" \
  && ok || bad "every 1: resumed result differs"

# ---- refused checkpoints: exit 1, a message naming the file, the file untouched.
refused() { # FILE SUBSTRING ARGS...
  local f=$1 want=$2; shift 2
  cp "$f" "$tmp/before"
  expect_exit 1 "$f: $want" "$@" --checkpoint "$f" --quiet
  cmp -s "$f" "$tmp/before" && ok || bad "refused checkpoint $f was changed"
}
good=$tmp/stdp_chen.saved
head -c 1000 "$good" > "$tmp/trunc.ck"
refused "$tmp/trunc.ck" "truncated or damaged checkpoint (1000 bytes" "${stdp_chen[@]}"
cp "$good" "$tmp/flip.ck"
printf '\x5a' | dd of="$tmp/flip.ck" bs=1 seek=5000 conv=notrunc status=none
refused "$tmp/flip.ck" "damaged checkpoint (CRC32" "${stdp_chen[@]}"
echo "not a checkpoint" > "$tmp/foreign.ck"
refused "$tmp/foreign.ck" "not an msl checkpoint" "${stdp_chen[@]}"
cp "$good" "$tmp/other.ck"
refused "$tmp/other.ck" "checkpoint was written by a different configuration (checkpoint: --seed=1; this run: --seed=2)" \
  "${stdp_chen[@]}" --seed 2
refused "$tmp/other.ck" "checkpoint was written by a different configuration (checkpoint: --g1=0.0001; this run: --g1=0.0002)" \
  "${stdp_chen[@]/1e-4/2e-4}"
refused "$tmp/other.ck" "checkpoint was written by a different configuration (checkpoint: workload=stdp; this run: workload=bp)" \
  "${bp_chen[@]}"
# ...but the execution options are not part of the configuration.
"$msl" "${stdp_chen[@]}" --checkpoint "$tmp/other.ck" --checkpoint-every 3 --quiet --out "$tmp/o.json" \
  > "$tmp/o2.json" && [ "$(strip "$tmp/o.json")" = "$(strip "$tmp/stdp_chen.u.json")" ] && ok \
  || bad "resume with other --checkpoint-every and --out"

# ---- two runs on one checkpoint: the second is refused (exit 1) while the
# first holds FILE.lock; a killed holder leaves no stale lock.
slow=(stdp --neurons 20 --train 3000 --test 10 --label-window 1000 --quiet)
"$msl" "${slow[@]}" --checkpoint "$tmp/busy.ck" > /dev/null 2>&1 & holder=$!
for _ in $(seq 400); do [ -e "$tmp/busy.ck.lock" ] && break; sleep 0.05; done
expect_exit 1 "'$tmp/busy.ck' is in use by another run" "${slow[@]}" --checkpoint "$tmp/busy.ck"
kill -9 $holder; wait $holder 2> /dev/null
rm -f "$tmp/busy.ck" # (a checkpoint it may have written is of another configuration)
"$msl" "${stdp_ideal[@]}" --checkpoint "$tmp/busy.ck" --quiet > /dev/null 2> "$tmp/busy.err" \
  && ok || bad "after the holder's SIGKILL: $(cat "$tmp/busy.err")"
[ ! -e "$tmp/busy.ck.lock" ] && ok || bad "lock file left after the run"

# ---- option errors (usage: exit 2).
expect_exit 2 "--checkpoint-every: needs --checkpoint" "${bp_ideal[@]}" --checkpoint-every 5
expect_exit 2 "--checkpoint-every" "${bp_ideal[@]}" --checkpoint "$tmp/x.ck" --checkpoint-every 0
expect_exit 2 "--checkpoint: cannot write '$tmp/no/x.ck.tmp'" "${bp_ideal[@]}" --checkpoint "$tmp/no/x.ck"
expect_exit 2 "--checkpoint: empty file name" "${bp_ideal[@]}" --checkpoint ""
expect_exit 2 "not allowed in a sweep (each point checkpoints into DB.ckpt/)" sweep --checkpoint x --dry-run

# ---- a sweep stopped halfway (SIGTERM) resumes its points from their checkpoints.
grid=(sweep --workload bp --hidden 30 --epochs 1 --train 600 --test 50 --test-every 200 --seed 1,2 -j 2 --quiet
      --checkpoint-every 20)
"$msl" "${grid[@]}" --db "$tmp/full.db" || bad "uninterrupted sweep failed"
"$msl" "${grid[@]}" --db "$tmp/s.db" & sp=$!
for _ in $(seq 600); do # until both points have a checkpoint (up to 30 s)
  [ "$(ls "$tmp/s.db.ckpt" 2> /dev/null | grep -c '\.ckpt$')" -ge 2 ] && break
  sleep 0.05
done
kill -TERM $sp; wait $sp; rc=$?
[ $rc -eq 143 ] && ok || bad "sweep SIGTERM: exit $rc"
n=$(ls "$tmp/s.db.ckpt" | grep -c '\.ckpt$')
[ "$n" -ge 1 ] && ok || bad "no point checkpoint after the sweep's SIGTERM"
"$msl" "${grid[@]}" --db "$tmp/s.db" || bad "resumed sweep failed"
table() { sqlite3 "$1" "select point_key, status, json_remove(result_json, '$.seconds', '$.ms_per_sample',
  '$.ms_per_sample_with_tests', '$.peak_memory_mb') from runs order by point_key"; }
[ "$(table "$tmp/s.db")" = "$(table "$tmp/full.db")" ] && ok || bad "resumed sweep table differs"
[ -z "$(ls "$tmp/s.db.ckpt")" ] && ok || bad "checkpoints left after the sweep: $(ls "$tmp/s.db.ckpt")"

# ---- msl report: a running point's progress from its checkpoint (the sweep
# SIGKILLed, so its points stay 'running').
"$msl" "${grid[@]}" --db "$tmp/p.db" > /dev/null 2>&1 & sp=$!
for _ in $(seq 600); do
  [ "$(ls "$tmp/p.db.ckpt" 2> /dev/null | grep -c '\.ckpt$')" -ge 2 ] && break
  sleep 0.05
done
kill -9 $sp; wait $sp 2> /dev/null
sleep 0.5 # (its workers end on their parent's death)
"$msl" report --db "$tmp/p.db" --out "$tmp/rep" > /dev/null 2> "$tmp/p.err"
line=$(grep " seed=1 " "$tmp/p.err")
grep -Eq "running since .*: workload=bp .*train=600: [0-9]+ of 600 samples \([0-9.]+ %\), checkpoint of " \
  <<< "$line" && ok || bad "report: no progress of the running point: $(cat "$tmp/p.err")"
done_p=$(sed -nE 's/.*train=600: ([0-9]+) of 600 samples.*/\1/p' <<< "$line")
[ -n "$done_p" ] && [ "$done_p" -ge 20 ] && [ "$done_p" -le 600 ] && [ $((done_p % 20)) -eq 0 ] \
  && ok || bad "report: progress '$done_p' of 600 (a multiple of --checkpoint-every 20 expected)"

# ... and of an stdp point with a label pass: 200 training, 100 labelling
# and 40 test images, 340 samples in all.
lgrid=(sweep --workload stdp --neurons 20 --train 200 --test 40 --label-window 100
  --label-pass 100 --seed 1 -j 1 --checkpoint-every 20)
"$msl" "${lgrid[@]}" --db "$tmp/l.db" > /dev/null 2>&1 & sp=$!
for _ in $(seq 600); do
  [ "$(ls "$tmp/l.db.ckpt" 2> /dev/null | grep -c '\.ckpt$')" -ge 1 ] && break
  sleep 0.05
done
kill -9 $sp; wait $sp 2> /dev/null
sleep 0.5
"$msl" report --db "$tmp/l.db" --out "$tmp/lrep" > /dev/null 2> "$tmp/l.err"
grep -Eq "running since .*label-pass=100.*: [0-9]+ of 340 samples \([0-9.]+ %\)" "$tmp/l.err" \
  && ok || bad "report: a label-pass point's progress: $(cat "$tmp/l.err")"

echo "cli_checkpoint: $pass passed, $fail failed"
exit $((fail > 0))
