# common.sh: shared by the figure scripts: options, the msl binary, the
# lookup table, and the sweep + report steps. Source it; then call
# figure_begin NAME, sweep_part WORKLOAD SWEEP-ARGS... (once per device
# family), figure_end NAME.
# Options of every figure script:
#   --quick        small networks and data (minutes on 2 cores) instead of the paper's protocol
#   -j N           local worker processes [nproc]; under mpirun, give -n instead
#   --db FILE      results database [results/NAME[-quick].sqlite]
#   --out DIR      report directory [results/NAME[-quick]]
#   --no-lut       leave the lookup-table device out
#   --dt-pre S     width of the device runs' column pulses [1e-9, SPEC]; 1e-8 (as
#                  wide as the row pulses) reproduces the paper's energies
#                  (README, Results); results go to NAME-dtpreS files
# Environment: MSL_BIN (msl binary [build/msl]), MSL_LUT (table file
# [../shared/model_data/1t1r_Paiyu_15.npz]), MSL_MPIRUN (e.g. "mpirun -n 8":
# run the sweep under MPI).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
msl=${MSL_BIN:-$root/build/msl}
lut=${MSL_LUT:-$root/../shared/model_data/1t1r_Paiyu_15.npz}
quick=0; jobs=$(nproc); db=""; out=""; use_lut=1; pulse=()
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    -j) jobs=$2; shift ;;
    --db) db=$2; shift ;;
    --out) out=$2; shift ;;
    --no-lut) use_lut=0 ;;
    --dt-pre) pulse=(--dt-pre "$2"); shift ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "$0: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$msl" ] || { echo "$0: no msl binary at $msl (build first, or set MSL_BIN)" >&2; exit 1; }
if [ $use_lut -eq 1 ] && [ ! -f "$lut" ]; then
  echo "$0: lookup table $lut not found (set MSL_LUT): leaving the lut device out" >&2
  use_lut=0
fi

# figure_begin NAME: choose the database and output folder of a figure.
figure_begin() {
  local tag=$1; [ $quick -eq 1 ] && tag=$1-quick
  [ ${#pulse[@]} -gt 0 ] && tag=$tag-dtpre${pulse[1]}
  db=${db:-$root/results/$tag.sqlite}
  out=${out:-$root/results/$tag}
  mkdir -p "$(dirname "$db")" "$out"
  t0=$SECONDS
}

# sweep_part WORKLOAD ARGS...: one sweep into the figure's database (devices
# whose amplitudes live on different scales get their own part; resumable:
# run the script again after an interruption).
sweep_part() {
  local workload=$1; shift
  # (the sweep passes --dt-pre to the device runs only, not to ideal ones)
  ${MSL_MPIRUN:-} "$msl" sweep --workload "$workload" "$@" "${pulse[@]}" -j "$jobs" --db "$db" ||
    echo "sweep: some points failed (see the runs table); run the script again to retry them" >&2
}

# figure_end NAME: the table and plots.
figure_end() {
  echo "$1: sweeps took $((SECONDS - t0)) s; database $db" >&2
  "$msl" report --db "$db" --out "$out"
  ls -l "$out"/*.png "$out"/*.svg "$out"/table.* >&2
}
