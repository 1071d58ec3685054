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
