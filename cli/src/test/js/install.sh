#!/usr/bin/env bash
# Installs what the client tests need (ServeClientsTest skips them when it is missing):
# the npm packages of this folder (openai, playwright-core), and Debian's chromium when run as root with apt.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "install.sh: npm is missing; the client tests will be skipped" >&2; exit 0; }
npm ci --no-audit --no-fund
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
