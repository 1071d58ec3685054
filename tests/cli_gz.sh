#!/usr/bin/env bash
# cli_gz.sh: `--data` on a folder of gzip-compressed IDX files (NAME.gz, as
# MNIST is distributed): both workloads give the same JSON as on the plain
# files, and damaged gzip data is exit 1 with one line naming the file.
source "$(dirname "$0")/lib.sh"

data=${MSL_DATA:-$HOME/.local/share/msl/mnist}
if [ ! -f "$data/train-images-idx3-ubyte" ]; then
  echo "SKIP: MNIST not installed in $data (scripts/fetch-mnist.sh)"; exit 77
fi
mkdir "$tmp/gz"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte \
         t10k-labels-idx1-ubyte; do
  gzip -1 -c "$data/$f" > "$tmp/gz/$f.gz"
done

strip() { tail -1 "$1" | sed -E 's/"(seconds|ms_per_[a-z_]*|peak_memory_mb)": [^,}]*//g'; }
# same_json NAME ARGS...: `msl ARGS` on the plain and the .gz folder.
same_json() {
  local name=$1; shift
  "$msl" "$@" --quiet --data "$data" > "$tmp/$name.plain" 2> "$tmp/e.err" ||
    { bad "$name on plain files failed: $(cat "$tmp/e.err")"; return; }
  "$msl" "$@" --quiet --data "$tmp/gz" > "$tmp/$name.gz" 2> "$tmp/e.err" ||
    { bad "$name on .gz files failed: $(cat "$tmp/e.err")"; return; }
  [ "$(strip "$tmp/$name.plain")" = "$(strip "$tmp/$name.gz")" ] && ok ||
    bad "$name: .gz files give another JSON"
}
same_json stdp stdp --neurons 20 --train 300 --test 100 --label-window 100
same_json bp bp --hidden 50 --epochs 1 --train 300 --test 100 --test-every 100

# Damaged: the test labels' gzip data cut short, then its CRC changed.
lab=$tmp/gz/t10k-labels-idx1-ubyte.gz
gzip -1 -c "$data/t10k-labels-idx1-ubyte" > "$tmp/lab.gz"
head -c 3000 "$tmp/lab.gz" > "$lab"
expect_exit 1 "msl: $lab: truncated gzip data" stdp --data "$tmp/gz" --neurons 10 --train 10 --test 10
size=$(stat -c %s "$tmp/lab.gz")
cp "$tmp/lab.gz" "$lab"
printf '\xff' | dd of="$lab" bs=1 seek=$((size - 8)) conv=notrunc status=none
expect_exit 1 "msl: $lab: corrupt gzip data: incorrect data check" \
  bp --data "$tmp/gz" --hidden 10 --train 10 --test 10
[ "$(grep -c "$lab" "$tmp/e.err")" = 1 ] && ok || bad "more than one line naming $lab: $(cat "$tmp/e.err")"

echo "cli_gz: $pass passed, $fail failed"
[ $fail -eq 0 ]
