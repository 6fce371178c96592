#!/usr/bin/env bash
# Installs what the tests need (npm packages; Debian's chromium when /usr/bin/chromium and CHROMIUM_PATH
# are both missing) and runs every test: type check, unit tests, end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is missing: install Debian's chromium package (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
    exit 1
  fi
  echo "Installing Debian's chromium package for the end-to-end tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi

npm ci --no-audit --no-fund
npm test
