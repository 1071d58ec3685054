#!/usr/bin/env bash
# fetch-fashion.sh: install Fashion-MNIST (Zalando's 28x28 clothing images in
# MNIST's four-file IDX format, gzip-compressed) from Debian's package
# dataset-fashion-mnist (30 MB), which puts the four .gz files in
# /usr/share/datasets/fashion-mnist; msl reads them there as they are:
#   msl stdp --data /usr/share/datasets/fashion-mnist ...
# Optional: nothing else needs it (tests/cli_fashion.sh skips without it).
# Needs root or sudo.
set -euo pipefail
dir=/usr/share/datasets/fashion-mnist
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
present() { for f in "${files[@]}"; do [ -f "$dir/$f.gz" ] || return 1; done; }
if ! present; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "fetch-fashion: installing dataset-fashion-mnist"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends dataset-fashion-mnist >/dev/null
  present || { echo "fetch-fashion: dataset-fashion-mnist did not install $dir/*.gz" >&2; exit 1; }
fi
echo "Fashion-MNIST in $dir (use --data $dir)"
