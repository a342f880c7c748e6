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
# shellcheck source=scripts/apt-install.sh
. "$(dirname "$0")/apt-install.sh"
apt_install "the console's browser tests" chromium fonts-dejavu-core || exit 0
"$BROWSER" --version >/dev/null 2>&1 || { echo "chromium installed but does not start: $BROWSER --version" >&2; exit 1; }
