# lib.sh: shared by the CLI tests (tests/cli_*.sh): the msl binary, pass/fail
# counters, a temporary folder removed on exit. Source it first.
set -uo pipefail
msl=${MSL_BIN:?}
fail=0; pass=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
