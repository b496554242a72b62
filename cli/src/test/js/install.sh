#!/usr/bin/env bash
# Installs what the client tests need (the tests skip themselves when it is missing):
# the npm packages of this folder (openai, playwright-core) and Debian's chromium when run as root with apt,
# for ServeClientsTest; and in llama.cpp/ llama.cpp's prebuilt library (@node-llama-cpp/linux-x64, driven through
# node-llama-cpp) for GgufExportLlamaCppTest, on Linux x86-64, where that prebuilt library exists.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "install.sh: npm is missing; the client tests will be skipped" >&2; exit 0; }
npm ci --no-audit --no-fund
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
if [ "$(uname -sm)" = "Linux x86_64" ]; then
  # npm install (not ci) with the committed lock: the registry lacks some of node-llama-cpp's optional
  # platform packages, which npm ci insists on; --omit=optional skips the GPU builds, --ignore-scripts its
  # postinstall step (it would try to download or build llama.cpp)
  (cd llama.cpp && npm install --no-audit --no-fund --omit=optional --ignore-scripts)
else
  echo "install.sh: no prebuilt llama.cpp for $(uname -sm); GgufExportLlamaCppTest will be skipped" >&2
fi
