#!/usr/bin/env bash
# cli_docs.sh: every option a command's --help lists is documented, in the
# README or in docs/*.md (as `--option`), and every command `msl --help`
# lists has a --help of its own.
source "$(dirname "$0")/lib.sh"
src=${MSL_SOURCE_DIR:?}
docs=("$src/README.md" "$src"/docs/*.md)
cmds=$("$msl" --help | awk '/^commands:/ { on = 1; next } on && NF { print $1 }')
[ -n "$cmds" ] && ok || bad "msl --help lists no commands"
for c in $cmds; do
  "$msl" "$c" --help > "$tmp/h" 2>&1 || { bad "msl $c --help failed"; continue; }
  # (a family such as --mos-* is documented by its members)
  for o in $(sed 's/--[a-z0-9-]*-\*//g' "$tmp/h" | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u); do
    grep -qE -- "\`$o([^a-z0-9-]|\$)" "${docs[@]}" && ok || bad "msl $c: $o is in --help but not in README.md or docs/"
  done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
