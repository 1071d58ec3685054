#!/usr/bin/env bash
# lib_cxx.sh: the public headers compile as C++ (g++ -Wall -Wextra -Werror,
# C++11 and C++17), all of them in one translation unit, and their functions
# have C linkage (the object refers to unmangled msl_ names).
set -uo pipefail
src=${MSL_SOURCE_DIR:?}
command -v g++ > /dev/null || { echo "SKIP: no g++"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
{
  for h in "$src"/include/msl/*.h; do echo "#include <msl/$(basename "$h")>"; done
  cat <<'CXX'
int main() {
  msl_net *net = msl_net_new();
  msl_encoder *enc = msl_encoder_new(4);
  msl_rng r;
  msl_rng_seed(&r, 1, MSL_STREAM_INPUT);
  int ok = net && enc && msl_rng_u64(&r) != 0 && msl_error() != nullptr;
  msl_encoder_free(enc);
  msl_net_free(net);
  return ok ? 0 : 1;
}
CXX
} > "$tmp/all.cpp"
fail=0
for std in c++11 c++17; do
  g++ -std=$std -Wall -Wextra -Werror -I"$src/include" -c "$tmp/all.cpp" -o "$tmp/all.o" ||
    { echo "FAIL: headers do not compile as $std"; fail=1; continue; }
  und=$(nm -u "$tmp/all.o" | awk '{print $NF}')
  grep -q '^msl_net_new$' <<< "$und" || { echo "FAIL: msl_net_new has no C linkage ($std)"; fail=1; }
  if grep -q '^_Z.*msl_' <<< "$und"; then echo "FAIL: mangled msl_ names ($std)"; fail=1; fi
done
[ $fail = 0 ] && echo "all $(ls "$src"/include/msl/*.h | wc -l) public headers compile as C++ with C linkage"
exit $fail
