#!/usr/bin/env bash
# snapshot.sh: copy results/*.sqlite here (SQLite's online backup, safe while
# a sweep writes) with one JSON line per finished run in NAME.jsonl.
# Usage: experiments/results/snapshot.sh [NAME.sqlite ...]   (default: every results/*.sqlite)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] || set -- results/*.sqlite
for f in "$@"; do
  n=$(basename "$f" .sqlite)
  sqlite3 "$f" ".backup experiments/results/$n.sqlite"
  # a rollback-journal file: readers of the snapshot (msl report) then leave
  # no -wal/-shm files beside it (a sweep that writes it makes it WAL again)
  sqlite3 "experiments/results/$n.sqlite" "PRAGMA journal_mode=DELETE" > /dev/null
  sqlite3 "experiments/results/$n.sqlite" "select result_json from runs where status = 'done' order by finished_at" \
    > "experiments/results/$n.jsonl"
  echo "snapshot: $n: $(wc -l < "experiments/results/$n.jsonl") finished runs"
done
