#!/usr/bin/env bash
# cli_sweep_mpi.sh: `mpirun -n 3 msl sweep` on localhost gives the same
# database contents (apart from host, rank and timings) as `msl sweep -j 2`;
# points are spread over the worker ranks. Skips (77) without mpirun, without
# MPI support in this build, or without MNIST.
source "$(dirname "$0")/lib.sh"
command -v mpirun > /dev/null || { echo "SKIP: no mpirun"; exit 77; }
data=${MSL_DATA:-$HOME/.local/share/msl/mnist}
[ -f "$data/train-images-idx3-ubyte" ] || { echo "SKIP: MNIST not installed in $data"; exit 77; }
# Containers: root needs these two; more ranks than cores needs --oversubscribe.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpi=(mpirun -n 3 --oversubscribe)
# Under ASan: OpenMPI's own allocations from MPI_Init (in components it
# dlopens) are reported as leaks at exit; leaks of msl itself are checked by
# the other tests.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"

grid=(--lr 0.01,0.02,0.03 --seed 1,2 --neurons 10 --train 50 --test 20 --label-window 25 --quiet)
timeout 120 "${mpi[@]}" "$msl" sweep "${grid[@]}" --db "$tmp/mpi.db" > "$tmp/mpi.out" 2>&1; rc=$?
if grep -q "built without MPI" "$tmp/mpi.out"; then echo "SKIP: msl built without MPI"; exit 77; fi
[ $rc -eq 0 ] && ok || bad "mpirun sweep: exit $rc: $(cat "$tmp/mpi.out")"
"$msl" sweep "${grid[@]}" -j 2 --db "$tmp/local.db" || bad "local sweep failed"
table() { sqlite3 "$1" "select point_key, status, attempts, test_accuracy, json_remove(result_json,
  '$.seconds', '$.ms_per_presentation', '$.peak_memory_mb') from runs order by point_key"; }
[ "$(table "$tmp/mpi.db")" = "$(table "$tmp/local.db")" ] && ok || bad "MPI and -j 2 databases differ"
[ "$(sqlite3 "$tmp/mpi.db" "select count(*) from runs where status='done'")" = 6 ] && ok || bad "6 points done"
[ "$(sqlite3 "$tmp/mpi.db" "select count(*) from runs where rank in (1, 2)")" = 6 ] && ok || bad "ranks"
# Restarting under MPI runs nothing.
timeout 60 "${mpi[@]}" "$msl" sweep "${grid[@]}" --db "$tmp/mpi.db" > "$tmp/mpi2.out" 2>&1 || bad "mpirun rerun"
[ "$(sqlite3 "$tmp/mpi.db" "select sum(attempts) from runs")" = 6 ] && ok || bad "MPI rerun ran points again"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
