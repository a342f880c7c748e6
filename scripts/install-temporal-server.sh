#!/usr/bin/env bash
# Builds the Temporal server (frontend, history, matching and internal worker are services of one binary), its
# schema tool and the Temporal UI server from the Go module proxy into .tools/temporal-server/<version>/, and
# copies the PostgreSQL schemas next to them. For `make cluster` and `make test-cluster` only (Go ≥ 1.26.5
# needed; not part of `make install`, which everyone runs). Each binary is built once per version: a second
# run builds nothing. The first build takes about 5 minutes on 2 cores; it prints the time each one took.
set -euo pipefail
cd "$(dirname "$0")/.."
# Pinned together with cluster/temporal.yaml; v1.32.2 needs a newer Go than the machines have.
TEMPORAL_SERVER_VERSION=1.32.0
# The newest UI server whose go.mod accepts Go 1.26.8 (2.56.0 and later ask for 1.26.9 or 1.26.10).
TEMPORAL_UI_VERSION=2.55.0

dest=.tools/temporal-server/$TEMPORAL_SERVER_VERSION
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
if [ ! -x "$GO" ]; then
  echo "install-temporal-server.sh: Go is needed to build the Temporal server (none on PATH nor /usr/local/go/bin)." >&2
  exit 1
fi
# The machines' Go, never a toolchain fetched on the side.
export GOTOOLCHAIN=local
mkdir -p "$dest"

build() { # binary-name module/package@version
  local name=$1 pkg=$2 tmp start
  if [ -x "$dest/$name" ] && [ -f "$dest/.built-$name" ] && [ "$(cat "$dest/.built-$name")" = "$pkg" ]; then
    return 0
  fi
  echo "building $name from $pkg into $dest ..." >&2
  start=$SECONDS
  tmp=$(mktemp -d)
  GOBIN="$tmp" "$GO" install "$pkg" >&2
  mv -f "$tmp/$(basename "${pkg%@*}")" "$dest/$name"
  rmdir "$tmp"
  echo "$pkg" >"$dest/.built-$name"
  echo "built $name in $((SECONDS - start)) s" >&2
}

build temporal-server "go.temporal.io/server/cmd/server@v$TEMPORAL_SERVER_VERSION"
build temporal-sql-tool "go.temporal.io/server/cmd/tools/sql@v$TEMPORAL_SERVER_VERSION"
build temporal-ui-server "github.com/temporalio/ui-server/v2/cmd/server@v$TEMPORAL_UI_VERSION"

# The versioned PostgreSQL schemas (persistence and visibility) of this server version, from the module cache.
if [ ! -f "$dest/schema/.copied" ]; then
  src="$("$GO" env GOMODCACHE)/go.temporal.io/server@v$TEMPORAL_SERVER_VERSION/schema/postgresql"
  rm -rf "$dest/schema"
  mkdir -p "$dest/schema"
  cp -R "$src" "$dest/schema/postgresql"
  chmod -R u+w "$dest/schema"
  touch "$dest/schema/.copied"
fi

# Where it all is, for scripts/cluster.sh.
echo "$dest"
