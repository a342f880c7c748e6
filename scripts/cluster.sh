#!/usr/bin/env bash
# `make cluster`: the production topology on this machine, in the foreground, each piece its own process:
#
#   PostgreSQL (data in $DATA_DIR/cluster/postgresql, kept between runs) → the schema steps (cluster/schema.sh)
#   → the Temporal services history, matching, frontend and internal worker (cluster/temporal-service.sh on
#   cluster/temporal.yaml) → the namespace and the search attributes (scripts/cluster-namespace.ts) → the
#   Temporal UI → two service workers and two API processes on their own ports.
#
# It then supervises them as compose's `restart: unless-stopped` would: whatever exits is started again
# after a second (logged to stdout as `[cluster] <name> exited (status N); restarting`). Ctrl-C (or
# SIGTERM) stops everything in the reverse order and exits 0. Once all is up it writes the time it took to
# $DATA_DIR/cluster/run/ready; $DATA_DIR/cluster/run/<name>.pid holds each piece's pid (tests/cluster reads
# both). Logs: $DATA_DIR/cluster/logs/<name>.log.
#
# Environment (all optional): DATA_DIR (data), CLUSTER_PORT_OFFSET (0: added to every default port below),
# DB_PORT (5433), FRONTEND_GRPC_PORT (7233), FRONTEND_HTTP_PORT (7243), HISTORY_GRPC_PORT (7234),
# MATCHING_GRPC_PORT (7235), WORKER_GRPC_PORT (7239), their *_MEMBERSHIP_PORT (6933, 6934, 6935, 6939),
# TEMPORAL_UI_PORT (8233), API_PORTS ("3000 3001"), CLUSTER_WORKERS (2), POSTGRES_PWD (temporal),
# START_TIMEOUT (120 s). Every variable of config/env.ts passes through to the workers and the APIs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/poll-until.sh

TEMPORAL_DIR=$(scripts/install-temporal-server.sh)
OFFSET=${CLUSTER_PORT_OFFSET:-0}
DATA_DIR=${DATA_DIR:-data}
START_TIMEOUT=${START_TIMEOUT:-120}
CLUSTER_WORKERS=${CLUSTER_WORKERS:-2}
API_PORTS=${API_PORTS:-"$((3000 + OFFSET)) $((3001 + OFFSET))"}
TEMPORAL_UI_PORT=${TEMPORAL_UI_PORT:-$((8233 + OFFSET))}

# The variables of cluster/temporal.yaml and cluster/schema.sh.
export POSTGRES_SEEDS=127.0.0.1 POSTGRES_USER=temporal POSTGRES_PWD=${POSTGRES_PWD:-temporal}
export DB_PORT=${DB_PORT:-$((5433 + OFFSET))}
export FRONTEND_GRPC_PORT=${FRONTEND_GRPC_PORT:-$((7233 + OFFSET))} FRONTEND_HTTP_PORT=${FRONTEND_HTTP_PORT:-$((7243 + OFFSET))}
export HISTORY_GRPC_PORT=${HISTORY_GRPC_PORT:-$((7234 + OFFSET))} MATCHING_GRPC_PORT=${MATCHING_GRPC_PORT:-$((7235 + OFFSET))}
export WORKER_GRPC_PORT=${WORKER_GRPC_PORT:-$((7239 + OFFSET))}
export FRONTEND_MEMBERSHIP_PORT=${FRONTEND_MEMBERSHIP_PORT:-$((6933 + OFFSET))} HISTORY_MEMBERSHIP_PORT=${HISTORY_MEMBERSHIP_PORT:-$((6934 + OFFSET))}
export MATCHING_MEMBERSHIP_PORT=${MATCHING_MEMBERSHIP_PORT:-$((6935 + OFFSET))} WORKER_MEMBERSHIP_PORT=${WORKER_MEMBERSHIP_PORT:-$((6939 + OFFSET))}
export TEMPORAL_SERVER=$PWD/$TEMPORAL_DIR/temporal-server SQL_TOOL=$PWD/$TEMPORAL_DIR/temporal-sql-tool SCHEMA_DIR=$PWD/$TEMPORAL_DIR/schema
# The workers and the APIs (config/env.ts) share DATA_DIR: outbox, documents, the local signing key.
export TEMPORAL_ADDRESS=127.0.0.1:$FRONTEND_GRPC_PORT DATA_DIR
export TEMPORAL_NAMESPACE=${TEMPORAL_NAMESPACE:-default}

CLUSTER_DIR=$DATA_DIR/cluster
PG_DATA=$CLUSTER_DIR/postgresql
LOG_DIR=$CLUSTER_DIR/logs
RUN_DIR=$CLUSTER_DIR/run
TEMPORAL_SERVICES=(history matching frontend worker)
ORDER=(postgresql "${TEMPORAL_SERVICES[@]/#/temporal-}")   # start order; stopped in reverse
declare -A CMD=() PID=()
STOP=0

