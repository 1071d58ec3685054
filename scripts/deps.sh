#!/usr/bin/env bash
# deps.sh: install what msl needs to build, test and fetch data, from Debian's
# packages (skips what is already there). Needs root or sudo.
set -euo pipefail
pkgs=(build-essential cmake pkg-config libzip-dev zlib1g-dev libsqlite3-dev sqlite3
      libgsl-dev gnuplot-nox libopenmpi-dev openmpi-bin python3 python3-numpy python3-pytest python3-matplotlib ca-certificates
      clang-14 libclang-rt-14-dev)  # clang: libFuzzer for scripts/fuzz.sh
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm: any working npm will do (e.g. the one bundled with a nodesource nodejs,
# which conflicts with Debian's npm package).
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all packages present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
