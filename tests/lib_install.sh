#!/usr/bin/env bash
# lib_install.sh: libmsl as an outside program sees it. Configures a
# library-only build (MSL_BUILD_CLI=OFF, with SQLite and MPI made
# unfindable, so configuring must not look for them), builds it, installs it
# into a fresh prefix, then builds examples/chen_wta.c with nothing but
# `cc FILE $(pkg-config --cflags --libs msl)` (shared library) and with the
# static library and `pkg-config --static --libs msl`, and runs both (they
# skip with 77 without MNIST, which skips this test after the build checks).
set -uo pipefail
src=${MSL_SOURCE_DIR:?}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
unset CFLAGS LDFLAGS
if ! cmake -S "$src" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release -DMSL_BUILD_CLI=OFF \
     -DCMAKE_DISABLE_FIND_PACKAGE_SQLite3=ON -DCMAKE_DISABLE_FIND_PACKAGE_MPI=ON \
     -DCMAKE_INSTALL_PREFIX="$tmp/prefix" > "$tmp/configure.log" 2>&1; then
  cat "$tmp/configure.log"; echo "FAIL: library-only configure"; exit 1
fi
# CMake lists the CMAKE_DISABLE_FIND_PACKAGE_* variables as unused exactly
# when no find_package() asked for those packages; and the cache holds none
# of their variables.
for p in MPI SQLite3; do
  sed -n '/not used by the project/,$p' "$tmp/configure.log" | grep -q "CMAKE_DISABLE_FIND_PACKAGE_$p" ||
    bad "library-only configure looked for $p"
done
if grep -E -i "^(SQLite3|MPI|GNUPLOT)[A-Za-z_]*:" "$tmp/build/CMakeCache.txt"; then
  bad "library-only configure cached SQLite, MPI or gnuplot settings"
fi
cmake --build "$tmp/build" -j2 --target msl msl_static > "$tmp/build.log" 2>&1 ||
  { cat "$tmp/build.log"; echo "FAIL: library-only build"; exit 1; }
cmake --install "$tmp/build" > "$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; echo "FAIL: cmake --install"; exit 1; }
[ ! -e "$tmp/prefix/bin/msl" ] || bad "a library-only install installed the msl program"
pcdir=$(dirname "$(find "$tmp/prefix" -name msl.pc | head -1)")
[ -f "$pcdir/msl.pc" ] || { echo "FAIL: no msl.pc installed"; exit 1; }
libdir=$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=libdir msl)
for f in "$libdir/libmsl.so" "$libdir/libmsl.a"; do [ -e "$f" ] || bad "not installed: $f"; done
for h in "$src"/include/msl/*.h; do
  cmp -s "$h" "$tmp/prefix/include/msl/$(basename "$h")" || bad "header not installed: $(basename "$h")"
done
pc() { PKG_CONFIG_PATH=$pcdir pkg-config "$@" msl; }
# The static library needs libzip, zlib and libm after it; the shared one only -lmsl.
static_libs=$(pc --static --libs)
for l in -lzip -lz -lm; do echo " $static_libs " | grep -q -- " $l " || bad "pkg-config --static --libs lacks $l: $static_libs"; done
pc --libs | grep -q -- "-lzip" && bad "pkg-config --libs (shared) lists the private -lzip"

# Shared: exactly the documented command.
cd "$tmp" || exit 1
cc "$src/examples/chen_wta.c" $(pc --cflags --libs) -o chen_wta_shared ||
  { echo "FAIL: building the example against the installed shared library"; exit 1; }
grep -q "NEEDED.*libmsl.so" <<< "$(readelf -d chen_wta_shared)" || bad "the example does not link libmsl.so"
# The other example builds the same way (run by hand: it takes a minute).
cc "$src/examples/conv_stdp.c" $(pc --cflags --libs) -o conv_stdp_shared ||
  bad "building examples/conv_stdp.c against the installed shared library"
# Static: the archive, with the static dependencies pkg-config lists.
cc "$src/examples/chen_wta.c" $(pc --cflags) $(pc --static --libs | sed 's/-lmsl /-l:libmsl.a /') \
  -o chen_wta_static || bad "building the example against the installed static library"
grep -q "NEEDED.*libmsl" <<< "$(readelf -d chen_wta_static 2>/dev/null)" && bad "the static example needs libmsl.so"

LD_LIBRARY_PATH=$libdir ./chen_wta_shared > shared.out 2> shared.err; rc=$?
if [ $rc = 77 ]; then
  cat shared.err; [ $fail = 0 ] && { echo "install and builds OK; SKIP the run: no MNIST"; exit 77; }
  exit 1
fi
[ $rc = 0 ] || { cat shared.err; bad "the example (shared) exited $rc"; }
./chen_wta_static > static.out 2> static.err || { cat static.err; bad "the example (static) failed"; }
cmp -s shared.out static.out || bad "the shared and static examples print different results"
cat shared.out
# 20 images, every one with spikes, and a positive energy.
python3 - shared.out <<'PY' || fail=1
import sys
lines = open(sys.argv[1]).read().splitlines()
rows = [l.split() for l in lines[1:21]]
ok = len(rows) == 20 and all(int(r[2]) > 0 for r in rows)
e = [l for l in lines if l.startswith("programming energy:")]
ok = ok and e and float(e[0].split()[2]) > 0
print("example output", "OK" if ok else "FAIL: unexpected")
sys.exit(0 if ok else 1)
PY
exit $fail