say() { printf '[cluster] %s\n' "$*"; }
fail() { printf '[cluster] error: %s\n' "$*" >&2; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# PostgreSQL refuses to run as root: as root it runs as the postgres user (Debian's package makes it), else nobody.
PG_BIN=$(command -v postgres >/dev/null && dirname "$(readlink -f "$(command -v postgres)")" || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
AS_PG=()
if [ "$(id -u)" = 0 ]; then
  pg_user=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
  AS_PG=(setpriv --reuid="$pg_user" --regid="$(id -g "$pg_user")" --init-groups --)
fi

# Starts a piece in a session of its own (a Ctrl-C reaches only this script), output appended to its log.
launch() { # name
  local name=$1
  setsid bash -c "exec ${CMD[$name]}" </dev/null >>"$LOG_DIR/$name.log" 2>&1 &
  PID[$name]=$!
  echo "${PID[$name]}" >"$RUN_DIR/$name.pid"
}

trap 'STOP=1' INT TERM HUP

stop_all() {
  local i name pid deadline
  for ((i = ${#ORDER[@]} - 1; i >= 0; i--)); do
    name=${ORDER[$i]}
    pid=${PID[$name]:-}
    [ -n "$pid" ] || continue
    # PostgreSQL: SIGINT is its fast shutdown (SIGTERM would wait for the clients).
    if [ "$name" = postgresql ]; then kill -INT "$pid" 2>/dev/null || true; else kill -TERM "$pid" 2>/dev/null || true; fi
    deadline=$((SECONDS + ${SHUTDOWN_TIMEOUT_SECONDS:-30} + 15))
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    rm -f "$RUN_DIR/$name.pid"
  done
  rm -f "$RUN_DIR/ready"
}
trap 'STOP=1; stop_all' EXIT

# Restarts whatever exited (a supervisor's job); acts on a stop request first.
supervise_once() {
  local name status
  if [ "$STOP" = 1 ]; then
    say "stopping ..."
    stop_all
    trap - EXIT
    say "stopped."
    exit 0
  fi
  for name in "${ORDER[@]}"; do
    if [ -n "${PID[$name]:-}" ] && ! kill -0 "${PID[$name]}" 2>/dev/null; then
      status=0
      wait "${PID[$name]}" 2>/dev/null || status=$?
      say "$name exited (status $status); restarting"
      launch "$name"
    fi
  done
}

wait_until() { # description command...
  local what=$1
  shift
  if ! poll_until "$START_TIMEOUT" supervise_once "$@"; then
    fail "$what did not answer within ${START_TIMEOUT}s (logs in $LOG_DIR)."
    exit 1
  fi
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$DB_PORT"; }
frontend_ready() { .tools/py/bin/temporal operator cluster health --address "$TEMPORAL_ADDRESS" --command-timeout 3s | grep -q SERVING; }
http_ok() { curl -fsS -o /dev/null --max-time 3 "$1"; }

# --- Preflight -------------------------------------------------------------------------------------------
for p in "DB_PORT=$DB_PORT" "FRONTEND_GRPC_PORT=$FRONTEND_GRPC_PORT" "FRONTEND_HTTP_PORT=$FRONTEND_HTTP_PORT" \
  "HISTORY_GRPC_PORT=$HISTORY_GRPC_PORT" "MATCHING_GRPC_PORT=$MATCHING_GRPC_PORT" "WORKER_GRPC_PORT=$WORKER_GRPC_PORT" \
  "FRONTEND_MEMBERSHIP_PORT=$FRONTEND_MEMBERSHIP_PORT" "HISTORY_MEMBERSHIP_PORT=$HISTORY_MEMBERSHIP_PORT" \
  "MATCHING_MEMBERSHIP_PORT=$MATCHING_MEMBERSHIP_PORT" "WORKER_MEMBERSHIP_PORT=$WORKER_MEMBERSHIP_PORT" \
  "TEMPORAL_UI_PORT=$TEMPORAL_UI_PORT" $(for port in $API_PORTS; do echo "API_PORTS=$port"; done); do
  if port_busy "${p#*=}"; then
    fail "port ${p#*=} (${p%%=*}) is in use: is another cluster running? Stop it, or set CLUSTER_PORT_OFFSET."
    exit 1
  fi
done
if [ ! -x "$PG_BIN/postgres" ] || [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_isready" ]; then
  fail "PostgreSQL (postgres, initdb, pg_isready) was found neither on PATH nor in /usr/lib/postgresql/*/bin."
  exit 1
fi
# Temporal's PostgreSQL schema keeps the membership ports in a smallint column.
for p in "$FRONTEND_MEMBERSHIP_PORT" "$HISTORY_MEMBERSHIP_PORT" "$MATCHING_MEMBERSHIP_PORT" "$WORKER_MEMBERSHIP_PORT"; do
  if [ "$p" -gt 32767 ]; then
    fail "membership port $p is above 32767, which Temporal's schema cannot store: lower CLUSTER_PORT_OFFSET (at most 25828)."
    exit 1
  fi
done
mkdir -p "$LOG_DIR" "$RUN_DIR"
if [ ${#AS_PG[@]} -gt 0 ] && ! "${AS_PG[@]}" test -x "$CLUSTER_DIR"; then
  fail "PostgreSQL runs as $pg_user, who cannot reach $CLUSTER_DIR (a parent folder is closed to others): set DATA_DIR to a folder it can reach."
  exit 1
fi
started=$SECONDS

# --- PostgreSQL ------------------------------------------------------------------------------------------
if [ ! -f "$PG_DATA/PG_VERSION" ]; then
  say "creating the PostgreSQL cluster in $PG_DATA ..."
  rm -rf "$PG_DATA"
  mkdir -p "$PG_DATA"
  pwfile=$CLUSTER_DIR/.pgpass-init
  printf '%s\n' "$POSTGRES_PWD" >"$pwfile"
  if [ ${#AS_PG[@]} -gt 0 ]; then chown "$pg_user" "$PG_DATA" "$pwfile"; fi
  "${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U "$POSTGRES_USER" --pwfile="$pwfile" --auth-host=scram-sha-256 \
    --auth-local=peer -E UTF8 --locale=C.UTF-8 >"$LOG_DIR/initdb.log" 2>&1 || { fail "initdb failed: $(tail -n 3 "$LOG_DIR/initdb.log")"; exit 1; }
  rm -f "$pwfile"
fi
# On loopback only, no Unix socket (nothing here needs one, and none clashes with a system PostgreSQL).
CMD[postgresql]="$(printf '%q ' "${AS_PG[@]}" "$PG_BIN/postgres" -D "$PG_DATA" -p "$DB_PORT" -c listen_addresses=127.0.0.1 -c unix_socket_directories=)"
say "starting PostgreSQL on 127.0.0.1:$DB_PORT ..."
launch postgresql
wait_until "PostgreSQL" pg_ready

say "schema steps (cluster/schema.sh) ..."
cluster/schema.sh >>"$LOG_DIR/schema.log" 2>&1 || { fail "the schema steps failed: see $LOG_DIR/schema.log"; exit 1; }

# --- Temporal --------------------------------------------------------------------------------------------
for service in "${TEMPORAL_SERVICES[@]}"; do
  CMD[temporal-$service]="cluster/temporal-service.sh $service"
  say "starting Temporal $service ..."
  launch "temporal-$service"
done
wait_until "The Temporal frontend ($TEMPORAL_ADDRESS)" frontend_ready
node --import tsx scripts/cluster-namespace.ts | sed 's/^/[cluster] /'

# --- UI, workers, APIs -----------------------------------------------------------------------------------
if [ -x "$TEMPORAL_DIR/temporal-ui-server" ]; then
  ORDER+=(temporal-ui)
  CMD[temporal-ui]="env TEMPORAL_UI_PORT=$TEMPORAL_UI_PORT $(printf '%q' "$TEMPORAL_DIR/temporal-ui-server") --root cluster --config temporal-ui --env production start"
  launch temporal-ui
fi
for ((i = 1; i <= CLUSTER_WORKERS; i++)); do
  ORDER+=("worker-$i")
  CMD[worker-$i]="scripts/worker.sh"
  launch "worker-$i"
done
i=0
for port in $API_PORTS; do
  i=$((i + 1))
  ORDER+=("api-$i")
  CMD[api-$i]="env PORT=$port node --import tsx api/server.ts"
  launch "api-$i"
done
for port in $API_PORTS; do wait_until "The API on port $port" http_ok "http://127.0.0.1:$port/health/ready"; done
if [ -n "${CMD[temporal-ui]:-}" ]; then wait_until "The Temporal UI" http_ok "http://127.0.0.1:$TEMPORAL_UI_PORT/"; fi
echo "$((SECONDS - started))" >"$RUN_DIR/ready"

cat <<EOF

[cluster] Everything is running (started in $((SECONDS - started)) s).
  PostgreSQL          127.0.0.1:$DB_PORT (user $POSTGRES_USER; data in $PG_DATA)
  Temporal frontend   $TEMPORAL_ADDRESS (history :$HISTORY_GRPC_PORT, matching :$MATCHING_GRPC_PORT, worker :$WORKER_GRPC_PORT)
  Temporal UI         $([ -n "${CMD[temporal-ui]:-}" ] && echo "http://127.0.0.1:$TEMPORAL_UI_PORT (namespace $TEMPORAL_NAMESPACE)" || echo "not built")
  Workers             $CLUSTER_WORKERS on task queue ${TASK_QUEUE:-bac-son-plan} (campaigns on ${CAMPAIGN_TASK_QUEUE:-${TASK_QUEUE:-bac-son-plan}-campaigns})
$(for port in $API_PORTS; do echo "  API                 http://127.0.0.1:$port/api/v1 (console on /, docs on /docs)"; done)
  Logs                $LOG_DIR/<name>.log

Ctrl-C stops everything; the data stays in $CLUSTER_DIR (\`make clean-data\` deletes it).
EOF

while true; do
  supervise_once
  sleep 0.5 || true
done
