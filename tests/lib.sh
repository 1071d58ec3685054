# lib.sh: shared by the CLI tests (tests/cli_*.sh): the msl binary, pass/fail
# counters, a temporary folder removed on exit. Source it first.
set -uo pipefail
msl=${MSL_BIN:?}
fail=0; pass=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# expect_err SUBSTRING ARGS...: `msl ARGS` must fail with SUBSTRING on stderr.
expect_err() {
  local want=$1; shift
  if "$msl" "$@" > "$tmp/e.out" 2> "$tmp/e.err"; then bad "accepted: $*"; return; fi
  grep -q -- "$want" "$tmp/e.err" && ok || bad "message for '$*' lacks '$want': $(cat "$tmp/e.err")"
}
# expect_exit CODE SUBSTRING ARGS...: `msl ARGS` must exit with CODE (2: usage
# error, 1: runtime error) and SUBSTRING on stderr.
expect_exit() {
  local code=$1 want=$2; shift 2
  "$msl" "$@" > "$tmp/e.out" 2> "$tmp/e.err"; local rc=$?
  [ "$rc" -eq "$code" ] || { bad "exit $rc (expected $code): $* : $(cat "$tmp/e.err")"; return; }
  grep -q -- "$want" "$tmp/e.err" && ok || bad "message for '$*' lacks '$want': $(cat "$tmp/e.err")"
}
# Whether msl was built with AddressSanitizer (it reserves terabytes of
# address space, so `ulimit -v` cannot be used with it): CMake says so in
# MSL_SANITIZED; ldd is the fallback for a hand-run file (static libasan or
# a missing ldd would hide it, as on one CI machine).
msl_asan() { [ "${MSL_SANITIZED:-0}" = 1 ] || ldd "$msl" 2> /dev/null | grep -q libasan; }
