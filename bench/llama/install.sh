#!/usr/bin/env bash
# Installs llama.cpp for bench/llama/compare.py: the prebuilt library of the npm package
# @node-llama-cpp/linux-x64 (pinned), into work/llama.cpp/ (git-ignored), and compiles bench/llama/driver.c
# against it. Nothing of llama.cpp is compiled or downloaded from anywhere else. Prints the driver's path.
set -euo pipefail
VERSION=3.22.1
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="$root/work/llama.cpp"
lib="$dir/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64"
mkdir -p "$dir"
if [ ! -f "$lib/libllama.v0.5.0.so" ] || ! grep -q "\"version\": \"$VERSION\"" "$dir/node_modules/@node-llama-cpp/linux-x64/package.json"; then
  command -v npm >/dev/null || { echo "install.sh: npm is needed (apt-get install npm)" >&2; exit 1; }
  npm install --no-save --no-package-lock --ignore-scripts --prefix "$dir" "@node-llama-cpp/linux-x64@$VERSION" >&2
fi
libllama="$(cd "$lib" && ls libllama.*.so | head -n 1)"
libggml="$(cd "$lib" && ls libggml.*.so | head -n 1)"
if [ ! -x "$dir/driver" ] || [ "$root/bench/llama/driver.c" -nt "$dir/driver" ]; then
  gcc -O2 -std=c11 -Wall -Wextra -DBACKEND_DIR="\"$lib\"" -o "$dir/driver" "$root/bench/llama/driver.c" \
      -L"$lib" -l:"$libllama" -l:"$libggml" -Wl,-rpath,"$lib"
fi
echo "$dir/driver"
