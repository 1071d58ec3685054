#!/usr/bin/env bash
# fuzz.sh SECONDS [HARNESS...]: build the libFuzzer harnesses (tests/fuzz/,
# clang, AddressSanitizer + UndefinedBehaviorSanitizer, into build-fuzz/ or
# $MSL_FUZZ_BUILD) and run each for SECONDS, one after the other, starting
# from its committed seed corpus tests/fuzz/corpus/<harness>/. Prints, per
# harness, the executions, coverage (cov: edges, ft: features), corpus size
# and the verdict; exits non-zero if any harness crashed, leaked, hit a
# sanitizer report, ran out of memory (2 GB) or took over 10 s on one input.
# Inputs that failed are kept in build-fuzz/artifacts/; new corpus entries in
# build-fuzz/corpus/<harness>/ (the committed seeds are never modified).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:?usage: scripts/fuzz.sh SECONDS [HARNESS...]}
shift
build=${MSL_FUZZ_BUILD:-build-fuzz}
cc=${MSL_FUZZ_CC:-$(command -v clang-14 || command -v clang || true)}
[ -n "$cc" ] || { echo "fuzz.sh: clang not found (scripts/deps.sh installs clang-14)" >&2; exit 1; }
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  for f in tests/fuzz/fuzz_*.c; do harnesses+=("$(basename "$f" .c)"); done
fi
cmake -S . -B "$build" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMSL_FUZZ=ON \
  -DMSL_NATIVE=OFF -DMSL_MPI=OFF >/dev/null
cmake --build "$build" -j"${MSL_FUZZ_JOBS:-2}" --target "${harnesses[@]}" >/dev/null
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p "$build/artifacts" "$build/logs"
status=0
printf '%-10s %12s %8s %8s %7s  %s\n' harness execs cov ft corpus result
for h in "${harnesses[@]}"; do
  seeds=tests/fuzz/corpus/$h
  work=$build/corpus/$h
  log=$build/logs/$h.log
  mkdir -p "$work" "$seeds"
  rc=0
  extra=()
  # the option parsers print a line per bad value; keep it out of the log
  [ "$h" = fuzz_opts ] && extra=(-close_fd_mask=2)
  "$build/$h" "${extra[@]}" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$h-" "$work" "$seeds" >"$log" 2>&1 || rc=$?
  # the last status line ("#N DONE cov: C ft: F corp: K/..." or "#N pulse ...")
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | awk '{print $2}' || true)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<<"$last")
  result=ok
  if [ $rc -ne 0 ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY: ' "$log"; then
    result="FAILED (exit $rc; see $log)"
    status=1
  fi
  printf '%-10s %12s %8s %8s %7s  %s\n' "$h" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
done
exit $status
