#!/usr/bin/env bash
# lib_python.sh: the Python package (python/msl) over the libmsl.so just built,
# tested with pytest (python/tests), and the examples' quick checks. Uses
# Debian's /usr/bin/python3 (numpy: python3-numpy, pytest: python3-pytest;
# scripts/deps.sh installs them); skipped without them. In a sanitizer build
# the sanitizers' runtimes are preloaded into the interpreter (leak checking
# off: the interpreter itself keeps memory until exit).
set -uo pipefail
src=${MSL_SOURCE_DIR:?}
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
"$py" -c "import numpy, pytest" 2> /dev/null || { echo "SKIP: no numpy or pytest for $py"; exit 77; }
export MSL_LIB=${MSL_LIB:?}
if [ "${MSL_SANITIZED:-0}" = 1 ]; then
  pre=""
  for r in libasan.so libubsan.so; do
    f=$(gcc -print-file-name=$r)
    [ -e "$f" ] && pre="$pre $f"
  done
  export LD_PRELOAD="${pre# }"
  export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
fi
cd "$src" && exec "$py" -m pytest -q -p no:cacheprovider python/tests
