#!/usr/bin/env bash
# cli_hostile.sh: `msl report` on inputs that are not files of results: a
# FIFO as --db, --weights or the MNIST data must fail at once (it used to
# wait forever), and /dev/zero or an endless line as --curves must fail with
# a message naming the file and line (it used to grow without bound).
# Each command runs under `timeout`, so a hang is a failure, not a stall.
source "$(dirname "$0")/lib.sh"

# expect_quick SUBSTRING ARGS...: `msl ARGS` must fail within 20 s, with
# SUBSTRING on stderr.
expect_quick() {
  local want=$1; shift
  timeout 20 "$msl" "$@" > "$tmp/q.out" 2> "$tmp/q.err"
  local rc=$?
  if [ $rc -eq 0 ]; then bad "accepted: $*"; return; fi
  if [ $rc -eq 124 ]; then bad "hangs: $*"; return; fi
  grep -q -- "$want" "$tmp/q.err" && ok || bad "message for '$*' lacks '$want': $(cat "$tmp/q.err")"
}

mkfifo "$tmp/fifo"
expect_quick "$tmp/fifo is not a regular file" report --db "$tmp/fifo" --out "$tmp/r" --no-plots
expect_quick "$tmp/fifo: is a FIFO" report --weights "$tmp/fifo" --out "$tmp/r"
expect_quick "/dev/zero:1: line longer than 4 MiB" report --curves /dev/zero --out "$tmp/r" --no-plots
# A FIFO as the MNIST images: refused before anything is read.
mkdir "$tmp/mnist" && mkfifo "$tmp/mnist/train-images-idx3-ubyte"
expect_quick "train-images-idx3-ubyte: is a FIFO" stdp --data "$tmp/mnist" --neurons 10 --train 10 --test 10
# A 5 MiB line without a newline in a regular file.
head -c 5242880 /dev/zero | tr '\0' 'x' > "$tmp/long.jsonl"
expect_quick "long.jsonl:1: line longer than 4 MiB" report --curves "$tmp/long.jsonl" --out "$tmp/r" --no-plots
# More than 64 MiB of short lines (blank lines count too).
head -c 70000000 /dev/zero | tr '\0' '\n' > "$tmp/many.jsonl"
expect_quick "input longer than 64 MiB" report --curves "$tmp/many.jsonl" --out "$tmp/r" --no-plots
rm -f "$tmp/long.jsonl" "$tmp/many.jsonl"
# A NUL byte inside a line.
printf '{"workload": "bp"}\0junk\n' > "$tmp/nul.jsonl"
expect_quick "nul.jsonl:1: a NUL byte" report --curves "$tmp/nul.jsonl" --out "$tmp/r" --no-plots

echo "cli_hostile: $pass passed, $fail failed"
[ $fail -eq 0 ]
