#!/usr/bin/env bash
# python-setup.sh: make `import msl` work for this user with Debian's python3,
# from this checkout: a msl.pth file in the user's site-packages names
# python/ (Python's own mechanism for extra paths; no pip, nothing copied, so
# a rebuilt build/libmsl.so is used at once). Undo: rm the file it prints.
# Needs build/libmsl.so (cmake --build build) and numpy (scripts/deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
py=/usr/bin/python3
[ -x "$py" ] || py=python3
site=$("$py" -m site --user-site)
mkdir -p "$site"
echo "$PWD/python" > "$site/msl.pth"
# Byte-compile the package and the examples now, as pip does when it installs:
# with PYTHONDONTWRITEBYTECODE set (common in containers) Python would
# otherwise compile them again at every start (15-25 ms of a short run).
# A stale .pyc is only ignored (Python compares the source's mtime).
"$py" -m compileall -q python/msl examples/python > /dev/null
"$py" -c "import msl; print('python-setup: import msl works (' + msl.__file__ + '), via $site/msl.pth')"
