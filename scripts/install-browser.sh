#!/usr/bin/env bash
# `make install`: Debian's chromium for the console's browser tests (tests/console), where it is missing.
# playwright-core drives this system browser (no browser download of its own, which this network refuses).
# As root (CI) it is installed with apt-get; otherwise the command to run is printed and the install goes on,
# since only the browser tests need it (they say so when it is missing).
set -euo pipefail

BROWSER=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$BROWSER" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing ($BROWSER); the console's browser tests need it: sudo apt-get install -y chromium" >&2
  exit 0
fi
echo "apt-get install chromium (for the console's browser tests)"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; an old list may name versions no longer served.
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
"$BROWSER" --version >/dev/null 2>&1 || { echo "chromium installed but does not start: $BROWSER --version" >&2; exit 1; }
