#!/usr/bin/env bash
# test.sh: build msl with AddressSanitizer + UndefinedBehaviorSanitizer and run
# the whole CTest suite (unit tests, CLI tests, an end-to-end learning run).
# Needs MNIST (scripts/fetch-mnist.sh) for the data tests; they skip without it.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${MSL_TEST_BUILD:-build-test}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMSL_SANITIZE=ON >/dev/null
cmake --build "$build" -j"$(nproc)" 2>&1 | grep -E "warning:|error:" && { echo "test.sh: compiler warnings or errors" >&2; exit 1; } || true
cmake --build "$build" -j"$(nproc)" >/dev/null
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd "$build" && ctest --output-on-failure -j"$(nproc)" "$@"
